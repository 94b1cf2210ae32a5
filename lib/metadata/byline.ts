/**
 * Bylines and dates printed in the page itself, for pages whose <meta>/JSON-LD name no author:
 * microdata (`itemprop="author"`), `rel="author"` links (https://html.spec.whatwg.org/#link-type-author),
 * `byline`/`author` classes, and a short "By …" line near the headline. Cheap: a few selector
 * queries and at most BYLINE_SCAN_LIMIT short elements read.
 */
import { cleanName, authorUrl } from './names';

export interface PageByline {
  name: string;
  url: string | null;
}

const BYLINE_SELECTORS = [
  '[itemprop~="author" i] [itemprop~="name" i]',
  '[itemprop~="author" i]',
  'a[rel~="author" i]',
  '[class~="byline" i] [class*="author" i]',
  '[class~="byline" i]',
  '[class*="byline" i]',
  '[class~="author" i]',
  '[class*="author-name" i]',
];
const BYLINE_SCAN_LIMIT = 2_000;
/** A byline is short: longer text in a `byline`/`author` element is a bio or a list, not a name. */
const MAX_BYLINE_CHARS = 120;
const BY_LINE = /^\s*(?:by|By|BY|par|Par|por|Por|von|Von)\s+\p{Lu}/u;
/** Comment threads, related-article rails and page furniture name other people. */
const ELSEWHERE =
  'template, script, style, noscript, nav, footer, aside, [class*="comment" i], [id*="comment" i], [class*="related" i]';
/** Words that join names in a byline ("Jane Doe and John Roe", "Hans von Trapp"). */
const JOINERS = new Set([
  'and',
  'und',
  'et',
  'y',
  'e',
  'i',
  'og',
  'en',
  '&',
  'von',
  'van',
  'der',
  'den',
  'de',
  'da',
  'di',
  'del',
  'la',
  'le',
  'bin',
  'al',
  'ibn',
]);

/** A "By …" line names people only when every word is capitalised or joins names ("By clicking here" does not). */
function readsAsNames(name: string): boolean {
  if (!/\p{Lu}|\p{Ll}/u.test(name)) return true; // a script without case (Han, Arabic, …)
  return name
    .split(/[\s,]+/)
    .filter(Boolean)
    .every((word) => /^\p{Lu}/u.test(word) || JOINERS.has(word.toLowerCase()));
}

/** Links to an author's page ("/author/jane-doe", "/journaliste/…", "/people/…"). */
const AUTHOR_PATH = /author|auteur|autor|journalist|people|profile|staff|writer|redaktion|redacc/i;

function profileUrl(link: Element | null | undefined, base: string): string | null {
  const href = link?.getAttribute('href') ?? null;
  return href && AUTHOR_PATH.test(href) ? authorUrl(href, base) : null;
}

function nameFrom(element: Element, base: string): PageByline | null {
  const text = element.getAttribute('content') ?? element.textContent ?? '';
  if (text.trim().length > MAX_BYLINE_CHARS) {
    // An author box (name, role, "follow" links): the name is the text of its link to the author's page.
    for (const link of Array.from(element.querySelectorAll('a[href]')).slice(0, 10)) {
      const name =
        profileUrl(link, base) && (link.textContent ?? '').length <= MAX_BYLINE_CHARS
          ? cleanName(link.textContent)
          : null;
      if (name) return { name, url: profileUrl(link, base) };
    }
    return null;
  }
  const name = cleanName(text);
  if (!name) return null;
  return { name, url: profileUrl(element.closest('a[href]') ?? element.querySelector('a[href]'), base) };
}

/** The first byline the page prints, or null. Skips `<meta>` (read by the caller) and hidden templates. */
export function findPageByline(doc: Document): PageByline | null {
  const base = doc.baseURI;
  for (const selector of BYLINE_SELECTORS) {
    for (const element of Array.from(doc.querySelectorAll(selector)).slice(0, 20)) {
      if (element.tagName === 'META' || element.closest(ELSEWHERE)) continue;
      const found = nameFrom(element, base);
      if (found) return found;
    }
  }
  const lines = doc.body?.querySelectorAll('p, span, div, address, li') ?? [];
  for (let i = 0; i < lines.length && i < BYLINE_SCAN_LIMIT; i++) {
    const element = lines[i]!;
    // Only leaves-ish lines: an element whose text is a whole "By …" line, not a container of one.
    if (element.childElementCount > 3) continue;
    const text = element.textContent ?? '';
    if (text.length <= MAX_BYLINE_CHARS && BY_LINE.test(text) && !element.closest(ELSEWHERE)) {
      const found = nameFrom(element, base);
      if (found && readsAsNames(found.name)) return found;
    }
  }
  return null;
}

const DATE_SELECTORS = [
  'time[pubdate]',
  '[itemprop~="datePublished" i][datetime]',
  '[itemprop~="datePublished" i][content]:not(meta)',
  '[class*="byline" i] time[datetime]',
  'article header time[datetime]',
  'header time[datetime]',
  'article time[datetime]',
];

/** The publication date the page prints in a machine-readable attribute, or null. */
export function findPageDate(doc: Document): string | null {
  for (const selector of DATE_SELECTORS) {
    const element = doc.querySelector(selector);
    const value = element?.getAttribute('datetime') ?? element?.getAttribute('content');
    if (value?.trim()) return value;
  }
  return null;
}

/**
 * A publication day in the page's address, the last resort: `/2015/03/18/` or `/20150512-slug`
 * (news sites' common permalink forms). Returns `YYYY-MM-DD`, or null when there is none or it
 * is not a real day.
 */
export function dateInUrl(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const match =
    /\/((?:19|20)\d{2})[/-](\d{2})[/-](\d{2})(?:[/_-]|$)/.exec(path) ??
    /\/((?:19|20)\d{2})(\d{2})(\d{2})[_-]/.exec(path);
  if (!match) return null;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day)
    ? `${year}-${month}-${day}`
    : null;
}
