/**
 * Page facts from the live DOM, pure over a Document and its Window (the injected script
 * `entrypoints/extract-page.ts` passes the real ones; unit tests pass happy-dom documents).
 * Every page-controlled string is bounded (bounds.ts).
 */
import type { PageInfo, SelectionInfo, ViewportInfo } from '../domain/collected-capture';
import { BOUNDS, bound, cleanText } from './bounds';
import { extractJsonLd, jsonLdField } from './json-ld';
import { extractSelection } from './selection';

export interface ExtractedPage {
  page: PageInfo;
  viewport: ViewportInfo;
  selection: SelectionInfo | null;
}

/** OpenGraph-family prefixes kept in `page.opengraph` (property exactly as written). */
const META_PREFIX = /^(og|twitter|article|profile|book|video|music|fb|al):/i;

function metaContent(doc: Document, selector: string): string | null {
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

function absoluteUrl(href: string | null, base: string): string | null {
  if (!href) return null;
  try {
    return bound(new URL(href.trim(), base).href);
  } catch {
    return bound(href);
  }
}

export function extractPageInfo(doc: Document): PageInfo {
  const opengraph = extractOpenGraph(doc);
  const jsonLd = extractJsonLd(doc);
  const og = (key: string) => cleanText(opengraph[key] ?? null);
  const canonical = doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href') ?? null;
  const language =
    cleanText(doc.documentElement.getAttribute('lang'), 100) ??
    metaContent(doc, 'meta[http-equiv="content-language" i]');
  return {
    url: bound(doc.URL)!,
    title: cleanText(doc.title, BOUNDS.title) ?? cleanText(og('og:title'), BOUNDS.title),
    canonical_url: absoluteUrl(canonical, doc.baseURI),
    description: metaContent(doc, 'meta[name="description" i]') ?? og('og:description'),
    language: language ? bound(language, 100) : null,
    site_name: og('og:site_name') ?? metaContent(doc, 'meta[name="application-name" i]'),
    author:
      metaContent(doc, 'meta[name="author" i]') ??
      og('article:author') ??
      cleanText(jsonLdField(jsonLd, 'author')),
    published_at: normalisePublished(
      og('article:published_time') ??
        metaContent(doc, 'meta[name="date" i], meta[itemprop="datePublished"], meta[name="pubdate" i]') ??
        cleanText(jsonLdField(jsonLd, 'datePublished')),
    ),
    opengraph,
    json_ld: jsonLd,
  };
}

export function extractViewport(doc: Document, win: Window): ViewportInfo {
  return {
    width: win.innerWidth,
    height: win.innerHeight,
    device_pixel_ratio: win.devicePixelRatio,
    scroll_width: Math.max(doc.documentElement.scrollWidth, doc.body?.scrollWidth ?? 0),
    scroll_height: Math.max(doc.documentElement.scrollHeight, doc.body?.scrollHeight ?? 0),
  };
}

export function extractPageMetadata(doc: Document, win: Window): ExtractedPage {
  return { page: extractPageInfo(doc), viewport: extractViewport(doc, win), selection: extractSelection(doc, win) };
}
