/**
 * Page facts from the live DOM, pure over a Document and its Window (the injected script
 * `entrypoints/extract-page.ts` passes the real ones; unit tests pass happy-dom documents).
 * Every page-controlled string is bounded (bounds.ts).
 */
import type { SelectionInfo, ViewportInfo } from '../domain/collected-capture';
import { readArticle, type ArticleProblem } from './article';
import { extractPageInfo, type PageFacts } from './page-info';
import { extractSelection } from './selection';

export { extractOpenGraph, normalisePublished } from './meta-tags';
export { extractPageInfo } from './page-info';

export interface ExtractedPage {
  page: PageFacts;
  viewport: ViewportInfo;
  selection: SelectionInfo | null;
  /**
   * Why the page has no Readability part (article text, Readability's byline and date), when it
   * was refused or failed; absent or null when it ran. The collector reports it as a problem.
   */
  articleProblem?: ArticleProblem | null;
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

export interface ExtractOptions {
  /** Off for the bench's baseline and for callers that only need the <meta>/JSON-LD facts. */
  readability?: boolean;
}

export function extractPageMetadata(doc: Document, win: Window, options: ExtractOptions = {}): ExtractedPage {
  const outcome = options.readability === false ? null : readArticle(doc);
  const page = extractPageInfo(doc, outcome?.ok ? outcome.result : null);
  return {
    page,
    viewport: extractViewport(doc, win),
    selection: extractSelection(doc, win),
    articleProblem: outcome && !outcome.ok ? outcome.problem : null,
  };
}
