/**
 * The real native context menu, headed Chromium under Xvfb: right-click with `xdotool`, walk the
 * menu with the arrow keys and Return, then check in the stand-in that the capture created the
 * right source material with the right files (SHA-256) and metadata.
 *
 * Where `Send to Atlos` sits (verified with xwd screenshots in Chromium 156): extension items come
 * just above `Inspect`, the menu's last item, and a plain page adds `View page source` between
 * them. Up from a fresh menu wraps to the last item, so: page `Up Up Up`, link / image / selection
 * `Up Up`. `Right` opens the submenu with its first item (the most recent incident) highlighted;
 * `Up` from there wraps to `Choose incident…`.
 *
 * Run by the `chromium-headed` project (test/run-all.ts provides the X display):
 * `ATLOS_OUT_DIR=.output-menus npx wxt build --mode e2e && EXT_DIR=.output-menus/chrome-mv3-e2e \
 *   xvfb-run -a -s '-screen 0 1280x1000x24' npx playwright test test/e2e/menus.headed.spec.ts --project chromium-headed`
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import type { FixtureServer } from '../fixtures/server.ts';
import { test, expect, getServiceWorker, relaunch, type Standin } from './fixtures.ts';
import {
  NAMESPACE,
  connectWithRecentIncident,
  expectFilesMatchMetadata,
  expectSelectionCapture,
  sha256OfArtifact,
  slugOfIncident,
  waitForBrowserCapture,
  type MenusPage,
} from './menus-fixture.ts';
import { keys, requireDisplay, rightClick } from './helpers/xdotool.ts';
import { viaLoopback } from '../support/hosts.ts';

interface Setup {
  page: Page;
  fixture: MenusPage;
  slug: string;
}

async function setUp(args: {
  context: BrowserContext;
  worker: Worker;
  standin: Standin;
  fixtureServer: FixtureServer;
  openOptions: () => Promise<Page>;
}): Promise<Setup> {
  requireDisplay();
  const { slug, fixture } = await connectWithRecentIncident(args, 1);
  // Reuse the window's first tab so exactly one browser window is on screen.
  const page = args.context.pages()[0] ?? (await args.context.newPage());
  for (const other of args.context.pages()) if (other !== page) await other.close();
  await page.goto(fixture.pageUrl);
  await page.bringToFront();
  return { page, fixture, slug };
}

test.describe('context menu, real right-clicks', () => {
  test.setTimeout(240_000);
  // A small stand-in starts faster; these tests need only a couple of incidents.
  test.use({ standinOptions: { incidents: 20 } });

  test('page: Send to Atlos → most recent incident', async ({
    context,
    worker,
    standin,
    fixtureServer,
    openOptions,
  }) => {
    const { page, fixture, slug } = await setUp({ context, worker, standin, fixtureServer, openOptions });
    await rightClick(page, page.locator('#headline'));
    await keys('Up', 'Up', 'Up', 'Right', 'Return');

    const sm = await waitForBrowserCapture(standin, fixture.pageUrl);
    expect(slugOfIncident(standin, sm.incident_id)).toBe(slug);
    expect(sm.metadata[NAMESPACE].target).toMatchObject({ kind: 'page', url: fixture.pageUrl });
    expect(sm.metadata[NAMESPACE].selection).toBeNull();
    expect((await expectFilesMatchMetadata(sm)).map((a) => a.kind)).toContain('viewport_screenshot');
  });

  test('link: captures where the link points', async ({ context, worker, standin, fixtureServer, openOptions }) => {
    const { page, fixture, slug } = await setUp({ context, worker, standin, fixtureServer, openOptions });
    await rightClick(page, page.locator('#report-link'));
    await keys('Up', 'Up', 'Right', 'Return');

    const sm = await waitForBrowserCapture(standin, fixture.linkUrl);
    expect(slugOfIncident(standin, sm.incident_id)).toBe(slug);
    expect(sm.metadata[NAMESPACE].target).toMatchObject({ kind: 'link', url: fixture.linkUrl });
    expect(sm.metadata[NAMESPACE].page.url).toBe(fixture.pageUrl);
    await expectFilesMatchMetadata(sm);
  });

  test('image behind a cookie-checking CDN: uploads the original bytes (SHA-256)', async ({
    context,
    worker,
    standin,
    fixtureServer,
    openOptions,
  }) => {
    const { page, fixture, slug } = await setUp({ context, worker, standin, fixtureServer, openOptions });
    await expect(page.locator('#photo')).toHaveJSProperty('naturalWidth', 240);
    expect(
      (await fetch(viaLoopback(fixture.photoUrl))).status,
      'the CDN refuses a request without the page cookie',
    ).toBe(403);
    await rightClick(page, page.locator('#photo'));
    await keys('Up', 'Up', 'Right', 'Return');

    const sm = await waitForBrowserCapture(standin, fixture.photoUrl);
    expect(slugOfIncident(standin, sm.incident_id)).toBe(slug);
    expect(sm.metadata[NAMESPACE].target).toMatchObject({ kind: 'image', url: fixture.photoUrl });
    expect(sm.metadata[NAMESPACE].page.url).toBe(fixture.pageUrl);
    const original = (await expectFilesMatchMetadata(sm)).find((a) => a.kind === 'original_media');
    expect(original?.sha256).toBe(fixture.photo.sha256);
    const uploaded = sm.artifacts.find((a) => a.file_hash_sha256 === fixture.photo.sha256);
    expect(uploaded, 'the original image bytes are in Atlos').toBeDefined();
    expect(await sha256OfArtifact(uploaded!.access_url)).toBe(fixture.photo.sha256);
  });

  test('selection: the page plus the selected text', async ({
    context,
    worker,
    standin,
    fixtureServer,
    openOptions,
  }) => {
    const { page, fixture, slug } = await setUp({ context, worker, standin, fixtureServer, openOptions });
    await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById('selected')!);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    await rightClick(page, page.locator('#selected'));
    await keys('Up', 'Up', 'Right', 'Return');

    const sm = await waitForBrowserCapture(standin, fixture.pageUrl);
    expect(slugOfIncident(standin, sm.incident_id)).toBe(slug);
    await expectSelectionCapture(sm, fixture);
  });

  test('Choose incident… opens the popup for the clicked link in a small window', async ({
    context,
    worker,
    standin,
    fixtureServer,
    openOptions,
    extensionId,
  }) => {
    const { page, fixture } = await setUp({ context, worker, standin, fixtureServer, openOptions });
    const opened = context.waitForEvent('page', { predicate: (p) => p.url().includes('/popup.html') });
    await rightClick(page, page.locator('#report-link'));
    await keys('Up', 'Up', 'Right', 'Up', 'Return');
    const popup = await opened;
    const url = new URL(popup.url());
    expect(`${url.protocol}//${url.host}${url.pathname}`).toBe(`chrome-extension://${extensionId}/popup.html`);
    expect(JSON.parse(url.searchParams.get('target')!)).toEqual({
      kind: 'link',
      url: fixture.linkUrl,
      pageUrl: fixture.pageUrl,
    });
    await expect(popup.getByRole('combobox', { name: 'Incident' })).toBeVisible();
    const window = await worker.evaluate(async (href) => {
      const chrome = (globalThis as any).chrome;
      const [tab] = await chrome.tabs.query({ url: href.split('?')[0] + '*' });
      const win = await chrome.windows.get(tab.windowId);
      return { type: win.type };
    }, popup.url());
    // Its size (420×640) is checked in lib/menus/register.test.ts: Playwright resizes every page it
    // drives to the context's emulated viewport, so the real window size is not observable here.
    expect(window).toEqual({ type: 'popup' });
  });

  test('after a browser restart the menu is still there, with its recent incident, and captures', async ({
    context,
    worker,
    standin,
    fixtureServer,
    openOptions,
  }) => {
    const { fixture, slug } = await setUp({ context, worker, standin, fixtureServer, openOptions });
    const next = await relaunch(context);
    await getServiceWorker(next);
    const page = next.pages()[0] ?? (await next.newPage());
    for (const other of next.pages()) if (other !== page) await other.close();
    await page.goto(fixture.pageUrl);
    await page.bringToFront();
    await rightClick(page, page.locator('#headline'));
    await keys('Up', 'Up', 'Up', 'Right', 'Return');

    const sm = await waitForBrowserCapture(standin, fixture.pageUrl);
    expect(slugOfIncident(standin, sm.incident_id)).toBe(slug);
    expect(sm.metadata[NAMESPACE].target).toMatchObject({ kind: 'page', url: fixture.pageUrl });
  });
});
