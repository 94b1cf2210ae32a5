/**
 * The real native context menu in headed Firefox ESR under Xvfb: right-click with `xdotool`, walk
 * Firefox's menu with the arrow keys and Return, then check in the stand-in that the capture created
 * the right source material with its files (SHA-256) and metadata.
 *
 * Where `Send to Atlos` sits (verified with screenshots in Firefox ESR under Xvfb): an extension with one
 * top-level item shows it as the very last entry of the page, link, image and selection menus, below
 * `Inspect (Q)` (shown with the extension's icon). `Up` on a fresh menu wraps to that last entry; `Right`
 * opens the submenu with its first item, the most recent incident, highlighted; `Return` chooses it.
 *
 * Coordinates: `window.mozInnerScreenX/Y` is the content area's screen position in CSS px (device
 * pixel ratio 1 under Xvfb), so element box + that is where xdotool clicks.
 *
 * Run by the `firefox-headed` project (test/run-all.ts provides the X display):
 * `ATLOS_OUT_DIR=.output-ffmenu npx wxt build -b firefox --mv3 --mode e2e && EXT_DIR_FIREFOX=.output-ffmenu/firefox-mv3-e2e \
 *   xvfb-run -a -s '-screen 0 1280x900x24' npx playwright test --project firefox-headed`
 * FF_MENU_SHOTS=dir saves a screenshot (imagemagick `import`) of the screen with the menu open (for finding the item again).
 */
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'puppeteer-core';
import { MENU_PARENT_ID, recentItemId } from '../../lib/menus/menu-items.ts';
import {
  NAMESPACE,
  QUOTE,
  expectFilesMatchMetadata,
  serveMenusPage,
  sha256OfArtifact,
  slugOfIncident,
  waitForBrowserCapture,
  type MenusPage,
} from '../e2e/menus-fixture.ts';
import type { Standin } from '../e2e/fixtures.ts';
import type { FixtureServer } from '../fixtures/server.ts';
import { test as base, expect, launchFirefox } from './fixtures.ts';
import { connectThroughOptions, poll } from './helpers.ts';
import { runVerifyCli } from '../support/run-verify.ts';
import { viaLoopback } from '../support/hosts.ts';

/** The same fixtures, with Firefox in a real window on the X display. */
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

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function xdotool(...args: string[]) {
  execFileSync('xdotool', args, { stdio: 'pipe' });
}

let shot = 0;
function screenshot(name: string) {
  const dir = process.env.FF_MENU_SHOTS;
  if (!dir) return;
  try {
    execFileSync('import', ['-window', 'root', `${dir}/${String(++shot).padStart(2, '0')}-${name}.png`], {
      stdio: 'pipe',
    });
  } catch (error) {
    console.log(`screenshot ${name}: ${String(error)}`); // a debugging aid only
  }
}

/** Presses keys one at a time, giving the menu time to follow (submenus open with a delay). */
async function keys(...names: string[]) {
  for (const name of names) {
    xdotool('key', name);
    await pause(300);
  }
}

/** Right-clicks the element matching `selector`, at its screen position. */
async function rightClick(page: Page, selector: string, name: string) {
  const point = await page.evaluate((s: string) => {
    const box = document.querySelector(s)!.getBoundingClientRect();
    const w = window as unknown as { mozInnerScreenX: number; mozInnerScreenY: number };
    return {
      x: w.mozInnerScreenX + box.left + Math.min(box.width / 2, 40),
      y: w.mozInnerScreenY + box.top + box.height / 2,
    };
  }, selector);
  xdotool('mousemove', String(Math.round(point.x)), String(Math.round(point.y)));
  await pause(150);
  xdotool('click', '3');
  await pause(800); // the native menu opens asynchronously
  screenshot(`${name}-menu`);
}

interface Setup {
  page: Page;
  fixture: MenusPage;
  slug: string;
}

/**
 * Connects the stand-in's CIV project on the options page, makes one of its incidents the most recent
 * (as a finished popup capture would), waits for the menu to list it, and shows the fixture page.
 */
async function setUp({
  firefox,
  standin,
  fixtureServer,
  openExtensionPage,
  allSites = true,
}: {
  firefox: Browser;
  standin: Standin;
  fixtureServer: FixtureServer;
  openExtensionPage: (path: string) => Promise<Page>;
  /** Accept the all-sites offer (default) or leave it declined. */
  allSites?: boolean;
}): Promise<Setup> {
  const options = await openExtensionPage('options.html');
  await connectThroughOptions(options, { url: standin.url, token: standin.tokens.civEdit, allSites });
  const slug = standin.known.civSlugs[1]!;
  const connectionId = await options.evaluate(async (slug: string) => {
    const storage = (globalThis as any).browser.storage.local;
    const { connections } = await storage.get('connections');
    const id = connections[0].id as string;
    const entry = { connectionId: id, slug, description: 'Convoy at the market', usedAt: new Date().toISOString() };
    await storage.set({ recentIncidents: [entry], recentIncidents$: { v: 1 } });
    return id;
  }, slug);
  await poll(
    () =>
      options.evaluate(
        (ids: string[]) => {
          const menus = (globalThis as any).browser.contextMenus;
          return Promise.all(
            ids.map((id) =>
              menus.update(id, {}).then(
                () => true,
                () => false,
              ),
            ),
          ).then((all) => all.every(Boolean));
        },
        [MENU_PARENT_ID, recentItemId({ connectionId, slug })],
      ),
    'the recent incident in the context menu',
  );
  await options.close();

  const fixture = serveMenusPage(fixtureServer);
  // One tab on screen: the fixture page.
  const page = await firefox.newPage();
  for (const other of await firefox.pages()) if (other !== page) await other.close().catch(() => {});
  await page.goto(fixture.pageUrl);
  await page.bringToFront();
  return { page, fixture, slug };
}

/**
 * The entry points that reach the extension for real in Firefox, with the all-sites offer accepted
 * (a real click on `Allow access to all sites`, answered by the preference) and declined (never
 * accepted): the context menu. It grants access to the clicked tab,
 * so both states must get the screenshots and the archive.
 */
for (const allSites of [true, false]) {
  test.describe(`Firefox, all-sites offer ${allSites ? 'accepted' : 'declined'}`, () => {
    test.setTimeout(180_000);
    test.use({ standinOptions: { incidents: 20 } });

    const expectPageCapture = async (standin: Standin, url: string) => {
      const sm = await waitForBrowserCapture(standin, url);
      const problems = (sm.metadata[NAMESPACE].problems ?? []) as Array<{ artifact: string }>;
      const kinds = (await expectFilesMatchMetadata(sm)).map((a) => a.kind);
      for (const kind of ['viewport_screenshot', 'full_page_screenshot', 'page_archive']) {
        expect(kinds, JSON.stringify(problems)).toContain(kind);
        expect(problems.filter((p) => p.artifact === kind)).toEqual([]);
      }
      // `npm run verify` accepts it: every file against Atlos, and the signed manifest.
      const run = await runVerifyCli(
        ['--instance', standin.url, '--source-material', sm.id, '--json'],
        standin.tokens.civRead,
      );
      expect(run.json?.verdict, run.stdout + run.stderr).toBe('verified');
      expect(run.json!.reports[0]!.files.map((f) => f.role)).toContain('manifest');
    };

    test('context menu → most recent incident: screenshots and archive reach Atlos', async ({
      firefox,
      standin,
      fixtureServer,
      openExtensionPage,
    }) => {
      const { page, fixture } = await setUp({ firefox, standin, fixtureServer, openExtensionPage, allSites });
      await rightClick(page, '#blank', 'page');
      await keys('Up', 'Right', 'Return');
      await expectPageCapture(standin, fixture.pageUrl);
    });
    // The keyboard shortcut (Alt+Shift+C in Firefox) is driven for real in test/firefox/toolbar.headed.spec.ts.
  });
}

// Kept last in this file: its `Choose incident…` test closes a window, which can leave Firefox with
// none and end the worker's browser.
test.describe('Firefox context menu, real right-clicks', () => {
  test.setTimeout(180_000);
  test.use({ standinOptions: { incidents: 20 } });

  test('page: Send to Atlos → most recent incident', async ({ firefox, standin, fixtureServer, openExtensionPage }) => {
    const { page, fixture, slug } = await setUp({ firefox, standin, fixtureServer, openExtensionPage });
    await rightClick(page, '#blank', 'page');
    await keys(...(process.env.FF_PAGE_KEYS ?? 'Up Right Return').split(' '));
    screenshot('page-after');

    const sm = await waitForBrowserCapture(standin, fixture.pageUrl);
    expect(slugOfIncident(standin, sm.incident_id)).toBe(slug);
    expect(sm.metadata[NAMESPACE].target).toMatchObject({ kind: 'page', url: fixture.pageUrl });
    expect(sm.metadata[NAMESPACE].tool.browser).toMatch(/^Firefox \d+/);
    expect((await expectFilesMatchMetadata(sm)).map((a) => a.kind)).toContain('viewport_screenshot');
  });

  test('link: captures where the link points', async ({ firefox, standin, fixtureServer, openExtensionPage }) => {
    const { page, fixture, slug } = await setUp({ firefox, standin, fixtureServer, openExtensionPage });
    await rightClick(page, '#report-link', 'link');
    await keys(...(process.env.FF_LINK_KEYS ?? 'Up Right Return').split(' '));
    screenshot('link-after');

    const sm = await waitForBrowserCapture(standin, fixture.linkUrl);
    expect(slugOfIncident(standin, sm.incident_id)).toBe(slug);
    expect(sm.metadata[NAMESPACE].target).toMatchObject({ kind: 'link', url: fixture.linkUrl });
    expect(sm.metadata[NAMESPACE].page.url).toBe(fixture.pageUrl);
    await expectFilesMatchMetadata(sm);
  });

  test('selection: the page plus the selected text', async ({ firefox, standin, fixtureServer, openExtensionPage }) => {
    const { page, fixture, slug } = await setUp({ firefox, standin, fixtureServer, openExtensionPage });
    await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById('selected')!);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    await rightClick(page, '#selected', 'selection');
    await keys(...(process.env.FF_SELECTION_KEYS ?? 'Up Right Return').split(' '));
    screenshot('selection-after');

    const sm = await waitForBrowserCapture(standin, fixture.pageUrl);
    expect(slugOfIncident(standin, sm.incident_id)).toBe(slug);
    const metadata = sm.metadata[NAMESPACE];
    expect(metadata.target).toMatchObject({ kind: 'selection', url: fixture.pageUrl });
    expect(metadata.selection.text).toBe(QUOTE);
    expect(metadata.selection.prefix).toContain('Earlier reports were vague.');
    expect(metadata.selection.suffix).toContain('Officials declined');
    await expectFilesMatchMetadata(sm);
  });

  test('image behind a cookie-checking CDN: uploads the original bytes (SHA-256)', async ({
    firefox,
    standin,
    fixtureServer,
    openExtensionPage,
  }) => {
    const { page, fixture, slug } = await setUp({ firefox, standin, fixtureServer, openExtensionPage });
    await poll(
      () => page.evaluate(() => (document.getElementById('photo') as HTMLImageElement).naturalWidth === 240),
      'the photo to load',
    );
    expect(
      (await fetch(viaLoopback(fixture.photoUrl))).status,
      'the CDN refuses a request without the page cookie',
    ).toBe(403);
    await rightClick(page, '#photo', 'image');
    await keys(...(process.env.FF_IMAGE_KEYS ?? 'Up Right Return').split(' '));
    screenshot('image-after');

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

  test('Choose incident… opens the popup for the clicked link in a small window', async ({
    firefox,
    standin,
    fixtureServer,
    openExtensionPage,
    addon,
  }) => {
    const { page, fixture } = await setUp({ firefox, standin, fixtureServer, openExtensionPage });
    // Asked through the extension (it sees its own pages' URLs): puppeteer over BiDi does not report
    // the popup-type window `windows.create` opens as a target. Opened first, behind the fixture page,
    // so no new tab has to find a window while the chooser is appearing.
    const probe = await openExtensionPage('options.html');
    await page.bringToFront();
    await rightClick(page, '#report-link', 'choose');
    // From the submenu's first item, `Up` wraps to its last one, `Choose incident…`.
    await keys(...(process.env.FF_CHOOSE_KEYS ?? 'Up Right Up Return').split(' '));
    screenshot('choose-after');
    const chooser = await poll(
      async () => {
        const windows: Array<{ id: number; type: string; tabs?: Array<{ url?: string }> }> = await probe.evaluate(() =>
          (globalThis as any).browser.windows.getAll({ populate: true }),
        );
        const isChooser = (t: { url?: string }) => t.url?.startsWith(`${addon.origin}/popup.html`);
        const found = windows.find((w) => w.tabs?.some(isChooser));
        return found ? { id: found.id, type: found.type, url: found.tabs!.find(isChooser)!.url! } : null;
      },
      'the chooser window',
      30_000,
    );
    try {
      expect(chooser.type).toBe('popup');
      const url = new URL(chooser.url);
      expect(JSON.parse(url.searchParams.get('target')!)).toEqual({
        kind: 'link',
        url: fixture.linkUrl,
        pageUrl: fixture.pageUrl,
      });
      // No capture happened: the person picks the incident in that window first.
      expect(standin.control.state().sourceMaterial.some((sm) => sm.source_url === fixture.linkUrl)).toBe(false);
    } finally {
      // The fixtures close only the tabs puppeteer knows; this window must not outlive the test.
      await probe.evaluate((id: number) => (globalThis as any).browser.windows.remove(id), chooser.id);
    }
  });
});
