/**
 * The page metadata the injected `extract-page.js` returns in real Chromium: Readability's article
 * text and byline come back through `scripting.executeScript` with the rest of the page facts, each
 * fact says where it came from, and a page over Readability's element bound keeps its <meta> facts.
 */
import type { Page, Worker } from '@playwright/test';
import { test, expect } from './fixtures.ts';

const ALL_OFF = {
  archive: false,
  viewportScreenshot: false,
  fullPageScreenshot: false,
  pageArchive: false,
  originalMedia: false,
};

async function collectPage(worker: Worker, tabId: number, url: string) {
  const result = (await worker.evaluate((request) => (globalThis as any).__atlosArtifactsTest.collect(request, {}), {
    incident: { connectionId: 'c', slug: 'ABCDEF' },
    tabId,
    target: { kind: 'page', url, pageUrl: url },
    options: ALL_OFF,
    source: 'popup',
  })) as { problems: unknown[]; page: Record<string, any> };
  return result;
}

async function open(page: Page, url: string, tabIdOf: (page: Page) => Promise<number>) {
  await page.goto(url);
  return tabIdOf(page);
}

test('article text, byline and sources from the live page', async ({ context, worker, fixtureServer, tabIdOf }) => {
  const page = await context.newPage();
  const url = `${fixtureServer.url}/artifacts/news-article.html`;
  const tabId = await open(page, url, tabIdOf);
  const { problems, page: facts } = await collectPage(worker, tabId, url);
  expect(problems).toEqual([]);
  expect(facts.author).toBe('Olena Kovalenko, Sam Reed');
  expect(facts.sources).toMatchObject({
    title: 'document',
    author: 'json_ld',
    published_at: 'meta',
    language: 'document',
  });
  expect(facts.article.text).toContain('Satellite images taken on 12 November show the collapsed span');
  expect(facts.article.text).toContain('\n\nResidents reported hearing several explosions');
  expect(facts.article.length).toBe(facts.article.text.length);
  expect(facts.article.truncated).toBe(false);
});

test('a byline printed only in the page, and a profile URL kept out of the name', async ({
  context,
  worker,
  fixtureServer,
  tabIdOf,
}) => {
  const page = await context.newPage();
  const url = `${fixtureServer.url}/artifacts/news-article.html`;
  const tabId = await open(page, url, tabIdOf);
  await page.evaluate(() => {
    document.querySelectorAll('script[type="application/ld+json"]').forEach((s) => s.remove());
    const meta = document.createElement('meta');
    meta.setAttribute('property', 'article:author');
    meta.setAttribute('content', 'https://news.example.org/people/jane-doe');
    document.head.append(meta);
    const byline = document.createElement('p');
    byline.className = 'byline';
    byline.innerHTML = 'By <a rel="author" href="/people/jane-doe">Jane Doe</a> | 12 November 2026';
    document.querySelector('h1')!.after(byline);
  });
  const { page: facts } = await collectPage(worker, tabId, url);
  expect(facts.author).toBe('Jane Doe');
  expect(['readability', 'page']).toContain(facts.sources.author);
  expect(facts.author_url).toBe('https://news.example.org/people/jane-doe');
  expect(facts.sources.author_url).toBe('meta');
});

test('a page over the element bound keeps its <meta> facts without the article', async ({
  context,
  worker,
  fixtureServer,
  tabIdOf,
}) => {
  const page = await context.newPage();
  const url = `${fixtureServer.url}/artifacts/news-article.html`;
  const tabId = await open(page, url, tabIdOf);
  await page.evaluate(() => {
    const filler = document.createElement('div');
    filler.innerHTML = '<span>x</span>'.repeat(21_000);
    document.body.append(filler);
  });
  const { page: facts } = await collectPage(worker, tabId, url);
  expect(facts.article).toBeNull();
  expect(facts.author).toBe('Olena Kovalenko, Sam Reed');
  expect(facts.published_at).toBe('2026-11-12T06:15:00.000Z');
});
