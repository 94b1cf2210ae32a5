import { Window as HappyWindow } from 'happy-dom';
import { describe, expect, it, vi } from 'vitest';
import { readArticle } from './article';
import { extractPageMetadata } from './extract';
import { plainText } from './plain-text';

const PARAGRAPH =
  'Satellite images taken on 12 November show the collapsed span of the bridge and the barges beside it. ';

function page(body: string, head = '<title>Bridge destroyed</title>') {
  const window = new HappyWindow({ url: 'https://news.example.org/world/2026/11/12/bridge' });
  window.document.write(`<html lang="uk" dir="ltr"><head>${head}</head><body>${body}</body></html>`);
  return { window, document: window.document as unknown as Document };
}

const ARTICLE = `<nav><a href="/">Home</a></nav><article><h1>Bridge destroyed</h1>
  <p class="byline">By <a rel="author" href="/people/olena">Olena Kovalenko</a></p>
  <p>${PARAGRAPH.repeat(4)}</p><p>${PARAGRAPH.repeat(3)}<br>Second line.</p></article>`;

describe('readArticle', () => {
  it('returns the plain text with paragraph breaks, its length and Readability’s byline, leaving the page as it was', () => {
    const { document } = page(ARTICLE);
    const before = document.documentElement.outerHTML;
    const outcome = readArticle(document);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const { article, byline } = outcome.result;
    expect(byline).toBe('By Olena Kovalenko');
    expect(article!.text).toContain(`${PARAGRAPH.repeat(4).trim()}\n\n${PARAGRAPH.repeat(3).trim()}\nSecond line.`);
    expect(article!.text).not.toContain('Home');
    expect(article!.length).toBe(article!.text.length);
    expect(article!.truncated).toBe(false);
    expect(document.documentElement.outerHTML).toBe(before);
  });

  it('cuts the text at the bound and keeps the full length', () => {
    const outcome = readArticle(page(ARTICLE).document, { maxElements: 1_000, maxChars: 1_000_000, maxText: 100 });
    if (!outcome.ok) throw new Error('expected an article');
    expect(Array.from(outcome.result.article!.text)).toHaveLength(100);
    expect(outcome.result.article!.truncated).toBe(true);
    expect(outcome.result.article!.length).toBeGreaterThan(100);
  });

  it('refuses a page over the element or character bound without running Readability', () => {
    const { document } = page(ARTICLE);
    const clone = vi.spyOn(document, 'cloneNode');
    expect(readArticle(document, { maxElements: 5, maxChars: 1_000_000, maxText: 100 })).toEqual({
      ok: false,
      problem: { reason: 'too_large', elements: expect.any(Number), chars: 0 },
    });
    const byChars = readArticle(document, { maxElements: 1_000, maxChars: 50, maxText: 100 });
    expect(byChars).toMatchObject({ ok: false, problem: { reason: 'too_large' } });
    expect(clone).not.toHaveBeenCalled();
  });

  it('reports a failure instead of throwing', () => {
    const { document } = page(ARTICLE);
    vi.spyOn(document, 'cloneNode').mockImplementation(() => {
      throw new Error('boom');
    });
    expect(readArticle(document)).toEqual({ ok: false, problem: { reason: 'failed', message: 'Error: boom' } });
  });

  it('finds no article on an empty page', () => {
    const outcome = readArticle(page('').document);
    expect(outcome.ok && outcome.result.article).toBeNull();
  });
});

describe('extractPageMetadata with Readability', () => {
  it('records where each fact came from and stores the article', () => {
    const { document, window } = page(
      ARTICLE,
      '<title>Bridge destroyed</title><meta property="og:site_name" content="Example News">',
    );
    const { page: facts, articleProblem } = extractPageMetadata(document, window as unknown as Window);
    expect(articleProblem).toBeNull();
    expect(facts.author).toBe('Olena Kovalenko');
    expect(facts.published_at).toBe('2026-11-12T00:00:00.000Z');
    expect(facts.dir).toBe('ltr');
    expect(facts.sources).toEqual({
      title: 'document',
      description: 'readability',
      language: 'document',
      dir: 'document',
      site_name: 'meta',
      author: 'readability',
      author_url: 'page',
      published_at: 'url',
    });
    expect(facts.author_url).toBe('https://news.example.org/people/olena');
    expect(facts.article!.text).toContain('Satellite images');
  });

  it('keeps a URL-valued author out of the name and a markup-valued one clean', () => {
    const head =
      '<meta property="article:author" content="https://news.example.org/people/olena">' +
      '<meta name="author" content="<b>Olena</b> Kovalenko">';
    const { page: facts } = extractPageMetadata(page(ARTICLE, head).document, page('').window as unknown as Window);
    expect(facts.author).toBe('Olena Kovalenko');
    expect(facts.sources!.author).toBe('meta');
    expect(facts.author_url).toBe('https://news.example.org/people/olena');
  });

  it('gives the <meta>/JSON-LD facts and the reason when the page is too large for Readability', () => {
    const { document, window } = page(`<p>${'x'.repeat(2_000_001)}</p>`, '<meta name="author" content="Jane Doe">');
    const result = extractPageMetadata(document, window as unknown as Window);
    expect(result.articleProblem).toMatchObject({ reason: 'too_large' });
    expect(result.page.article).toBeNull();
    expect(result.page.author).toBe('Jane Doe');
  });

  it('can leave Readability out entirely', () => {
    const { document, window } = page(ARTICLE);
    const result = extractPageMetadata(document, window as unknown as Window, { readability: false });
    expect(result.page.article).toBeNull();
    expect(result.page.author).toBe('Olena Kovalenko');
    expect(result.page.sources!.author).toBe('page');
  });
});

describe('plainText', () => {
  it('separates blocks, keeps line breaks, skips scripts and survives deep nesting', () => {
    const { document } = page(
      '<div id="r"><h2>A</h2><p>b <b>c</b></p><script>x()</script><ul><li>d</li><li>e</li></ul></div>',
    );
    expect(plainText(document.getElementById('r')!)).toBe('A\n\nb c\n\nd\n\ne');
    const deep = page(`<div id="r">${'<span>'.repeat(12_000)}deep${'</span>'.repeat(12_000)}</div>`);
    expect(plainText(deep.document.getElementById('r')!)).toBe('deep');
  });
});
