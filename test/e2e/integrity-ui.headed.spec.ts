/**
 * Evidence-integrity cases through the gestures a person makes, in headed Chromium under Xvfb on the
 * production permissions with the all-sites offer DECLINED (only the gesture gives the extension the
 * tab): the pinned toolbar button clicked for real, the native context menu, and the Alt+Shift+S
 * shortcut, all with xdotool. Each test checks what the person sees (the popup, `Recent captures`,
 * the badge, the notification) and what reached the Atlos stand-in. The popup-by-URL and
 * `Choose incident…` window variants are in integrity-ui.spec.ts.
 *
 * Run by the `chromium-headed` project (test/run-all.ts provides the X display):
 * `npm run build:e2e && xvfb-run -a -s '-screen 0 1280x900x24' \
 *   npx playwright test --project=chromium-headed test/e2e/integrity-ui.headed.spec.ts`
 */
import { createHash } from 'node:crypto';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import type { FixtureServer } from '../fixtures/server.ts';
import { HOSTILE_MEDIA, HOSTILE_SWAPPED_BODY } from '../fixtures/hostile.ts';
import { test, expect, DECLINED_ALL_SITES, type Standin } from './fixtures.ts';
import { NAMESPACE, waitForBrowserCapture, type SourceMaterial } from './menus-fixture.ts';
import {
  badgeText,
  connectWithIncident,
  pressCapture,
  recentItem,
  watchNotifications,
} from './helpers/popup-capture.ts';
import { openToolbarPopup } from './helpers/toolbar.ts';
import { clickOn, keys, pause, requireDisplay, rightClick, xdotool } from './helpers/xdotool.ts';

test.use({ standinOptions: { incidents: 20 }, grants: DECLINED_ALL_SITES, debugPort: true });
test.setTimeout(180_000);

interface Args {
  context: BrowserContext;
  worker: Worker;
  standin: Standin;
  fixtureServer: FixtureServer;
  openOptions: () => Promise<Page>;
}

/** Connects, makes one incident the most recent, and shows `path` in the window's only tab. */
async function setUp(args: Args, path: string, waitUntil: 'load' | 'commit' = 'load') {
  requireDisplay();
  const { slug } = await connectWithIncident(args);
  const page = args.context.pages()[0] ?? (await args.context.newPage());
  for (const other of args.context.pages()) if (other !== page) await other.close();
  const url = `${args.fixtureServer.url}${path}`;
  await page.goto(url, { waitUntil });
  await page.bringToFront();
  return { page, url, slug };
}

function listed(sm: SourceMaterial) {
  const metadata = sm.metadata[NAMESPACE];
  return {
    kinds: (metadata.artifacts as Array<{ kind: string }>).map((a) => a.kind),
    problems: (metadata.problems ?? []) as Array<{ artifact: string; message: string }>,
  };
}

/** Opens the toolbar popup for real and reads its `Recent captures` entry for `slug`. */
async function recentInToolbarPopup(context: BrowserContext, page: Page, slug: string): Promise<string> {
  const { popup, detach } = await openToolbarPopup(context, page);
  try {
    const item = recentItem(popup, slug);
    await expect(item).toBeVisible({ timeout: 20_000 });
    return (await item.innerText()).replace(/\s+/g, ' ');
  } finally {
    await keys('Escape');
    await detach();
  }
}

test('toolbar button on a page that never finishes loading: the popup closed at once, the capture still reaches Atlos', async ({
  context,
  worker,
  standin,
  fixtureServer,
  openOptions,
}) => {
  const { page, url, slug } = await setUp(
    { context, worker, standin, fixtureServer, openOptions },
    '/hostile/never-ends.html',
    'commit',
  );
  await page.locator('h1').waitFor();
  const { popup, detach } = await openToolbarPopup(context, page);
  try {
    await pressCapture(popup);
    await pause(300);
    await keys('Escape'); // the person closes the popup at once
  } finally {
    await detach();
  }

  const sm = await waitForBrowserCapture(standin, url);
  expect(listed(sm).kinds).toContain('viewport_screenshot');
  expect(sm.metadata[NAMESPACE].page.title).toBe('Never ends');
  expect(await recentInToolbarPopup(context, page, slug)).toMatch(/Captured/);
});

test('context menu on an image from a hostile CDN: never uploaded as the original; with problems everywhere the person looks', async ({
  context,
  worker,
  standin,
  fixtureServer,
  openOptions,
}) => {
  const { page, slug } = await setUp({ context, worker, standin, fixtureServer, openOptions }, '/hostile/media.html');
  const notifications = await watchNotifications(worker);
  await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete && i.naturalWidth > 0));
  const mediaUrl = (await page.getAttribute('#swap', 'src'))!;

  await rightClick(page, page.locator('#swap'));
  await keys('Up', 'Up', 'Right', 'Return'); // Send to Atlos → the most recent incident

  const sm = await waitForBrowserCapture(standin, mediaUrl);
  const sha256 = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');
  const uploaded = sm.artifacts.map((a) => a.file_hash_sha256);
  expect(uploaded).not.toContain(sha256(HOSTILE_SWAPPED_BODY));
  expect(uploaded).not.toContain(sha256(HOSTILE_MEDIA.private));
  // Without access to the CDN's site (all sites declined) the extension cannot even retry the fetch;
  // with it, the content-type check refuses the web page (integrity-ui.spec.ts). Either way it says why.
  expect(listed(sm).problems.find((p) => p.artifact === 'original_media')?.message).toMatch(
    /^The original file could not be downloaded \(.+\)\.$/,
  );
  await expect
    .poll(notifications.shown)
    .toEqual([{ title: `Captured to ${slug} with problems`, message: expect.stringContaining('Original media') }]);
  expect(await badgeText(worker)).toBe('!');
  expect(await recentInToolbarPopup(context, page, slug)).toContain('Captured with problems: Original media');
});

test('shortcut Alt+Shift+S, then the person switches tabs mid full-page: stopped and reported, no other tab in Atlos', async ({
  context,
  worker,
  standin,
  fixtureServer,
  openOptions,
}) => {
  const { page, url, slug } = await setUp(
    { context, worker, standin, fixtureServer, openOptions },
    '/hostile/changing.html?after=86400000',
  );
  const notifications = await watchNotifications(worker);
  const other = await context.newPage();
  await other.goto(`${fixtureServer.url}/hostile/two-tabs.html`);
  await page.bringToFront();

  await clickOn(page, page.locator('#bands')); // focus the page for real, as a person would
  xdotool('key', 'alt+shift+s');
  await page.waitForFunction(() => window.scrollY > 0, undefined, { timeout: 60_000 }); // tiles under way
  await keys('ctrl+Tab'); // the person looks at the other tab

  const sm = await waitForBrowserCapture(standin, url);
  const { kinds, problems } = listed(sm);
  expect(kinds).not.toContain('full_page_screenshot');
  expect(problems.map((p) => p.artifact)).toContain('full_page_screenshot');
  expect(problems.find((p) => p.artifact === 'full_page_screenshot')!.message).toContain(
    'you switched to another tab during the capture',
  );
  await expect
    .poll(notifications.shown)
    .toEqual([
      { title: `Captured to ${slug} with problems`, message: expect.stringContaining('Full-page screenshot') },
    ]);
  expect(await badgeText(worker)).toBe('!');
  expect(await recentInToolbarPopup(context, page, slug)).toContain('Captured with problems: Full-page screenshot');
});
