/** Reading <meta>/<link> values, bounded (bounds.ts). */
import { BOUNDS, bound, cleanText } from './bounds';

/** OpenGraph-family prefixes kept in `page.opengraph` (property exactly as written). */
const META_PREFIX = /^(og|twitter|article|profile|book|video|music|fb|al):/i;

export function metaContent(doc: Document, selector: string): string | null {
  const element = doc.querySelector<HTMLMetaElement>(selector);
  return element ? cleanText(element.getAttribute('content')) : null;
}

export function extractOpenGraph(doc: Document): Record<string, string> {
  const tags: Record<string, string> = {};
  let count = 0;
  for (const meta of Array.from(doc.querySelectorAll('meta[property], meta[name]'))) {
    const key = (meta.getAttribute('property') || meta.getAttribute('name') || '').trim();
    if (!META_PREFIX.test(key) || key.length > BOUNDS.metaKey || Object.hasOwn(tags, key)) continue;
    const content = meta.getAttribute('content');
    if (content === null) continue;
    tags[key] = bound(content)!;
    if (++count >= BOUNDS.metaEntries) break;
  }
  return tags;
}

/** ISO-8601 when the value reads as a date, else the raw (bounded) value, else null. */
export function normalisePublished(raw: string | null): string | null {
  if (!raw) return null;
  const value = raw.trim();
  if (/\d{4}/.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date.toISOString();
  }
  return bound(value);
}

export function absoluteUrl(href: string | null, base: string): string | null {
  if (!href) return null;
  try {
    return bound(new URL(href.trim(), base).href);
  } catch {
    return bound(href);
  }
}

/** `fr_FR` (og:locale) → `fr-FR`. */
export function localeToLanguage(locale: string | null): string | null {
  return locale && /^[a-z]{2,3}([_-][A-Za-z]{2,4})?$/.test(locale) ? locale.replace('_', '-') : null;
}
