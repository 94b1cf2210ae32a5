/**
 * The page metadata `extract-page.js` returns in Firefox ESR: Readability runs on a clone of the
 * document inside the content script (Xray-wrapped DOM) and its article comes back with the rest.
 * Build: `npx wxt build -b firefox --mv3 --mode e2e`, then
 * `npx playwright test test/firefox/article-metadata.spec.ts --project firefox`.
 */
import type { Page } from 'puppeteer-core';
import { test, expect, tabIdOf } from './fixtures.ts';
import { grantAllSites } from './helpers.ts';

const ALL_OFF = {
  archive: false,
  viewportScreenshot: false,
  fullPageScreenshot: false,
  pageArchive: false,
  originalMedia: false,
};

async function collectPage(extensionPage: Page, tabId: number, url: string) {
  return extensionPage.evaluate(
    async (request) => {
      const background = await (globalThis as any).browser.runtime.getBackgroundPage();
      return JSON.parse(JSON.stringify(await background.__atlosArtifactsTest.collect(request)));
    },
    {
      incident: { connectionId: 'c', slug: 'ABCDEF' },
      tabId,
      target: { kind: 'page', url, pageUrl: url },
      options: ALL_OFF,
      source: 'popup',
    },
  ) as Promise<{ problems: unknown[]; page: Record<string, any> }>;
}

test('article text, byline and sources from the live page in Firefox', async ({
  firefox,
  fixtureServer,
  openExtensionPage,
}) => {
  test.setTimeout(120_000);
  const url = `${fixtureServer.url}/artifacts/news-article.html`;
  const page = await firefox.newPage();
  await page.goto(url);
  await page.evaluate(() => {
    document.querySelectorAll('script[type="application/ld+json"]').forEach((s) => s.remove());
    const byline = document.createElement('p');
    byline.className = 'byline';
    byline.innerHTML = 'Par <a rel="author" href="/people/jane-doe">Jane Doe</a>';
    document.querySelector('h1')!.after(byline);
  });
  const extensionPage = await openExtensionPage('options.html');
  await grantAllSites(extensionPage); // the state after accepting the all-sites offer
  const tabId = await tabIdOf(extensionPage, url);
  await page.bringToFront();

  const { problems, page: facts } = await collectPage(extensionPage, tabId, url);

  expect(problems).toEqual([]);
  expect(facts.author).toBe('Jane Doe');
  expect(['readability', 'page']).toContain(facts.sources.author);
  expect(facts.article.text).toContain('Satellite images taken on 12 November show the collapsed span');
  expect(facts.article.text).toContain('\n\nResidents reported hearing several explosions');
  expect(facts.published_at).toBe('2026-11-12T06:15:00.000Z');
});
