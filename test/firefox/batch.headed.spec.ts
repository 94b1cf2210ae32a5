/**
 * The real native menus of batch capture in headed Firefox ESR under Xvfb (menus.headed.spec.ts
 * explains where the items sit and how the clicks are made):
 * - right-click a selection → `Send to Atlos` → `Send links to Atlos…` (in the submenu `Up` from the
 *   first item wraps to `Choose incident…`, the item above it is `Send links to Atlos…`): the chooser
 *   window opens on the selection's links;
 * - right-click a selected tab on the tab strip → `Send 2 tabs to Atlos` (the tab menu's last entry):
 *   the chooser window opens on that tab in selected-tabs mode.
 * Puppeteer over BiDi does not report the popup-type window, so it is found through the extension.
 *
 * Run by the `firefox-headed` project (test/run-all.ts provides the X display):
 * `npm run build:e2e && xvfb-run -a -s '-screen 0 1280x900x24' npx playwright test --project=firefox-headed test/firefox/batch.headed.spec.ts`
 */
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'puppeteer-core';
import { expectedLinks, resultsUrl, serveBatchTabs } from '../support/batch-pages.ts';
import { test as base, expect, launchFirefox } from './fixtures.ts';
import { connectThroughOptions, poll } from './helpers.ts';

const test = base.extend<{}, { firefox: Browser }>({
  firefox: [
    async ({}, use) => {
      if (!process.env.DISPLAY) throw new Error('needs an X display (run under Xvfb, as test/run-all.ts does)');
      const browser = await launchFirefox({}, { headless: false });
      try {
        await use(browser);
      } finally {
        await browser.close().catch(() => {});
      }
    },
    { scope: 'worker', timeout: 90_000 },
  ],
});
test.use({ standinOptions: { incidents: 20 } });
test.setTimeout(180_000);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const xdotool = (...args: string[]) => void execFileSync('xdotool', args, { stdio: 'pipe' });

async function keys(...names: string[]) {
  for (const name of names) {
    xdotool('key', name);
    await pause(300);
  }
}

async function rightClickAt(x: number, y: number) {
  xdotool('mousemove', String(Math.round(x)), String(Math.round(y)));
  await pause(150);
  xdotool('click', '3');
  await pause(800); // the native menu opens asynchronously
}

/** The chooser window's URL, found through an extension page; the window is closed afterwards. */
async function takeChooser(probe: Page, origin: string): Promise<{ url: URL; type: string }> {
  const found = await poll(
    async () => {
      const windows: Array<{ id: number; type: string; tabs?: Array<{ url?: string }> }> = await probe.evaluate(() =>
        (globalThis as any).browser.windows.getAll({ populate: true }),
      );
      const isChooser = (t: { url?: string }) => t.url?.startsWith(`${origin}/popup.html`);
      const window = windows.find((w) => w.tabs?.some(isChooser));
      return window ? { id: window.id, type: window.type, url: window.tabs!.find(isChooser)!.url! } : null;
    },
    'the chooser window',
    30_000,
  );
  await probe.evaluate((id: number) => (globalThis as any).browser.windows.remove(id), found.id);
  return { url: new URL(found.url), type: found.type };
}

test('right-click on a selection → Send links to Atlos… opens the chooser on its links', async ({
  firefox,
  standin,
  fixtureServer,
  openExtensionPage,
  addon,
}) => {
  const probe = await openExtensionPage('options.html');
  await connectThroughOptions(probe, { url: standin.url, token: standin.tokens.civEdit });
  const page = await firefox.newPage();
  await page.goto(resultsUrl(fixtureServer));
  await page.bringToFront();
  const point = await page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('results')!);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    const box = document.getElementById('results-intro')!.getBoundingClientRect();
    const w = window as unknown as { mozInnerScreenX: number; mozInnerScreenY: number };
    return { x: w.mozInnerScreenX + box.left + 40, y: w.mozInnerScreenY + box.top + box.height / 2 };
  });
  await rightClickAt(point.x, point.y);
  await keys('Up', 'Right', 'Up', 'Up', 'Return');

  const chooser = await takeChooser(probe, addon.origin);
  expect(chooser.type).toBe('popup');
  const key = chooser.url.searchParams.get('links')!;
  expect(key).toMatch(/^[0-9a-f-]{36}$/);
  // What the window lists: the links read in the page by the click, kept for it.
  const stored = await probe.evaluate(
    async (key: string) =>
      (await (globalThis as any).browser.storage.session.get(`selectionLinks:${key}`))[`selectionLinks:${key}`],
    key,
  );
  expect(stored.links.map((l: { url: string; text: string }) => ({ url: l.url, text: l.text }))).toEqual(
    expectedLinks(fixtureServer),
  );
  expect(stored.pageUrl).toBe(resultsUrl(fixtureServer));
});

test('right-click on selected tabs → Send 2 tabs to Atlos opens the chooser in selected-tabs mode', async ({
  firefox,
  standin,
  fixtureServer,
  openExtensionPage,
  addon,
}) => {
  const probe = await openExtensionPage('options.html');
  await connectThroughOptions(probe, { url: standin.url, token: standin.tokens.civEdit });
  const [first, second] = serveBatchTabs(fixtureServer);
  const page = await firefox.newPage();
  await page.goto(first!);
  const other = await firefox.newPage();
  await other.goto(second!);
  await page.bringToFront();
  // Both tabs selected, as ctrl-clicks on the tab strip would.
  const clicked = await probe.evaluate(
    async (urls: string[]) => {
      const browser = (globalThis as any).browser;
      const tabs = await browser.tabs.query({});
      const mine = tabs.filter((t: any) => urls.includes(t.url));
      await browser.tabs.highlight({ windowId: mine[0].windowId, tabs: mine.map((t: any) => t.index) });
      return (await browser.tabs.get(mine[0].id)).id as number;
    },
    [first!, second!],
  );
  // The selected tab's place on the tab strip: its index along the strip above the content area.
  const point = await page.evaluate(() => {
    const w = window as unknown as { mozInnerScreenX: number; mozInnerScreenY: number };
    return { x: w.mozInnerScreenX, y: w.mozInnerScreenY, top: window.screenY };
  });
  const index = await probe.evaluate(
    async (id: number) => (await (globalThis as any).browser.tabs.get(id)).index as number,
    clicked,
  );
  await rightClickAt(point.x + 120 + index * 220, point.top + 20);
  await keys('Up', 'Return');

  const chooser = await takeChooser(probe, addon.origin);
  expect(chooser.type).toBe('popup');
  expect(chooser.url.searchParams.get('tabs')).toBe('selected');
  expect(Number(chooser.url.searchParams.get('tabId'))).toBe(clicked);
});
