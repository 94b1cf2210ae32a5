/**
 * Batch capture in Firefox ESR (test/e2e/batch.spec.ts is the Chromium twin):
 * - 8 selected tabs, one a browser page (`about:blank`), into one incident: `Capture 8 selected
 *   tabs` lists the browser page before the start; 7 source materials with their files arrive
 *   (Firefox captures tabs in the background with `tabs.captureTab`).
 * - `Send links to Atlos…` on a selection of 15 links (3 naming an earlier page, 1 already in the
 *   incident): the right 11 source materials, each archived by Atlos.
 *
 * Puppeteer over BiDi neither reports the popup-type window the menus open nor can fire
 * `menus.onClicked`: the click goes through the e2e build's `__atlosMenusTest` hook on the background
 * page (lib/menus/register.ts, same dependencies as a real click), and the chooser window's URL is
 * opened in a tab. batch.headed.spec.ts right-clicks for real.
 *
 * Build: `npm run build:e2e`; run: `npx playwright test --project=firefox test/firefox/batch.spec.ts`.
 */
import type { Page } from 'puppeteer-core';
import type { Standin } from '../e2e/fixtures.ts';
import { MENU_LINKS_ID, MENU_PARENT_ID } from '../../lib/menus/menu-items.ts';
import { alreadyInIncident, expectedLinks, resultsUrl, serveBatchTabs } from '../support/batch-pages.ts';
import { expect, tabIdOf, test } from './fixtures.ts';
import { connectThroughOptions, findByRole, poll, textOf, waitForText } from './helpers.ts';

test.use({ standinOptions: { incidents: 20 } });
test.setTimeout(300_000);

const NAMESPACE = 'browser_capture';

interface SourceMaterial {
  id: string;
  incident_id: string;
  source_url: string;
  metadata: Record<string, any>;
  artifacts: Array<{ file_hash_sha256: string; title?: string | null }>;
}

function capturesIn(standin: Standin, slug: string): SourceMaterial[] {
  const incident = standin.control.state().incidents.find((i) => i.slug === slug)!;
  return (standin.control.state().sourceMaterial as unknown as SourceMaterial[]).filter(
    (sm) => sm.incident_id === incident.id && sm.metadata?.[NAMESPACE],
  );
}

/** Connects (all-sites offer accepted) and makes the CIV project's second incident the most recent. */
async function connect(standin: Standin, openExtensionPage: (path: string) => Promise<Page>) {
  const options = await openExtensionPage('options.html');
  await connectThroughOptions(options, { url: standin.url, token: standin.tokens.civEdit });
  const slug = standin.known.civSlugs[1]!;
  const description = standin.control.state().incidents.find((i) => i.slug === slug)!.attr_description;
  await options.evaluate(
    async (slug: string, description: string) => {
      const storage = (globalThis as any).browser.storage.local;
      const { connections } = await storage.get('connections');
      const entry = { connectionId: connections[0].id, slug, description, usedAt: new Date().toISOString() };
      await storage.set({ recentIncidents: [entry], recentIncidents$: { v: 1 } });
    },
    slug,
    description,
  );
  return { options, slug };
}

/** Waits until `count` captures with metadata are in the incident, then a little longer (nothing more may come). */
async function waitForCaptures(standin: Standin, slug: string, count: number): Promise<SourceMaterial[]> {
  await poll(async () => capturesIn(standin, slug).length >= count, `${count} captures`, 180_000);
  await new Promise((r) => setTimeout(r, 2_000));
  return capturesIn(standin, slug);
}

test('8 selected tabs, one a browser page: 7 captures with their files, 1 reported before the start', async ({
  standin,
  fixtureServer,
  openExtensionPage,
}) => {
  const { options, slug } = await connect(standin, openExtensionPage);
  const urls = serveBatchTabs(fixtureServer);
  // A window of its own with the seven pages and a browser page, all selected.
  const front = await options.evaluate(async (pages: string[]) => {
    const browser = (globalThis as any).browser;
    const window = await browser.windows.create({ url: [...pages, 'about:blank'] });
    for (let i = 0; i < 100; i++) {
      const tabs = await browser.tabs.query({ windowId: window.id });
      if (tabs.filter((t: any) => t.status === 'complete').length === tabs.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const tabs = await browser.tabs.query({ windowId: window.id });
    await browser.tabs.highlight({ windowId: window.id, tabs: tabs.map((t: any) => t.index) });
    return tabs[0].id as number;
  }, urls);

  // The chooser as Firefox's tab-strip item opens it (`tabs=selected`). The options tab, in the first
  // window, becomes it: a new tab might open in the selected window and end its selection.
  const popup = options;
  const target = `popup.html?tabId=${front}&tabs=selected`;
  await popup.evaluate((path: string) => {
    location.href = path;
  }, target);
  await poll(
    () => popup.evaluate((path: string) => location.href.endsWith(path) && document.readyState === 'complete', target),
    'the chooser',
  );
  const button = await findByRole(popup, 'button', 'Capture 8 selected tabs', { timeout: 30_000 });
  await poll(() => popup.$$eval('.batch-left-out li', (items) => items.length === 1), 'one tab left out');
  // Firefox may hide a browser page's address too: it is then named by its place.
  expect(await textOf(popup, '.batch-left-out li')).toMatch(
    /^(about:blank|Tab 8): Browser pages \(settings, new tab, about: pages\) cannot be captured\.$/,
  );
  await poll(
    () => popup.$eval('[role=combobox]', (el, slug) => (el as HTMLInputElement).value.includes(slug as string), slug),
    'the recent incident chosen',
  );
  await popup.click(button);
  await waitForText(popup, '[role=status]', /Batch started: 7 captures\./);

  const captures = await waitForCaptures(standin, slug, 7);
  expect(captures.map((sm) => sm.source_url).sort()).toEqual([...urls].sort());
  for (const sm of captures) {
    const kinds = (sm.metadata[NAMESPACE].artifacts as Array<{ kind: string; sha256: string }>).map((a) => a.kind);
    expect(kinds).toContain('viewport_screenshot');
    const listed = (sm.metadata[NAMESPACE].artifacts as Array<{ sha256: string }>).map((a) => a.sha256);
    const uploaded = sm.artifacts.map((a) => a.file_hash_sha256);
    for (const hash of listed) expect(uploaded).toContain(hash);
  }
  await waitForText(popup, '.batch-toggle', /7 of 7 captured/, 60_000);
  await options.evaluate(async (tabId: number) => {
    const browser = (globalThis as any).browser;
    const { windowId } = await browser.tabs.get(tabId);
    await browser.windows.remove(windowId);
  }, front);
});

test('Send links to Atlos…: 15 links, 3 repeated, 1 already in the incident → the right 11, each archived', async ({
  firefox,
  standin,
  fixtureServer,
  openExtensionPage,
  addon,
}) => {
  const { options, slug } = await connect(standin, openExtensionPage);
  const known = alreadyInIncident(fixtureServer);
  const colleagues = standin.control.addSourceMaterialAs({ slug, url: known, by: { tokenId: crypto.randomUUID() } });
  const page = await firefox.newPage();
  await page.goto(resultsUrl(fixtureServer));
  await page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('results')!);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  });
  const tabId = await tabIdOf(options, resultsUrl(fixtureServer));

  const chooserUrl = await options.evaluate(
    async (tabId: number, menuItemId: string, parentMenuItemId: string, origin: string) => {
      const browser = (globalThis as any).browser;
      const background = await browser.runtime.getBackgroundPage();
      const tab = await browser.tabs.get(tabId);
      await background.__atlosMenusTest.click(
        { menuItemId, parentMenuItemId, frameId: 0, pageUrl: tab.url, selectionText: 'Convoy…' },
        { id: tab.id, url: tab.url },
      );
      for (let i = 0; i < 100; i++) {
        const windows = await browser.windows.getAll({ populate: true });
        for (const window of windows) {
          const chooser = window.tabs?.find((t: any) => t.url?.startsWith(`${origin}/popup.html`));
          if (chooser) {
            await browser.windows.remove(window.id);
            return { url: chooser.url as string, type: window.type as string };
          }
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      return null;
    },
    tabId,
    MENU_LINKS_ID,
    MENU_PARENT_ID,
    addon.origin,
  );
  expect(chooserUrl?.type).toBe('popup');
  const query = new URL(chooserUrl!.url).search;
  expect(new URLSearchParams(query).get('links')).toMatch(/^[0-9a-f-]{36}$/);

  const popup = await openExtensionPage(`popup.html${query}`);
  const expected = expectedLinks(fixtureServer);
  for (const link of expected) await findByRole(popup, 'checkbox', link.text || link.url, { timeout: 30_000 });
  expect(await popup.$$eval('input[type=checkbox]', (boxes) => boxes.length)).toBe(12);
  await waitForText(popup, '.batch-link.is-known', /already in this incident/, 30_000);
  const checked = await popup.$$eval('input[type=checkbox]', (boxes) =>
    boxes.map((box) => (box as HTMLInputElement).checked),
  );
  expect(checked).toEqual(expected.map((l) => l.url !== known));
  await waitForText(popup, '.batch-link-tools', /^11 of 12 checked/);
  await popup.click(await findByRole(popup, 'button', 'Capture'));
  await waitForText(popup, '[role=status]', /Batch started: 11 captures\./);

  const sent = expected.filter((l) => l.url !== known);
  const captures = await waitForCaptures(standin, slug, sent.length);
  expect(captures.map((sm) => sm.source_url).sort()).toEqual(sent.map((l) => l.url).sort());
  for (const sm of captures) {
    const link = sent.find((l) => l.url === sm.source_url)!;
    expect(sm.metadata[NAMESPACE].target).toMatchObject({
      kind: 'link',
      url: link.url,
      page_url: resultsUrl(fixtureServer),
      link_text: link.text,
      link_position: expected.indexOf(link) + 1,
    });
    expect(sm.metadata[NAMESPACE].archive.requested).toBe(true);
  }
  const holding = standin.control.state().sourceMaterial.filter((sm) => sm.source_url === known);
  expect(holding.map((sm) => sm.id)).toEqual([colleagues]);
});
