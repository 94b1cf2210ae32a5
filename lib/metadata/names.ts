/**
 * Names and URLs out of page-controlled text: a name never holds markup or a URL
 * (an `article:author` value is a profile URL by definition, https://ogp.me/#type_article).
 */
import { BOUNDS, bound, cleanText } from './bounds';

/** A scheme (`https://`, `mailto:`), a protocol-relative or root path, `www.`, or `host.tld/path` — all without spaces. */
export function looksLikeUrl(value: string): boolean {
  const text = value.trim();
  if (!text || /\s/.test(text)) return false;
  return (
    /^(?:[a-z][a-z\d+.-]*:\/\/|mailto:|tel:)\S/i.test(text) ||
    text.startsWith('/') ||
    /^www\./i.test(text) ||
    /^[\w-]+(\.[\w-]+)+\/\S*$/.test(text)
  );
}

/** Tags removed and entities of the common kind decoded, for values that were written with markup in them. */
export function stripMarkup(value: string): string {
  return value
    .slice(0, BOUNDS.string * 4)
    .replace(/<[^>]*>?/g, ' ')
    .replace(
      /&(nbsp|amp|lt|gt|quot|#39);/g,
      (_, entity: string) => ({ nbsp: ' ', amp: '&', lt: ' ', gt: ' ', quot: '"', '#39': "'" })[entity] ?? ' ',
    );
}

/** "By", in the languages whose pages print it before the name; only when a capitalised word follows. */
const BY_PREFIX = /^(?:by|By|BY|par|Par|por|Por|von|Von|door|Door|av|Av|от|От|автор:?|Автор:?)\s+(?=\p{Lu})/u;
/** Italian "di" is also a surname particle ("di Stefano"): taken as "by" only before two or more words. */
const DI_PREFIX = /^(?:di|Di)\s+(?=\p{Lu}\S*\s+\S)/u;
/** A byline often goes on with the date or the role after a separator. */
const TRAILER = /\s+(?:[|•·]|—\s|-\s(?=\d)).*$/u;

/** A person's or organisation's name from a byline or a meta value, or null when it is empty or a URL. */
export function cleanName(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const text = cleanText(stripMarkup(raw), BOUNDS.name * 2);
  if (!text) return null;
  const name = text
    .replace(BY_PREFIX, '')
    .replace(DI_PREFIX, '')
    .replace(TRAILER, '')
    .replace(/^[,;:|•·—–\s-]+|[,;:|•·—–\s-]+$/gu, '');
  if (!name || looksLikeUrl(name) || !/\p{L}/u.test(name)) return null;
  return bound(name, BOUNDS.name);
}

/** An absolute URL for an author profile, or null. */
export function authorUrl(raw: string | null | undefined, base: string): string | null {
  const text = raw?.trim();
  if (!text || !looksLikeUrl(text)) return null;
  try {
    const url = new URL(text, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? bound(url.href) : null;
  } catch {
    return null;
  }
}
