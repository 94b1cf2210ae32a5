/**
 * Context-menu and keyboard-command captures, headless: Playwright cannot open the browser's own
 * menu, so the click is dispatched to the real registered listener inside the service worker
 * (`chrome.contextMenus.onClicked.dispatch(info, tab)`); the profile's accepted all-sites grant
 * (fixtures.ts, `grants`) stands in for the `activeTab` grant a real click gives. menus.headed.spec.ts and
 * permissions.headed.spec.ts do
 * real right-clicks. Each test checks in the stand-in the source material, its files (SHA-256)
 * and its metadata.
 *
 * Build: `ATLOS_OUT_DIR=.output-menus npx wxt build --mode e2e`; run:
 * `EXT_DIR=.output-menus/chrome-mv3-e2e npx playwright test test/e2e/menus.spec.ts --project chromium`.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { recentItemId, MENU_CHOOSE_ID } from '../../lib/menus/menu-items.ts';
import type { FixtureServer } from '../fixtures/server.ts';
import { test, expect, type Standin } from './fixtures.ts';
import {
  NAMESPACE,
  QUOTE,
  connectWithRecentIncident,
  expectFilesMatchMetadata,
  expectSelectionCapture,
  slugOfIncident,
  waitForBrowserCapture,
  type MenusPage,
} from './menus-fixture.ts';
import { viaLoopback } from '../support/hosts.ts';

interface Setup {
  page: Page;
  tabId: number;
  fixture: MenusPage;
  slug: string;
  connectionId: string;
}

async function setUp(args: {
  context: BrowserContext;
  worker: Worker;
  standin: Standin;
  fixtureServer: FixtureServer;
  openOptions: () => Promise<Page>;
  tabIdOf: (page: Page) => Promise<number>;
}): Promise<Setup> {
  const { connectionId, slug, fixture } = await connectWithRecentIncident(args, 0);
  const page = await args.context.newPage();
  await page.goto(fixture.pageUrl);
  await page.bringToFront();
  const tabId = await args.tabIdOf(page);
  return { page, tabId, fixture, slug, connectionId };
}

/** Runs the real `contextMenus.onClicked` listeners with what Chrome would pass for this click. */
async function dispatchClick(worker: Worker, tabId: number, info: Record<string, unknown>) {
  await worker.evaluate(
    async ({ tabId, info }) => {
      const chrome = (globalThis as any).chrome;
      const tab = await chrome.tabs.get(tabId);
      chrome.contextMenus.onClicked.dispatch({ editable: false, frameId: 0, pageUrl: tab.url, ...info }, tab);
    },
    { tabId, info },
  );
}

test.describe('context menu, dispatched clicks', () => {
  test.setTimeout(240_000);
  // A small stand-in starts faster; these tests need only a couple of incidents.
  test.use({ standinOptions: { incidents: 20 } });

  test('page: captures the page to the recent incident', async ({
    context,
    worker,
    standin,
    fixtureServer,
    openOptions,
    tabIdOf,
  }) => {
    const { tabId, fixture, slug, connectionId } = await setUp({
      context,
      worker,
      standin,
      fixtureServer,
      openOptions,
      tabIdOf,
    });
    await dispatchClick(worker, tabId, {
      menuItemId: recentItemId({ connectionId, slug }),
      parentMenuItemId: 'atlos-send',
    });

    const sm = await waitForBrowserCapture(standin, fixture.pageUrl);
    expect(slugOfIncident(standin, sm.incident_id)).toBe(slug);
    const metadata = sm.metadata[NAMESPACE];
    expect(metadata.target).toMatchObject({ kind: 'page', url: fixture.pageUrl });
    expect(metadata.page.url).toBe(fixture.pageUrl);
    expect(metadata.page.title).toBe('Convoy seen at the market');
    expect(metadata.selection).toBeNull();
    const kinds = (await expectFilesMatchMetadata(sm)).map((a) => a.kind);
    expect(kinds).toContain('viewport_screenshot');
  });

  test('link: captures the link URL, with the page recorded', async ({
    context,
    worker,
    standin,
    fixtureServer,
    openOptions,
    tabIdOf,
  }) => {
    const { tabId, fixture, slug, connectionId } = await setUp({
      context,
      worker,
      standin,
      fixtureServer,
      openOptions,
      tabIdOf,
    });
    await dispatchClick(worker, tabId, { menuItemId: recentItemId({ connectionId, slug }), linkUrl: fixture.linkUrl });

    const sm = await waitForBrowserCapture(standin, fixture.linkUrl);
    expect(slugOfIncident(standin, sm.incident_id)).toBe(slug);
    const metadata = sm.metadata[NAMESPACE];
    expect(metadata.target).toMatchObject({ kind: 'link', url: fixture.linkUrl });
    expect(metadata.page.url).toBe(fixture.pageUrl);
    await expectFilesMatchMetadata(sm);
    // The page the link was on was not recorded as a source of its own.
    expect(standin.control.state().sourceMaterial.filter((s) => s.source_url === fixture.pageUrl)).toEqual([]);
  });

  test('image inside a cookie-protected CDN: uploads the original bytes', async ({
    context,
    worker,
    standin,
    fixtureServer,
    openOptions,
    tabIdOf,
  }) => {
    const { tabId, fixture, slug, connectionId } = await setUp({
      context,
      worker,
      standin,
      fixtureServer,
      openOptions,
      tabIdOf,
    });
    expect(fixture.photoRequests.withCookie).toBeGreaterThan(0); // the page itself loaded it with its cookie
    expect(
      (await fetch(viaLoopback(fixture.photoUrl))).status,
      'the CDN refuses a request without the page cookie',
    ).toBe(403);
    await dispatchClick(worker, tabId, {
      menuItemId: recentItemId({ connectionId, slug }),
      mediaType: 'image',
      srcUrl: fixture.photoUrl,
    });

    const sm = await waitForBrowserCapture(standin, fixture.photoUrl);
    const metadata = sm.metadata[NAMESPACE];
    expect(metadata.target).toMatchObject({ kind: 'image', url: fixture.photoUrl });
    expect(metadata.page.url).toBe(fixture.pageUrl);
    const listed = await expectFilesMatchMetadata(sm);
    const original = listed.find((a) => a.kind === 'original_media');
    expect(original?.sha256).toBe(fixture.photo.sha256);
    expect(sm.artifacts.map((a) => a.file_hash_sha256)).toContain(fixture.photo.sha256);
  });

  test('selection: the page URL plus the selected text and its context', async ({
    context,
    worker,
    standin,
    fixtureServer,
    openOptions,
    tabIdOf,
  }) => {
    const { page, tabId, fixture, slug, connectionId } = await setUp({
      context,
      worker,
      standin,
      fixtureServer,
      openOptions,
      tabIdOf,
    });
    await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById('selected')!);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    await dispatchClick(worker, tabId, { menuItemId: recentItemId({ connectionId, slug }), selectionText: QUOTE });

    const sm = await waitForBrowserCapture(standin, fixture.pageUrl);
    await expectSelectionCapture(sm, fixture);
  });

  test('Choose incident… opens the popup in a small window for that tab and target', async ({
    context,
    worker,
    standin,
    fixtureServer,
    openOptions,
    tabIdOf,
    extensionId,
  }) => {
    const { tabId, fixture } = await setUp({ context, worker, standin, fixtureServer, openOptions, tabIdOf });
    const opened = context.waitForEvent('page', { predicate: (p) => p.url().includes('/popup.html') });
    await dispatchClick(worker, tabId, { menuItemId: MENU_CHOOSE_ID, linkUrl: fixture.linkUrl });
    const popup = await opened;
    const url = new URL(popup.url());
    expect(`${url.protocol}//${url.host}${url.pathname}`).toBe(`chrome-extension://${extensionId}/popup.html`);
    expect(url.searchParams.get('tabId')).toBe(String(tabId));
    expect(JSON.parse(url.searchParams.get('target')!)).toEqual({
      kind: 'link',
      url: fixture.linkUrl,
      pageUrl: fixture.pageUrl,
    });
    const window = await worker.evaluate(async (href) => {
      const chrome = (globalThis as any).chrome;
      const [tab] = await chrome.tabs.query({ url: href.split('?')[0] + '*' });
      const win = await chrome.windows.get(tab.windowId);
      return { type: win.type };
    }, popup.url());
    // Headless Chromium does not size windows; the size is checked in menus.headed.spec.ts and unit tests.
    expect(window.type).toBe('popup');
    // Nothing was captured by opening the chooser.
    expect(standin.control.state().sourceMaterial.filter((s) => s.source_url === fixture.linkUrl)).toEqual([]);
  });

  test('keyboard command: captures the active tab to the last-used incident', async ({
    context,
    worker,
    standin,
    fixtureServer,
    openOptions,
    tabIdOf,
  }) => {
    const { tabId, fixture, slug } = await setUp({ context, worker, standin, fixtureServer, openOptions, tabIdOf });
    await worker.evaluate(async (tabId) => {
      const chrome = (globalThis as any).chrome;
      chrome.commands.onCommand.dispatch('capture-to-last-incident', await chrome.tabs.get(tabId));
    }, tabId);
    const sm = await waitForBrowserCapture(standin, fixture.pageUrl);
    expect(slugOfIncident(standin, sm.incident_id)).toBe(slug);
    expect(sm.metadata[NAMESPACE].target).toMatchObject({ kind: 'page', url: fixture.pageUrl });
    await expectFilesMatchMetadata(sm);
  });
});
