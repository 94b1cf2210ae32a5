/**
 * Batch capture end to end in Chromium, through the chooser window a person uses:
 * - 8 selected tabs (one of them a browser page) into one incident: the window offers
 *   `Capture 8 selected tabs`, lists the browser page with its reason before anything starts,
 *   and the stand-in receives 7 source materials with their files; the batch is one row in the
 *   recent captures (README screenshot docs/screenshots/batch.png).
 * - `Send links to Atlos…` on a selection of 15 links (3 naming an earlier page, 1 already in the
 *   incident): the window lists 12, the one in the incident marked and unchecked; Capture files the
 *   right 11 as source materials, each archived by Atlos, with the page, text and position recorded.
 *
 * The tabs are selected with `tabs.highlight` from the test's access to the worker, and the menu
 * click is dispatched to the real listener (menus.spec.ts explains why); batch.headed.spec.ts
 * right-clicks for real.
 *
 * Build: `npm run build:e2e`; run: `npx playwright test --project chromium test/e2e/batch.spec.ts`.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { MENU_LINKS_ID, MENU_PARENT_ID } from '../../lib/menus/menu-items.ts';
import { alreadyInIncident, expectedLinks, resultsUrl, serveBatchTabs } from '../support/batch-pages.ts';
import { expect, test, type Standin } from './fixtures.ts';
import { connectProject } from './helpers/connect.ts';
import {
  NAMESPACE,
  expectFilesMatchMetadata,
  onlyConnectionId,
  slugOfIncident,
  useIncident,
  waitForBrowserCapture,
  type SourceMaterial,
} from './menus-fixture.ts';

test.use({ standinOptions: { incidents: 20 } });
test.setTimeout(300_000);

async function connectWithIncident(worker: Worker, standin: Standin, openOptions: () => Promise<Page>) {
  const options = await openOptions();
  await connectProject(options, { url: standin.url, token: standin.tokens.civEdit });
  await options.close();
  const connectionId = await onlyConnectionId(worker);
  const slug = standin.known.civSlugs[1]!;
  const description = standin.control.state().incidents.find((i) => i.slug === slug)!.attr_description;
  await useIncident(worker, { connectionId, slug, description });
  return { connectionId, slug };
}

/** Opens the popup in a window of its own, as the menus do (the browser window keeps its selection). */
async function openChooser(worker: Worker, context: BrowserContext, query: string) {
  const opened = context.waitForEvent('page', { predicate: (p) => p.url().includes('/popup.html') });
  await worker.evaluate(async (search) => {
    const chrome = (globalThis as any).chrome;
    await chrome.windows.create({
      url: chrome.runtime.getURL(`/popup.html?${search}`),
      type: 'popup',
      width: 420,
      height: 640,
    });
  }, query);
  const popup = await opened;
  await popup.waitForLoadState();
  return popup;
}

/** Source materials of the incident that hold the extension's metadata. */
function browserCaptures(standin: Standin, slug: string): SourceMaterial[] {
  const incident = standin.control.state().incidents.find((i) => i.slug === slug)!;
  return (standin.control.state().sourceMaterial as SourceMaterial[]).filter(
    (sm) => sm.incident_id === incident.id && sm.metadata?.[NAMESPACE],
  );
}

test('8 selected tabs, one a browser page: 7 captures with their files, 1 reported before the start', async ({
  context,
  worker,
  standin,
  fixtureServer,
  openOptions,
  saveScreenshot,
}) => {
  const { slug } = await connectWithIncident(worker, standin, openOptions);
  const urls = serveBatchTabs(fixtureServer);
  // Seven pages and a browser page, in one window, all selected (as ctrl-clicks on the tab strip would).
  const { tabIds, front } = await worker.evaluate(async (pages: string[]) => {
    const chrome = (globalThis as any).chrome;
    const window = await chrome.windows.create({ url: pages[0], focused: true });
    const created = [window.tabs[0]];
    for (const url of [...pages.slice(1), 'chrome://version/'])
      created.push(await chrome.tabs.create({ windowId: window.id, url, active: false }));
    for (let i = 0; i < 100; i++) {
      const tabs = await chrome.tabs.query({ windowId: window.id });
      if (tabs.every((t: any) => t.status === 'complete')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const tabs = await chrome.tabs.query({ windowId: window.id });
    await chrome.tabs.highlight({ windowId: window.id, tabs: tabs.map((t: any) => t.index) });
    return { tabIds: tabs.map((t: any) => t.id as number), front: tabs[0].id as number };
  }, urls);
  expect(tabIds).toHaveLength(8);

  const popup = await openChooser(worker, context, `tabId=${front}`);
  const button = popup.getByRole('button', { name: 'Capture 8 selected tabs' });
  await expect(button).toBeVisible({ timeout: 30_000 });
  // Before anything starts: the browser page, with its reason, is left out.
  await expect(popup.getByText('Left out of the batch:')).toBeVisible();
  await expect(popup.locator('.batch-left-out li')).toHaveCount(1);
  // Chrome hides a browser page's address and title from extensions: it is named by its place.
  await expect(popup.locator('.batch-left-out li')).toHaveText(
    'Tab 8: Browser pages (settings, new tab, about: pages) cannot be captured.',
  );
  await expect(popup.getByRole('combobox', { name: 'Incident' })).toHaveValue(new RegExp(slug));
  await popup.setViewportSize({ width: 400, height: 640 });
  await button.click();
  await expect(popup.getByRole('status')).toContainText('Batch started: 7 captures.');

  for (const url of urls) {
    const sm = await waitForBrowserCapture(standin, url, 180_000);
    expect(slugOfIncident(standin, sm.incident_id)).toBe(slug);
    const kinds = (await expectFilesMatchMetadata(sm)).map((a) => a.kind);
    expect(kinds).toContain('viewport_screenshot');
  }
  expect(browserCaptures(standin, slug)).toHaveLength(7);
  expect(standin.control.state().sourceMaterial.some((sm) => sm.source_url?.startsWith('chrome:'))).toBe(false);

  // One row for the batch; it opens to the items.
  const row = popup.getByRole('button', { name: /7 of 7 captured/ });
  await expect(row).toBeVisible({ timeout: 60_000 });
  await expect(row).toHaveAttribute('aria-expanded', 'true'); // the batch started here opens by itself
  await row.press('Enter');
  await expect(row).toHaveAttribute('aria-expanded', 'false');
  await row.press('Enter');
  const items = popup.getByRole('list', { name: `Captures of the batch into ${slug}` }).getByRole('listitem');
  await expect(items).toHaveCount(7);
  await expect(items.first().getByRole('link', { name: 'Verify' })).toBeVisible();
  await expect(items.first().getByRole('link', { name: 'Open in Atlos' })).toBeVisible();
  await expect(items.nth(6)).toContainText('Captured');
  // The window's content, as the README shows it (the popup grows with its content).
  await row.blur();
  const height = await popup.evaluate(() => Math.ceil(document.querySelector('main')!.getBoundingClientRect().bottom));
  await popup.setViewportSize({ width: 400, height: Math.min(1150, height + 12) });
  await saveScreenshot(popup, 'batch');
});

test('Send links to Atlos…: 15 links, 3 repeated, 1 already in the incident → the right 11, each archived', async ({
  context,
  worker,
  standin,
  fixtureServer,
  openOptions,
  tabIdOf,
  saveScreenshot,
}) => {
  const { slug } = await connectWithIncident(worker, standin, openOptions);
  const known = alreadyInIncident(fixtureServer);
  const colleagues = standin.control.addSourceMaterialAs({ slug, url: known, by: { tokenId: crypto.randomUUID() } });
  const page = await context.newPage();
  await page.goto(resultsUrl(fixtureServer));
  await page.bringToFront();
  const tabId = await tabIdOf(page);
  await page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('results')!);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  });

  const opened = context.waitForEvent('page', { predicate: (p) => p.url().includes('/popup.html') });
  await worker.evaluate(
    async ({ tabId, menuItemId, parentMenuItemId }) => {
      const chrome = (globalThis as any).chrome;
      const tab = await chrome.tabs.get(tabId);
      chrome.contextMenus.onClicked.dispatch(
        { menuItemId, parentMenuItemId, editable: false, frameId: 0, pageUrl: tab.url, selectionText: 'Convoy…' },
        tab,
      );
    },
    { tabId, menuItemId: MENU_LINKS_ID, parentMenuItemId: MENU_PARENT_ID },
  );
  const popup = await opened;
  expect(new URL(popup.url()).searchParams.get('links')).toMatch(/^[0-9a-f-]{36}$/);

  const expected = expectedLinks(fixtureServer);
  const boxes = popup.getByRole('checkbox');
  await expect(boxes).toHaveCount(12, { timeout: 30_000 });
  for (const [index, link] of expected.entries())
    await expect(boxes.nth(index)).toHaveAccessibleName(link.text || link.url);
  await expect(popup.getByText('Left out, not web addresses: 1')).toBeVisible();
  await expect(popup.getByRole('combobox', { name: 'Incident' })).toHaveValue(new RegExp(slug));
  // The link already in the incident is marked and unchecked; the others stay checked.
  const knownBox = popup.getByRole('checkbox', { name: 'School used as shelter' });
  await expect(knownBox).not.toBeChecked({ timeout: 30_000 });
  await expect(popup.locator('.batch-link.is-known')).toHaveCount(1);
  await expect(popup.locator('.batch-link.is-known')).toContainText('already in this incident');
  for (const link of expected.filter((l) => l.url !== known))
    await expect(popup.getByRole('checkbox', { name: link.text || link.url })).toBeChecked();
  await expect(popup.getByText('11 of 12 checked')).toBeVisible();
  await popup.setViewportSize({ width: 400, height: 720 });
  await saveScreenshot(popup, 'batch-links');
  // Unchecking all and checking one by one gives the same list back.
  await popup.getByRole('button', { name: 'Uncheck all' }).click();
  await expect(popup.getByText('0 of 12 checked')).toBeVisible();
  for (const link of expected.filter((l) => l.url !== known))
    await popup.getByRole('checkbox', { name: link.text || link.url }).check();
  await popup.getByRole('button', { name: 'Capture' }).click();
  await expect(popup.getByRole('status')).toContainText('Batch started: 11 captures.');

  const sent = expected.filter((l) => l.url !== known);
  const deadline = Date.now() + 180_000;
  while (browserCaptures(standin, slug).length < sent.length && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 500));
  await new Promise((r) => setTimeout(r, 2_000)); // nothing more arrives after the last one
  const captures = browserCaptures(standin, slug);
  expect(captures.map((sm) => sm.source_url).sort()).toEqual(sent.map((l) => l.url).sort());
  for (const sm of captures) {
    const link = sent.find((l) => l.url === sm.source_url)!;
    const metadata = sm.metadata[NAMESPACE];
    expect(metadata.target).toMatchObject({
      kind: 'link',
      url: link.url,
      page_url: resultsUrl(fixtureServer),
      link_text: link.text,
      link_position: expected.indexOf(link) + 1,
    });
    expect(metadata.archive.requested).toBe(true);
  }
  // The link already in the incident was not sent again: only the colleague's source material holds it.
  const holding = standin.control.state().sourceMaterial.filter((sm) => sm.source_url === known);
  expect(holding.map((sm) => sm.id)).toEqual([colleagues]);
});
