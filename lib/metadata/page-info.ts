/**
 * The page facts, each from the first source that has it, and which source that was
 * (`page.sources`), so a reader of the metadata can weigh it:
 * `document` (the DOM itself: <title>, <html lang/dir>), `meta` (<meta> tags), `json_ld`,
 * `readability` (Firefox's Reader View engine, article.ts) and `page` (a byline or date
 * printed in the page, byline.ts) and `url` (a date in the page's address, byline.ts).
 */
import type { PageInfo } from '../domain/collected-capture';
import type { ArticleInfo, ReadabilityResult } from './article';
import { BOUNDS, bound, cleanText } from './bounds';
import { dateInUrl, findPageByline, findPageDate } from './byline';
import { extractJsonLd, jsonLdAuthorUrl, jsonLdField } from './json-ld';
import { absoluteUrl, extractOpenGraph, localeToLanguage, metaContent, normalisePublished } from './meta-tags';
import { authorUrl, cleanName } from './names';

export type FactSource = 'document' | 'meta' | 'json_ld' | 'readability' | 'page' | 'url';
export type SourcedField =
  'title' | 'description' | 'language' | 'dir' | 'site_name' | 'author' | 'author_url' | 'published_at';

/** PageInfo plus the fields added in this version of `atlos-browser-capture/1` (all optional there). */
export interface PageFacts extends PageInfo {
  author_url?: string | null;
  dir?: 'ltr' | 'rtl' | null;
  sources?: Partial<Record<SourcedField, FactSource>>;
  /** Readability's article; null when it found none, or was not run (too large a page). */
  article?: ArticleInfo | null;
}

type Candidate<T> = readonly [FactSource, T | null | undefined];

function picker(sources: Partial<Record<SourcedField, FactSource>>) {
  return <T>(field: SourcedField, ...candidates: Array<Candidate<T> | (() => Candidate<T>)>): T | null => {
    for (const entry of candidates) {
      // A function is a candidate that is costly to compute: only read when the earlier ones are empty.
      const [source, value] = typeof entry === 'function' ? entry() : entry;
      if (value !== null && value !== undefined && value !== '') {
        sources[field] = source;
        return value;
      }
    }
    return null;
  };
}

const htmlDir = (value: string | null | undefined) => {
  const dir = value?.trim().toLowerCase();
  return dir === 'rtl' || dir === 'ltr' ? dir : null;
};

export function extractPageInfo(doc: Document, readability: ReadabilityResult | null = null): PageFacts {
  const opengraph = extractOpenGraph(doc);
  const jsonLd = extractJsonLd(doc);
  const og = (key: string) => cleanText(opengraph[key] ?? null);
  const sources: Partial<Record<SourcedField, FactSource>> = {};
  const pick = picker(sources);
  const canonical = doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href') ?? null;
  const base = doc.baseURI;
  const metaAuthor = metaContent(doc, 'meta[name="author" i]');
  const articleAuthor = og('article:author');
  const jsonLdAuthor = cleanText(jsonLdField(jsonLd, 'author'));
  let pageByline: ReturnType<typeof findPageByline> | undefined;
  const inPage = () => (pageByline === undefined ? (pageByline = findPageByline(doc)) : pageByline);

  const author = pick<string>(
    'author',
    ['meta', cleanName(metaAuthor)],
    ['meta', cleanName(metaContent(doc, 'meta[property="author" i], meta[name="parsely-author" i]'))],
    ['meta', cleanName(articleAuthor)],
    ['json_ld', cleanName(jsonLdAuthor)],
    ['readability', cleanName(readability?.byline)],
    () => ['page', inPage()?.name],
  );
  const authorLink = pick<string>(
    'author_url',
    ['meta', authorUrl(articleAuthor, base)],
    ['meta', authorUrl(metaAuthor, base)],
    ['json_ld', authorUrl(jsonLdAuthor, base) ?? authorUrl(jsonLdAuthorUrl(jsonLd), base)],
    () => ['page', author && inPage()?.name === author ? inPage()?.url : null],
  );
  const language = pick<string>(
    'language',
    ['document', cleanText(doc.documentElement.getAttribute('lang'), 100)],
    ['meta', metaContent(doc, 'meta[http-equiv="content-language" i]')],
    ['meta', localeToLanguage(og('og:locale'))],
    ['meta', metaContent(doc, 'meta[name="dc.language" i]')],
  );
  return {
    url: bound(doc.URL)!,
    title: pick(
      'title',
      ['document', cleanText(doc.title, BOUNDS.title)],
      ['meta', cleanText(og('og:title'), BOUNDS.title)],
      ['readability', readability?.article?.title],
    ),
    canonical_url: absoluteUrl(canonical, doc.baseURI),
    description: pick(
      'description',
      ['meta', metaContent(doc, 'meta[name="description" i]')],
      ['meta', og('og:description')],
      ['readability', readability?.excerpt],
    ),
    language: language ? bound(language, 100) : null,
    dir: pick(
      'dir',
      ['document', htmlDir(doc.documentElement.getAttribute('dir'))],
      ['readability', readability?.dir],
    ) as 'ltr' | 'rtl' | null,
    site_name: pick(
      'site_name',
      ['meta', og('og:site_name')],
      ['meta', metaContent(doc, 'meta[name="application-name" i]')],
      ['json_ld', cleanName(jsonLdField(jsonLd, 'publisher'))],
      ['readability', readability?.siteName],
    ),
    author,
    author_url: authorLink,
    published_at: normalisePublished(
      pick(
        'published_at',
        ['meta', og('article:published_time')],
        ['meta', metaContent(doc, 'meta[name="date" i], meta[itemprop="datePublished"], meta[name="pubdate" i]')],
        [
          'meta',
          metaContent(
            doc,
            'meta[name="parsely-pub-date" i], meta[name="dc.date.issued" i], meta[name="dcterms.created" i], meta[name="publishdate" i]',
          ),
        ],
        ['json_ld', cleanText(jsonLdField(jsonLd, 'datePublished'))],
        ['readability', readability?.publishedTime],
        () => ['page', cleanText(findPageDate(doc))],
        () => ['url', dateInUrl(doc.URL)],
      ),
    ),
    opengraph,
    json_ld: jsonLd,
    sources,
    article: readability?.article ?? null,
  };
}
