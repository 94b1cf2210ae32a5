/**
 * The article as Firefox's Reader View sees it (`@mozilla/readability`, Apache-2.0), run on a clone
 * so the live page is never changed. Runs only inside the injected extraction script.
 *
 * Readability is synchronous and cannot be interrupted, so its cost is bounded by refusing pages
 * over BOUNDS.articleMaxElements elements or BOUNDS.articleMaxChars characters; such a page keeps
 * its <meta>/JSON-LD facts and the caller reports the reason.
 */
import { Readability } from '@mozilla/readability';
import { BOUNDS, bound, cleanText } from './bounds';
import { plainText } from './plain-text';

export interface ArticleInfo {
  title: string | null;
  byline: string | null;
  excerpt: string | null;
  /** Plain text, paragraphs separated by blank lines, at most BOUNDS.articleText characters. */
  text: string;
  /** Length of the whole plain text, before any cut. */
  length: number;
  truncated: boolean;
}

/** What Readability found: the article (null when it found none) and the facts it read beside it. */
export interface ReadabilityResult {
  article: ArticleInfo | null;
  byline: string | null;
  publishedTime: string | null;
  siteName: string | null;
  lang: string | null;
  dir: string | null;
  excerpt: string | null;
}

export type ArticleProblem =
  { reason: 'too_large'; elements: number; chars: number } | { reason: 'failed'; message: string };

export type ArticleOutcome =
  { ok: true; result: ReadabilityResult; ms: number } | { ok: false; problem: ArticleProblem };

export interface ArticleLimits {
  maxElements: number;
  maxChars: number;
  maxText: number;
}

const LIMITS: ArticleLimits = {
  maxElements: BOUNDS.articleMaxElements,
  maxChars: BOUNDS.articleMaxChars,
  maxText: BOUNDS.articleText,
};

function tooLarge(doc: Document, limits: ArticleLimits): ArticleProblem | null {
  const elements = doc.getElementsByTagName('*').length;
  // textContent of a huge page is itself a cost; the element count is read first and is cheap.
  const chars = elements > limits.maxElements ? 0 : (doc.body?.textContent?.length ?? 0);
  if (elements > limits.maxElements || chars > limits.maxChars) return { reason: 'too_large', elements, chars };
  return null;
}

export function readArticle(
  doc: Document,
  limits: ArticleLimits = LIMITS,
  now: () => number = () => performance.now(),
): ArticleOutcome {
  const problem = tooLarge(doc, limits);
  if (problem) return { ok: false, problem };
  const started = now();
  try {
    const clone = doc.cloneNode(true) as Document;
    const parsed = new Readability<Element>(clone, {
      maxElemsToParse: limits.maxElements,
      // Keep the element: plainText() walks it to keep paragraph breaks that textContent loses.
      serializer: (node) => node as Element,
    }).parse();
    const text = parsed?.content ? plainText(parsed.content) : '';
    const article: ArticleInfo | null =
      parsed && text
        ? {
            title: cleanText(parsed.title, BOUNDS.title),
            byline: cleanText(parsed.byline),
            excerpt: cleanText(parsed.excerpt),
            text: bound(text, limits.maxText)!,
            length: text.length,
            truncated: text.length > limits.maxText,
          }
        : null;
    const result: ReadabilityResult = {
      article,
      byline: cleanText(parsed?.byline),
      publishedTime: cleanText(parsed?.publishedTime),
      siteName: cleanText(parsed?.siteName),
      lang: cleanText(parsed?.lang, 100),
      dir: parsed?.dir === 'rtl' || parsed?.dir === 'ltr' ? parsed.dir : null,
      excerpt: cleanText(parsed?.excerpt),
    };
    return { ok: true, result, ms: Math.round(now() - started) };
  } catch (error) {
    return { ok: false, problem: { reason: 'failed', message: bound(String(error), 300)! } };
  }
}
