/**
 * What gets captured, in Firefox ESR: full page through `tabs.captureTab` with a rect (no
 * scrolling), the single-file HTML archive, and original media with the page's cookies.
 * `collectArtifacts` runs in the add-on's background page through the e2e-only hook
 * `__atlosArtifactsTest`, reached from an extension page with `runtime.getBackgroundPage()`.
 * Build: `ATLOS_OUT_DIR=.output-artifacts npx wxt build -b firefox --mv3 --mode e2e`, then
 * `EXT_DIR_FIREFOX=.output-artifacts/firefox-mv3-e2e npx playwright test test/firefox/artifacts.spec.ts --project firefox`.
 */
import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';
import type { Page } from 'puppeteer-core';
import { test, expect, tabIdOf } from './fixtures.ts';
import { grantAllSites } from './helpers.ts';
import { close, columnColours, decodePng, expectBandsInOrder, pixel } from '../support/png-bands.ts';

interface CollectedForTest {
  artifacts: Array<{
    kind: string;
    title: string;
    fileName: string;
    mimeType: string;
    sha256: string;
    base64: string;
    part?: { index: number; count: number };
    note?: string;
  }>;
  problems: Array<{ artifact: string; message: string }>;
  tool: { browser: string };
}

const ALL_OFF = {
  archive: false,
  viewportScreenshot: false,
  fullPageScreenshot: false,
  pageArchive: false,
  originalMedia: false,
};

async function collect(
  extensionPage: Page,
  tabId: number,
  url: string,
  options: Partial<typeof ALL_OFF>,
  target: Record<string, unknown> = {},
) {
  return extensionPage.evaluate(
    async (request) => {
      const background = await (globalThis as any).browser.runtime.getBackgroundPage();
      // Round-trip through JSON so nothing of the background's compartment leaks into the result.
      return JSON.parse(JSON.stringify(await background.__atlosArtifactsTest.collect(request)));
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

test.describe('artifacts in Firefox', () => {
  test.setTimeout(180_000);

  test('full page of 30 colour bands via captureTab: every band once, in order, right height, in parts', async ({
    firefox,
    fixtureServer,
    openExtensionPage,
  }) => {
    const url = `${fixtureServer.url}/artifacts/bands.html`;
    const page = await firefox.newPage();
    await page.goto(url);
    await page.evaluate(() => window.scrollTo(0, 2500));
    const extensionPage = await openExtensionPage('options.html');
    await grantAllSites(extensionPage); // the state after accepting the all-sites offer
    const tabId = await tabIdOf(extensionPage, url);
    await page.bringToFront();

    const result = await collect(extensionPage, tabId, url, { fullPageScreenshot: true });

    expect(result.problems).toEqual([]);
    expect(result.tool.browser).toMatch(/^Firefox \d+/);
    const parts = result.artifacts.filter((a) => a.kind === 'full_page_screenshot');
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((part, i) => expect(part.part).toEqual({ index: i + 1, count: parts.length }));
    const pngs = parts.map((p) => decodePng(p.base64));
    const dpr = await page.evaluate(() => window.devicePixelRatio);
    expect(pngs.reduce((sum, png) => sum + png.height, 0)).toBe(30_000 * dpr);
    expectBandsInOrder(columnColours(pngs, 5), dpr, [0, 500 * dpr, 1000 * dpr - 1]);
    expect(await page.evaluate(() => window.scrollY)).toBe(2500);
  });

  test('sticky header once and lazy images loaded', async ({ firefox, fixtureServer, openExtensionPage }) => {
    const url = `${fixtureServer.url}/artifacts/sticky-lazy.html`;
    const page = await firefox.newPage();
    await page.goto(url);
    const extensionPage = await openExtensionPage('options.html');
    await grantAllSites(extensionPage); // the state after accepting the all-sites offer
    const tabId = await tabIdOf(extensionPage, url);
    await page.bringToFront();

    const result = await collect(extensionPage, tabId, url, { fullPageScreenshot: true });

    expect(result.problems).toEqual([]);
    const png = decodePng(result.artifacts[0]!.base64);
    const dpr = await page.evaluate(() => window.devicePixelRatio);
    const magenta = Array.from({ length: png.height }, (_, y) => y).filter((y) =>
      close(pixel(png, 640, y), [255, 0, 255]),
    );
    expect(magenta).toHaveLength(80 * dpr);
    expect(magenta[0]).toBe(0);
    const boxes = await page.evaluate(() =>
      [...document.querySelectorAll('img')].map((img) => {
        const r = img.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + window.scrollY + r.height / 2, io: img.classList.contains('io') };
      }),
    );
    for (const box of boxes) {
      expect(
        close(pixel(png, Math.round(box.x * dpr), Math.round(box.y * dpr)), box.io ? [0, 0, 255] : [0, 255, 0]),
      ).toBe(true);
    }
  });

  test('HTML archive without typed values, and original media with the page cookie', async ({
    firefox,
    fixtureServer,
    openExtensionPage,
  }) => {
    const served = new PNG({ width: 2, height: 2 });
    served.data.fill(120);
    const bytes = PNG.sync.write(served);
    fixtureServer.route('/artifacts/cookie-page', (_req, res) => {
      res.writeHead(200, {
        'content-type': 'text/html',
        'set-cookie': 'fixture_session=granted; Path=/; SameSite=Lax',
      });
      res.end(
        '<!doctype html><title>Cookie page</title><h1>Sign in</h1><input id="q" value="served"><input id="pw" type="password"><script>window.x=1</script><img src="/artifacts/protected-image">',
      );
    });
    fixtureServer.route('/artifacts/protected-image', (req, res) => {
      if (!/fixture_session=granted/.test(req.headers.cookie ?? '')) return void (res.writeHead(403), res.end());
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(bytes);
    });
    const url = `${fixtureServer.url}/artifacts/cookie-page`;
    const page = await firefox.newPage();
    await page.goto(url);
    await page.type('#q', '-typedsecret');
    await page.type('#pw', 'typedpassword');
    const extensionPage = await openExtensionPage('options.html');
    await grantAllSites(extensionPage); // the state after accepting the all-sites offer
    const tabId = await tabIdOf(extensionPage, url);
    await page.bringToFront();
    const mediaUrl = `${fixtureServer.url}/artifacts/protected-image`;

    const result = await collect(
      extensionPage,
      tabId,
      url,
      { pageArchive: true, originalMedia: true },
      { kind: 'image', url: mediaUrl, mediaUrl, frameId: 0 },
    );

    expect(result.problems).toEqual([]);
    const media = result.artifacts.find((a) => a.kind === 'original_media')!;
    expect(media.fileName).toBe('original-image.png');
    expect(media.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const archive = result.artifacts.find((a) => a.kind === 'page_archive')!;
    expect(archive.fileName).toBe('page-archive.html');
    expect(archive.title).toMatch(/^Page archive \(HTML, browser, /);
    const html = Buffer.from(archive.base64, 'base64').toString('utf8');
    expect(html).toContain('<h1>Sign in</h1>');
    expect(html).toContain(`data:image/png;base64,${bytes.toString('base64')}`);
    expect(html).not.toMatch(/typedsecret|typedpassword|<script/);
    expect(await page.$eval('#q', (el) => (el as HTMLInputElement).value)).toContain('typedsecret'); // the live page keeps it
  });
});
