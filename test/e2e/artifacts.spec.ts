/**
 * What gets captured, pixel-checked in real Chromium: `collectArtifacts` runs inside the
 * extension's service worker through the e2e-only hook `__atlosArtifactsTest` (lib/artifacts/test-hook.ts).
 * Build: `ATLOS_OUT_DIR=.output-artifacts npx wxt build --mode e2e`, then
 * `EXT_DIR=.output-artifacts/chrome-mv3-e2e npx playwright test test/e2e/artifacts.spec.ts --project chromium`.
 */
import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';
import type { Page } from '@playwright/test';
import { collect as collectInWorker } from './helpers/collect.ts';
import { test, expect } from './fixtures.ts';
import { bandColour, close, columnColours, decodePng, expectBandsInOrder, pixel } from '../support/png-bands.ts';

interface CollectedForTest {
  artifacts: Array<{
    kind: string;
    title: string;
    fileName: string;
    mimeType: string;
    size: number;
    sha256: string;
    base64: string;
    part?: { index: number; count: number };
    note?: string;
  }>;
  problems: Array<{ artifact: string; message: string }>;
  page: Record<string, unknown>;
  viewport: { width: number; height: number; device_pixel_ratio: number; scroll_height: number };
  selection: unknown;
}

const collect = (...args: Parameters<typeof collectInWorker>) => collectInWorker<CollectedForTest>(...args);

async function openFixture(page: Page, url: string, tabIdOf: (page: Page) => Promise<number>) {
  await page.goto(url);
  await page.bringToFront();
  return tabIdOf(page);
}

test.describe('artifacts in Chromium', () => {
  // Scroll-and-stitch is paced at two captures a second: a 30,000 px page takes 40 tiles, and
  // minutes on a loaded two-core machine.
  test.setTimeout(420_000);

  test('full page of 30 colour bands: every band once, in order, total height = scroll height × DPR, in numbered parts', async ({
    context,
    worker,
    fixtureServer,
    tabIdOf,
  }) => {
    const page = await context.newPage();
    const url = `${fixtureServer.url}/artifacts/bands.html`;
    const tabId = await openFixture(page, url, tabIdOf);
    await page.evaluate(() => window.scrollTo(0, 4321));
    // The visible area is now captured before any page script runs: let the scrolled frame be painted
    // first, as it is by the time a person clicks.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const dpr = await page.evaluate(() => window.devicePixelRatio);

    const result = await collect(worker, tabId, url, { fullPageScreenshot: true, viewportScreenshot: true });

    expect(result.problems).toEqual([]);
    const parts = result.artifacts.filter((a) => a.kind === 'full_page_screenshot');
    expect(parts.length).toBeGreaterThan(1); // 30,000 px does not fit one 16,000 px image
    parts.forEach((part, i) => {
      expect(part.part).toEqual({ index: i + 1, count: parts.length });
      expect(part.fileName).toBe(`full-page-screenshot-part-${i + 1}-of-${parts.length}.png`);
      expect(part.title).toMatch(
        new RegExp(
          `^Full-page screenshot, part ${i + 1} of ${parts.length} \\(browser, \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\)$`,
        ),
      );
      expect(part.sha256).toBe(createHash('sha256').update(Buffer.from(part.base64, 'base64')).digest('hex'));
    });
    const pngs = parts.map((p) => decodePng(p.base64));
    const total = pngs.reduce((sum, png) => sum + png.height, 0);
    expect(total).toBe(30_000 * dpr);
    expect(result.viewport.scroll_height).toBe(30_000);

    // Walk down the left edge: the bands must come in order, each exactly 1000 CSS px tall.
    const colours = columnColours(pngs, 5);
    expectBandsInOrder(colours, dpr, [0, 1, 500 * dpr, 1000 * dpr - 2, 1000 * dpr - 1]);
    // The visible-area screenshot shows what the person saw (scrolled to 4321: band 5).
    const viewport = decodePng(result.artifacts.find((a) => a.kind === 'viewport_screenshot')!.base64);
    expect(close(pixel(viewport, 5, 10), bandColour(4))).toBe(true);
    // The page is put back where it was.
    expect(await page.evaluate(() => window.scrollY)).toBe(4321);
  });

  test('sticky header and fixed badge appear once; lazy images are loaded; scroll and styles restored', async ({
    context,
    worker,
    fixtureServer,
    tabIdOf,
  }) => {
    const page = await context.newPage();
    const url = `${fixtureServer.url}/artifacts/sticky-lazy.html`;
    const tabId = await openFixture(page, url, tabIdOf);
    await page.evaluate(() => window.scrollTo({ top: 1234, behavior: 'instant' }));
    await page.waitForFunction(() => window.scrollY === 1234);
    const observerImagesBefore = await page.evaluate(
      () => [...document.querySelectorAll('img.io')].filter((i) => i.getAttribute('src')).length,
    );
    expect(observerImagesBefore).toBe(0);

    const result = await collect(worker, tabId, url, { fullPageScreenshot: true });
    expect(result.problems).toEqual([]);
    const parts = result.artifacts.filter((a) => a.kind === 'full_page_screenshot');
    expect(parts).toHaveLength(1);
    expect(parts[0]!.fileName).toBe('full-page-screenshot.png');
    const png = decodePng(parts[0]!.base64);
    const dpr = await page.evaluate(() => window.devicePixelRatio);
    const scrollHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(png.height).toBe(scrollHeight * dpr);

    // Magenta sticky header: exactly 80 CSS px of magenta rows (sampled clear of its text), all at the top.
    const magentaRows = columnColours([png], 640).flatMap((c, y) => (close(c, [255, 0, 255]) ? [y] : []));
    const ranges = magentaRows.filter((y, i) => i === 0 || magentaRows[i - 1] !== y - 1);
    expect(ranges).toEqual([0]);
    expect(magentaRows).toHaveLength(80 * dpr);
    expect(magentaRows[0]).toBe(0);
    // Orange fixed badge (bottom right): exactly 40 CSS px of orange rows in its column.
    const badgeX = png.width - 60 * dpr;
    const orangeRows = columnColours([png], badgeX).filter((c) => close(c, [255, 128, 0], 6));
    expect(orangeRows).toHaveLength(40 * dpr);

    // Every lazy image shows its colour (lime = native loading=lazy, blue = IntersectionObserver).
    const boxes = await page.evaluate(() =>
      [...document.querySelectorAll('img')].map((img) => {
        const r = img.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + window.scrollY + r.height / 2, io: img.classList.contains('io') };
      }),
    );
    expect(boxes).toHaveLength(4);
    for (const box of boxes) {
      const colour = pixel(png, Math.round(box.x * dpr), Math.round(box.y * dpr));
      expect(close(colour, box.io ? [0, 0, 255] : [0, 255, 0]), `image at ${box.y}: ${colour}`).toBe(true);
    }

    // Restored: scroll position, the page's own smooth scrolling, no leftover capture style or markers.
    expect(await page.evaluate(() => window.scrollY)).toBe(1234);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe('smooth');
    expect(
      await page.evaluate(
        () => document.querySelectorAll('[data-atlos-capture-hidden], #atlos-capture-full-page-style').length,
      ),
    ).toBe(0);
    expect(await page.evaluate(() => (document.querySelector('img.native') as HTMLImageElement).loading)).toBe('lazy');
  });

  test('original image served only with the page cookie: bytes and SHA-256 equal the served file', async ({
    context,
    worker,
    fixtureServer,
    tabIdOf,
  }) => {
    const served = new PNG({ width: 3, height: 2 });
    served.data.fill(200);
    const bytes = PNG.sync.write(served);
    fixtureServer.route('/artifacts/cookie-page', (_req, res) => {
      res.writeHead(200, {
        'content-type': 'text/html',
        'set-cookie': 'fixture_session=granted; Path=/; SameSite=Lax',
      });
      res.end(
        '<!doctype html><title>Cookie page</title><img id="photo" src="/artifacts/protected-image" width="120" height="80">',
      );
    });
    fixtureServer.route('/artifacts/protected-image', (req, res) => {
      if (!/fixture_session=granted/.test(req.headers.cookie ?? '')) {
        res.writeHead(403, { 'content-type': 'text/plain' });
        return void res.end('forbidden');
      }
      res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
      res.end(bytes);
    });
    const page = await context.newPage();
    const url = `${fixtureServer.url}/artifacts/cookie-page`;
    const tabId = await openFixture(page, url, tabIdOf);
    const mediaUrl = `${fixtureServer.url}/artifacts/protected-image`;

    const result = await collect(
      worker,
      tabId,
      url,
      { originalMedia: true },
      { kind: 'image', url: mediaUrl, mediaUrl, frameId: 0 },
    );

    expect(result.problems).toEqual([]);
    expect(result.artifacts).toHaveLength(1);
    const [media] = result.artifacts;
    expect(media!.kind).toBe('original_media');
    expect(media!.fileName).toBe('original-image.png');
    expect(media!.mimeType).toBe('image/png');
    expect(media!.title).toMatch(/^Original image \(browser, /);
    expect(media!.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(Buffer.from(media!.base64, 'base64').equals(bytes)).toBe(true);
  });

  test('media that cannot be fetched: says why and takes a labelled element screenshot instead', async ({
    context,
    worker,
    fixtureServer,
    tabIdOf,
  }) => {
    fixtureServer.route('/artifacts/broken-page', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        '<!doctype html><body style="margin:0"><div style="height:1500px"></div><img id="photo" src="/artifacts/swatch-lime.svg" style="display:block;width:100px;height:60px"><div style="height:1500px"></div>',
      );
    });
    const page = await context.newPage();
    const url = `${fixtureServer.url}/artifacts/broken-page`;
    const tabId = await openFixture(page, url, tabIdOf);
    await page.waitForFunction(() => (document.getElementById('photo') as HTMLImageElement).complete);
    // From now on the image URL answers 403 (as a signed URL that expired would).
    fixtureServer.route('/artifacts/swatch-lime.svg', (_req, res) => {
      res.writeHead(403);
      res.end();
    });
    const mediaUrl = `${fixtureServer.url}/artifacts/swatch-lime.svg`;

    const result = await collect(
      worker,
      tabId,
      url,
      { originalMedia: true },
      { kind: 'image', url: mediaUrl, mediaUrl, frameId: 0 },
    );

    expect(result.problems.map((p) => p.artifact)).toEqual(['original_media']);
    expect(result.problems[0]!.message).toContain('HTTP 403');
    expect(result.artifacts).toHaveLength(1);
    const [shot] = result.artifacts;
    expect(shot!.fileName).toBe('element-screenshot-image.png');
    expect(shot!.title).toMatch(/^Element screenshot of the image \(browser, /);
    expect(shot!.note).toMatch(/^Element screenshot, not the original file: .*HTTP 403/);
    const png = decodePng(shot!.base64);
    const dpr = await page.evaluate(() => window.devicePixelRatio);
    expect(png.width).toBe(100 * dpr);
    expect(png.height).toBe(60 * dpr);
    expect(close(pixel(png, png.width >> 1, png.height >> 1), [0, 255, 0])).toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBe(0); // scrolled to the element, then back
  });

  test('MHTML archive keeps no typed values or passwords, and the form is restored afterwards', async ({
    context,
    worker,
    fixtureServer,
    tabIdOf,
  }) => {
    const page = await context.newPage();
    const url = `${fixtureServer.url}/artifacts/form.html`;
    const tabId = await openFixture(page, url, tabIdOf);
    await page.fill('#name', 'typedname77');
    await page.fill('#search', 'typedquery88');
    await page.fill('#password', 'typedpass99');
    await page.fill('#notes', 'typednotes66');

    const result = await collect(worker, tabId, url, { pageArchive: true });

    expect(result.problems).toEqual([]);
    const archive = result.artifacts[0]!;
    expect(archive.kind).toBe('page_archive');
    expect(archive.fileName).toBe('page-archive.mhtml');
    expect(archive.title).toMatch(/^Page archive \(MHTML, browser, /);
    // Undo quoted-printable so a value split over a soft line break is still found.
    const text = Buffer.from(archive.base64, 'base64')
      .toString('latin1')
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
    expect(text).toContain('Sign in');
    expect(text).toContain('served-default');
    for (const secret of ['typedname77', 'typedquery88', 'typedpass99', 'typednotes66', 'servedpw'])
      expect(text).not.toContain(secret);
    expect(await page.inputValue('#name')).toBe('typedname77');
    expect(await page.inputValue('#password')).toBe('typedpass99');
    expect(await page.inputValue('#notes')).toBe('typednotes66');
    expect(await page.getAttribute('#password', 'value')).toBe('servedpw');
  });

  test('page metadata from the live DOM with the selection and its context', async ({
    context,
    worker,
    fixtureServer,
    tabIdOf,
  }) => {
    const page = await context.newPage();
    const url = `${fixtureServer.url}/artifacts/form.html`;
    const tabId = await openFixture(page, url, tabIdOf);
    await page.evaluate(() => {
      const h1 = document.querySelector('h1')!.firstChild!;
      const range = document.createRange();
      range.setStart(h1, 0);
      range.setEnd(h1, 4);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    const result = await collect(worker, tabId, url, {}, { kind: 'selection', selectionText: 'Sign' });
    expect(result.problems).toEqual([]);
    expect(result.page).toMatchObject({ url, title: 'Form with typed values', language: 'en' });
    expect(result.viewport).toMatchObject({ width: 1280, height: 800 });
    expect(result.selection).toEqual({ text: 'Sign', prefix: '', suffix: expect.stringMatching(/^ in Name/) });
  });
});

// README examples: `ATLOS_EXAMPLES=1` writes one of each artifact and the metadata they produce
// to docs/examples/artifacts/ (skipped otherwise, so ordinary runs leave the tree alone).
test('writes README examples of each artifact and of the metadata', async ({
  context,
  worker,
  fixtureServer,
  tabIdOf,
}) => {
  test.skip(!process.env.ATLOS_EXAMPLES, 'set ATLOS_EXAMPLES=1 to refresh docs/examples/artifacts');
  test.setTimeout(240_000);
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { buildCaptureMetadata } = await import('../../lib/metadata/schema.ts');
  const { ROOT_DIR } = await import('./fixtures.ts');
  const out = join(ROOT_DIR, 'docs/examples/artifacts');
  mkdirSync(out, { recursive: true });

  const page = await context.newPage();
  const url = `${fixtureServer.url}/artifacts/news-article.html`;
  const tabId = await openFixture(page, url, tabIdOf);
  await page.evaluate(() => {
    const text = document.getElementById('lede')!.firstChild!;
    const range = document.createRange();
    range.setStart(text, 26);
    range.setEnd(text, 37);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  });
  const result = await collect(
    worker,
    tabId,
    url,
    { viewportScreenshot: true, fullPageScreenshot: true, pageArchive: true },
    { kind: 'selection', selectionText: '12 November' },
  );
  const mediaUrl = `${fixtureServer.url}/artifacts/swatch-lime.svg`;
  const media = await collect(worker, tabId, url, { originalMedia: true }, { kind: 'image', url: mediaUrl, mediaUrl });
  const all = [...result.artifacts, ...media.artifacts];
  for (const artifact of all) writeFileSync(join(out, artifact.fileName), Buffer.from(artifact.base64, 'base64'));
  const metadata = buildCaptureMetadata({
    collected: { ...(result as any), artifacts: all.map(({ base64: _b, ...rest }) => rest) },
    serverHashes: new Set(all.map((a) => a.sha256)),
    archive: { requested: false, sourceMaterialId: null },
  });
  writeFileSync(join(out, 'metadata.json'), `${JSON.stringify(metadata, null, 2)}\n`);
  expect(all.length).toBe(4);
});
