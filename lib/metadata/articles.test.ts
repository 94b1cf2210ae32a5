/**
 * The extractor on saved real article pages (test/fixtures/articles, see its README): byline,
 * date and title must agree with what the page shows on at least 90% of the pages that show one,
 * names never hold markup or a URL, and page-controlled text stays within the bounds.
 * Prints the page × field table (expected, got, source) so a reader sees every miss.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Window as HappyWindow } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { BOUNDS } from './bounds';
import { extractPageMetadata } from './extract';
import { looksLikeUrl } from './names';

const DIR = resolve(process.cwd(), 'test/fixtures/articles');
const FIELDS = ['title', 'byline', 'date'] as const;
type Field = (typeof FIELDS)[number];

interface Expected {
  url: string;
  title: string;
  byline: string | null;
  date: string | null;
  language: string;
  author_url?: string;
}

const normal = (text: string) => text.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

/** Title: the page's <title> usually adds the site name, so the headline contained in it agrees. */
function agrees(field: Field, expected: string | null, got: string | null): boolean {
  if (expected === null || got === null) return expected === got;
  const [want, have] = [normal(expected), normal(got)];
  if (field === 'date') return have.startsWith(want);
  if (field === 'title') return have.includes(want) || want.includes(have);
  return have === want;
}

const pages = readdirSync(DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => {
    const expected = JSON.parse(readFileSync(join(DIR, entry.name, 'expected.json'), 'utf8')) as Expected;
    const window = new HappyWindow({ url: expected.url, innerWidth: 1280, innerHeight: 800 });
    window.document.write(readFileSync(join(DIR, entry.name, 'source.html'), 'utf8'));
    const [doc, win] = [window.document as unknown as Document, window as unknown as Window];
    const result = extractPageMetadata(doc, win);
    // For the record only: what the page facts would be without Readability.
    const withoutReadability = extractPageMetadata(doc, win, { readability: false });
    window.close();
    return { name: entry.name, expected, result, withoutReadability };
  });

const rows = pages.flatMap(({ name, expected, result }) =>
  FIELDS.filter((field) => expected[field] !== 'unchecked').map((field) => {
    const got =
      field === 'title' ? result.page.title : field === 'byline' ? result.page.author : result.page.published_at;
    const source =
      result.page.sources?.[field === 'byline' ? 'author' : field === 'date' ? 'published_at' : 'title'] ?? '';
    return { page: name, field, expected: expected[field], got, source, ok: agrees(field, expected[field], got) };
  }),
);

describe('metadata on saved article pages', () => {
  it('prints the page × field table', () => {
    console.log(
      ['page\tfield\texpected\tgot\tsource\tagrees']
        .concat(rows.map((r) => [r.page, r.field, r.expected, r.got, r.source, r.ok ? 'yes' : 'NO'].join('\t')))
        .join('\n'),
    );
    expect(rows.length).toBeGreaterThan(0);
  });

  it.each(FIELDS)('%s agrees with the page on at least 90% of the pages that show one', (field) => {
    const compared = rows.filter((row) => row.field === field);
    const agreeing = compared.filter((row) => row.ok).length;
    const without = pages.filter(({ expected, withoutReadability: w }) => {
      if (expected[field] === 'unchecked') return false;
      const got = field === 'title' ? w.page.title : field === 'byline' ? w.page.author : w.page.published_at;
      return agrees(field, expected[field], got);
    }).length;
    console.log(`${field}: ${agreeing}/${compared.length} (without Readability: ${without}/${compared.length})`);
    expect(compared.length).toBeGreaterThanOrEqual(10);
    expect(agreeing / compared.length).toBeGreaterThanOrEqual(0.9);
  });

  it('covers at least 5 languages and 2 scripts besides Latin', () => {
    const languages = new Set(pages.map((p) => p.expected.language.slice(0, 2)));
    const scripts = new Set(
      pages.flatMap(({ expected }) =>
        [/\p{Script=Han}/u, /\p{Script=Hiragana}|\p{Script=Katakana}/u, /\p{Script=Cyrillic}/u, /\p{Script=Arabic}/u]
          .filter((script) => script.test(expected.title))
          .map(String),
      ),
    );
    expect(languages.size).toBeGreaterThanOrEqual(5);
    expect(scripts.size).toBeGreaterThanOrEqual(2);
  });

  it('never stores markup or a URL as a name; profile URLs go to author_url', () => {
    for (const { name, expected, result } of pages) {
      const { page } = result;
      for (const value of [page.author, page.site_name, page.title, page.description, page.article?.byline]) {
        expect(value ?? '', name).not.toMatch(/<\/?[a-z][^>]*>/i);
      }
      if (page.author) expect(looksLikeUrl(page.author), `${name}: ${page.author}`).toBe(false);
      if (expected.author_url) expect(page.author_url, name).toBe(expected.author_url);
      if (page.author_url) expect(page.author_url).toMatch(/^https?:\/\//);
    }
  });

  it('keeps page-controlled text within the documented bounds and says where each fact came from', () => {
    for (const { name, result } of pages) {
      const { page } = result;
      expect(page.title?.length ?? 0, name).toBeLessThanOrEqual(BOUNDS.title);
      for (const value of [page.author, page.description, page.site_name, page.url]) {
        expect(value?.length ?? 0, name).toBeLessThanOrEqual(BOUNDS.string);
      }
      if (page.article) {
        expect(page.article.text.length).toBeLessThanOrEqual(BOUNDS.articleText);
        expect(page.article.length).toBeGreaterThanOrEqual(page.article.text.length);
      }
      if (page.author) expect(page.sources?.author, name).toBeDefined();
      if (page.published_at) expect(page.sources?.published_at, name).toBeDefined();
      expect(result.articleProblem, name).toBeNull();
    }
  });
});
