/**
 * Hostile pages in Firefox ESR (the hostile fixture site, test/fixtures/hostile.ts): the HTML
 * archive is inert and keeps no typed or hidden text, a never-ending page still gets its visible
 * screenshot, a page rewriting itself stops the full-page capture, and a CDN that answers the
 * extension with a web page is not taken as the original.
 * Captures are triggered through the e2e-only hook `__atlosArtifactsTest` in the add-on's background
 * page (lib/artifacts/test-hook.ts), reached from an extension page, as test/firefox/artifacts.spec.ts does.
 * Build: `npx wxt build -b firefox --mv3 --mode e2e`, then
 * `npx playwright test test/firefox/hostile-pages.spec.ts --project firefox`.
 */
import { createHash } from 'node:crypto';
import type { Page } from 'puppeteer-core';
import { test, expect, tabIdOf } from './fixtures.ts';
import { grantAllSites } from './helpers.ts';
import { viaLoopback } from '../support/hosts.ts';
import { HOSTILE_SWAPPED_BODY } from '../fixtures/hostile.ts';

interface CollectedForTest {
  artifacts: Array<{ kind: string; fileName: string; sha256: string; base64: string }>;
  problems: Array<{ artifact: string; message: string }>;
  page: { title: string | null };
}

const ALL_OFF = {
  archive: false,
  viewportScreenshot: false,
  fullPageScreenshot: false,
  pageArchive: false,
  originalMedia: false,
};

function collect(
  extensionPage: Page,
  tabId: number,
  url: string,
  options: Partial<typeof ALL_OFF>,
  target: Record<string, unknown> = {},
) {
  return extensionPage.evaluate(
    async (request) => {
      const background = await (globalThis as any).browser.runtime.getBackgroundPage();
      return JSON.parse(
        JSON.stringify(await background.__atlosArtifactsTest.collect(request, { limits: { pageCallMs: 10_000 } })),
      );
    },
    {
      incident: { connectionId: 'c', slug: 'ABCDEF' },
      tabId,
      target: { kind: 'page', url, pageUrl: url, ...target },
      options: { ...ALL_OFF, ...options },
      source: 'popup',
    },
  ) as Promise<CollectedForTest>;
}

test.describe('hostile pages in Firefox', () => {
  test.setTimeout(180_000);

  test('the HTML archive is inert and keeps no editable-region text or hidden values', async ({
    firefox,
    fixtureServer,
    openExtensionPage,
  }) => {
    const extensionPage = await openExtensionPage('options.html');
    await grantAllSites(extensionPage); // the state after accepting the all-sites offer
    const page = await firefox.newPage();

    const inertUrl = `${fixtureServer.url}/hostile/inert.html`;
    await page.goto(inertUrl);
    let result = await collect(extensionPage, await tabIdOf(extensionPage, inertUrl), inertUrl, { pageArchive: true });
    expect(result.problems).toEqual([]);
    let html = Buffer.from(result.artifacts[0]!.base64, 'base64').toString('utf8');
    expect(html).toMatch(
      /^<!DOCTYPE html>\n<!-- Saved by Atlos Capture from [^\n]+ -->\n<html lang="en"><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; form-action 'none'">/,
    );
    expect(html).toContain('Text that stays.');
    expect(html).not.toMatch(
      /<iframe|srcdoc|<object|<embed|http-equiv="refresh"|<base|prefetch|<animate|<set\b|javascript|script:/i,
    );
    expect(html).toContain(`href="${fixtureServer.url}/hostile/story.html"`);

    const typedUrl = `${fixtureServer.url}/hostile/typed.html`;
    await page.goto(typedUrl);
    await page.click('#compose');
    await page.keyboard.type('typed-compose-7031');
    await page.evaluate(() => ((document.getElementById('mirror') as HTMLInputElement).value = 'mirror-of-typed-7032'));
    result = await collect(extensionPage, await tabIdOf(extensionPage, typedUrl), typedUrl, { pageArchive: true });
    expect(result.problems).toEqual([]);
    html = Buffer.from(result.artifacts[0]!.base64, 'base64').toString('utf8');
    expect(html).toContain('Write a reply');
    expect(html).not.toMatch(
      /typed-compose-7031|served-placeholder|mirror-of-typed-7032|csrf-token-4711|served-frame-pw/,
    );
    expect(await page.$eval('#compose', (el) => el.textContent)).toContain('typed-compose-7031');
  });

  test('a page whose HTML never ends still gets its visible screenshot and metadata', async ({
    firefox,
    fixtureServer,
    openExtensionPage,
  }) => {
    const extensionPage = await openExtensionPage('options.html');
    await grantAllSites(extensionPage); // the state after accepting the all-sites offer
    const page = await firefox.newPage();
    const url = `${fixtureServer.url}/hostile/never-ends.html`;
    void page.goto(url).catch(() => {}); // never "loads"
    await page.waitForSelector('h1');
    const tabId = await tabIdOf(extensionPage, url);
    await page.bringToFront();

    const result = await collect(extensionPage, tabId, url, { viewportScreenshot: true });

    expect(result.artifacts.map((a) => a.kind)).toEqual(['viewport_screenshot']);
    expect(result.page.title).toBe('Never ends');
    expect(result.problems).toEqual([]);
  });

  test('a page that rewrites itself during a full-page capture stops it (captureTab: same tab, other document)', async ({
    firefox,
    fixtureServer,
    openExtensionPage,
  }) => {
    const extensionPage = await openExtensionPage('options.html');
    await grantAllSites(extensionPage); // the state after accepting the all-sites offer
    const page = await firefox.newPage();
    const url = `${fixtureServer.url}/hostile/changing.html?how=swap&after=86400000`;
    await page.goto(url);
    const tabId = await tabIdOf(extensionPage, url);
    await page.bringToFront();

    const capture = collect(extensionPage, tabId, url, { fullPageScreenshot: true });
    await page.waitForFunction(() => window.scrollY > 0, { timeout: 60_000 }); // the lazy-load pass is under way
    await page.evaluate(() => {
      document.open();
      document.write('<!DOCTYPE html><body style="background:#ff00ff"><h1>Swapped</h1></body>');
      document.close();
    });
    const result = await capture;

    expect(result.artifacts.filter((a) => a.kind === 'full_page_screenshot')).toEqual([]);
    expect(result.problems.map((p) => p.artifact)).toEqual(['full_page_screenshot']);
    expect(result.problems[0]!.message).toMatch(/replaced its content/);
  });

  test('a CDN that answers the extension with a web page: never taken as the original', async ({
    firefox,
    fixtureServer,
    openExtensionPage,
  }) => {
    const extensionPage = await openExtensionPage('options.html');
    await grantAllSites(extensionPage); // the state after accepting the all-sites offer
    const page = await firefox.newPage();
    // Served from 127.0.0.1 so the "CDN" is http://localhost: Firefox blocks an extension's fetch of a
    // plain-http host as mixed content (moz-extension: pages are secure contexts) unless the host is
    // potentially trustworthy (https://w3c.github.io/webappsec-secure-contexts/#is-origin-trustworthy).
    // Real CDNs are https; the fixture server is not.
    const url = viaLoopback(`${fixtureServer.url}/hostile/media.html`);
    await page.goto(url);
    await page.waitForFunction(() =>
      Array.from(document.images).every((image) => image.complete && image.naturalWidth > 0),
    );
    const tabId = await tabIdOf(extensionPage, url);
    await page.bringToFront();
    const mediaUrl = `${new URL(await page.$eval('#swap', (img) => (img as HTMLImageElement).src)).origin}/hostile/cdn/swap.png`;

    const result = await collect(
      extensionPage,
      tabId,
      url,
      { originalMedia: true },
      { kind: 'image', url: mediaUrl, mediaUrl, frameId: 0 },
    );

    const swappedHash = createHash('sha256').update(HOSTILE_SWAPPED_BODY).digest('hex');
    expect(result.artifacts.every((a) => a.sha256 !== swappedHash)).toBe(true);
    expect(result.artifacts.map((a) => a.fileName)).toEqual(['element-screenshot-image.png']);
    expect(result.problems[0]!.message).toContain('it sent text/html');
  });
});
