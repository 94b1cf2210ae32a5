/**
 * From what the page answered (in-page.ts) to the links a person may send: web addresses only
 * (`javascript:`, `mailto:`, `data:` … mean nothing to Atlos's archiver), the fragment removed,
 * each page once (the first occurrence keeps its text), numbered 1… in selection order.
 */
import type { RawSelectionLinks } from './in-page';

/** A link as offered in the popup and sent as a batch item. */
export interface SelectionLink {
  url: string;
  /** The link's text, trimmed and bounded; empty when the link has none (an image link). */
  text: string;
  /** 1-based, among the links kept. */
  position: number;
}

export const LINK_LIMITS = {
  /** Links read from one selection; more are reported, not kept. */
  maxLinks: 1000,
  /** Characters of link text kept (it is shown, and recorded in the metadata). */
  maxText: 300,
  /** Characters of a URL; a longer one is left out rather than cut into a different address. */
  maxUrl: 4096,
} as const;

/** The URL as it will be sent: http(s) only, absolute, without fragment; null for anything else. */
export function normaliseLinkUrl(raw: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname) return null;
  url.hash = '';
  return url.href;
}

/**
 * Two links name the same page when their normalised URLs differ only in the host's case, a default
 * port (both already folded by `URL`) or a trailing slash of the path with no query.
 */
export function linkKey(url: string): string {
  const parsed = new URL(url);
  const text = parsed.href;
  return parsed.search === '' && parsed.pathname.length > 1 && text.endsWith('/') ? text.slice(0, -1) : text;
}

export interface SelectionLinks {
  pageUrl: string;
  links: SelectionLink[];
  /** Links left out because they were not web addresses (e.g. `javascript:`, `mailto:`). */
  skipped: number;
  /** The selection held more links than were read. */
  truncated: boolean;
}

export function normaliseSelectionLinks(raw: RawSelectionLinks, limits = LINK_LIMITS): SelectionLinks {
  const seen = new Set<string>();
  const links: SelectionLink[] = [];
  let skipped = 0;
  const input = Array.isArray(raw.links) ? raw.links.slice(0, limits.maxLinks) : [];
  const base = typeof raw.pageUrl === 'string' && URL.canParse(raw.pageUrl) ? raw.pageUrl : undefined;
  for (const entry of input) {
    const href = typeof entry?.href === 'string' ? entry.href : '';
    const url = href.length <= limits.maxUrl ? normaliseLinkUrl(href, base) : null;
    if (!url) {
      skipped += 1;
      continue;
    }
    const key = linkKey(url);
    if (seen.has(key)) continue;
    seen.add(key);
    const text = typeof entry.text === 'string' ? entry.text.replace(/\s+/g, ' ').trim().slice(0, limits.maxText) : '';
    links.push({ url, text, position: links.length + 1 });
  }
  return {
    pageUrl: typeof raw.pageUrl === 'string' ? raw.pageUrl.slice(0, limits.maxUrl) : '',
    links,
    skipped,
    truncated: raw.truncated === true || (Array.isArray(raw.links) && raw.links.length > limits.maxLinks),
  };
}
