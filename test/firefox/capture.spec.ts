/**
 * The whole product in Firefox ESR, like a person: connect on the options page, capture a page
 * from the popup (full-page screenshot checked by pixels in the file Atlos received), and a
 * capture made while Atlos is unreachable waits, then lands exactly once with every file.
 * Also: a script injected into a web page cannot get at a token (Firefox has no
 * `storage.local.setAccessLevel`, so tokens live in the extension origin's IndexedDB).
 *
 * Build: `ATLOS_OUT_DIR=.output-ff npx wxt build -b firefox --mv3 --mode e2e`, then
 * `EXT_DIR_FIREFOX=.output-ff/firefox-mv3-e2e npx playwright test test/firefox/capture.spec.ts --project firefox`.
 */
import { PNG } from 'pngjs';
import type { Page } from 'puppeteer-core';
import type { FixtureServer } from '../fixtures/server.ts';
import type { Standin } from '../e2e/fixtures.ts';
import { MENU_CHOOSE_ID, MENU_PARENT_ID, recentItemId } from '../../lib/menus/menu-items.ts';
import { test, expect, tabIdOf } from './fixtures.ts';
import { acceptAllSitesOffer, connectThroughOptions, fill, findByRole, poll, textOf, waitForText } from './helpers.ts';
import { withoutCustodyFiles } from '../support/custody-files.ts';

test.use({ standinOptions: { incidents: 20, archiver: 'manual' } });
test.setTimeout(300_000);

/** Band i (0-based) of the tall test page: BAND_PX CSS px of one flat colour. */
const BANDS = 10;
const BAND_PX = 500;
const bandColour = (i: number) => [40 + i * 19, 250 - i * 17, ((i * 53) % 200) + 30];

function serveBands(fixtureServer: FixtureServer): string {
  fixtureServer.route('/ff/bands', (_req, res) => {
    const bands = Array.from(
      { length: BANDS },
      (_, i) => `<div style="height:${BAND_PX}px;background:rgb(${bandColour(i).join(',')})"></div>`,
    );
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bands for Firefox</title><style>html,body{margin:0}</style></head><body>${bands.join('')}</body></html>`,
    );
  });
  return `${fixtureServer.url}/ff/bands`;
}

interface SourceMaterial {
  id: string;
  incident_id: string;
  source_url: string;
  upload_type: string;
  metadata: Record<string, any>;
  artifacts: Array<{ id: string; title?: string | null; file_hash_sha256: string; access_url: string }>;
}

function versionsOf(standin: Standin, url: string): SourceMaterial[] {
  return (standin.control.state().sourceMaterial as unknown as SourceMaterial[]).filter((sm) => sm.source_url === url);
}

/** Connects, opens the page and its popup (as a tab), and picks the first CIV incident in the `Incident` combobox. */
async function popupFor(
  {
    firefox,
    standin,
    openExtensionPage,
  }: {
    firefox: import('puppeteer-core').Browser;
    standin: Standin;
    openExtensionPage: (path: string) => Promise<Page>;
  },
  url: string,
): Promise<{ popup: Page; page: Page; slug: string }> {
  const options = await openExtensionPage('options.html');
  await connectThroughOptions(options, { url: standin.url, token: standin.tokens.civEdit });
  const page = await firefox.newPage();
  await page.goto(url);
  const tabId = await tabIdOf(options, url);
  await options.close();

  const popup = await openExtensionPage(`popup.html?tabId=${tabId}`);
  const slug = standin.known.civSlugs[0]!;
  const combobox = await findByRole(popup, 'combobox', 'Incident');
  await fill(popup, combobox, slug.toLowerCase());
  await findByRole(popup, 'option', `CIV-${slug}`, { regex: true, timeout: 30_000 });
  await popup.keyboard.press('ArrowDown');
  await popup.keyboard.press('Enter');
  await poll(
    async () => (await popup.$eval(combobox, (el) => (el as HTMLInputElement).value)).startsWith(`CIV-${slug} · `),
    'the incident to be chosen',
  );
  return { popup, page, slug };
}

function decodeColumn(pngs: PNG[], x: number): number[][] {
  return pngs.flatMap((png) =>
    Array.from({ length: png.height }, (_, y) => {
      const i = (png.width * y + x) * 4;
      return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
    }),
  );
}

/** Runs of one band colour down the column: which band, and how many pixel rows. */
function bandRuns(column: number[][]): Array<{ band: number; rows: number }> {
  const runs: Array<{ band: number; rows: number }> = [];
  for (const rgb of column) {
    const band =
      Array.from({ length: BANDS }, (_, i) => i).find((i) =>
        bandColour(i).every((v, c) => Math.abs(v - rgb[c]!) <= 3),
      ) ?? -1;
    const last = runs.at(-1);
    if (last && last.band === band) last.rows++;
    else runs.push({ band, rows: 1 });
  }
  return runs;
}

test('connects on the options page; the token stays out of reach of web pages', async ({
  firefox,
  standin,
  fixtureServer,
  openExtensionPage,
}) => {
  const options = await openExtensionPage('options.html');
  // The production manifest: no host access at install, so the Connect click must request the
  // instance's origin itself (granted without a prompt: fixtures.ts). The all-sites offer is left unanswered.
  const permissions = () =>
    options.evaluate(async () => (await (globalThis as any).browser.permissions.getAll()).origins as string[]);
  expect(await permissions()).toEqual([]);
  expect(
    await connectThroughOptions(options, { url: standin.url, token: standin.tokens.civEdit, allSites: false }),
  ).toBe(`Connected to ${standin.projects.civ.name} (${standin.projects.civ.code}) · ${new URL(standin.url).host}.`);
  // The token field is emptied and the page shows at most the token's last four characters.
  expect(
    await options.$eval(
      await findByRole(options, 'textbox', 'API token', { within: 'New connection' }),
      (el) => (el as HTMLInputElement).value,
    ),
  ).toBe('');
  const body = await textOf(options, 'body');
  expect(body).toContain(`••••${standin.tokens.civEdit.slice(-4)}`);
  expect(body).not.toContain(standin.tokens.civEdit.slice(0, 12));
  // Match patterns have no port in Firefox: the origin is asked for as http://127.0.0.1/*.
  expect(await permissions()).toEqual([`http://${new URL(standin.url).hostname}/*`]);
  // The attack below injects a content script into the page: that needs access to it.
  await acceptAllSitesOffer(options);
  // Atlos saw the token, from the background.
  expect(standin.control.requests().some((r) => r.authorization === `Bearer ${standin.tokens.civEdit}`)).toBe(true);

  // A content script injected into a web page (Firefox lets content scripts read storage.local).
  const url = `${fixtureServer.url}/article.html`;
  const page = await firefox.newPage();
  await page.goto(url);
  const tabId = await tabIdOf(options, url);
  const stolen = await options.evaluate(async (tabId: number) => {
    const attack = async () => {
      const b = (globalThis as any).browser;
      const out: Record<string, unknown> = {};
      const attempt = async (name: string, run: () => Promise<unknown>) => {
        try {
          out[name] = await run();
        } catch (error) {
          out[name] = `threw: ${String(error)}`;
        }
      };
      await attempt('storage.local', () => b.storage.local.get(null));
      await attempt('storage.session', () => b.storage.session.get(null));
      await attempt(
        'indexedDB.vault',
        () =>
          new Promise((resolve, reject) => {
            const open = indexedDB.open('atlos-vault');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const names = [...open.result.objectStoreNames];
              if (!names.includes('tokens')) return resolve({ stores: names });
              const all = open.result.transaction('tokens').objectStore('tokens').getAll();
              all.onsuccess = () => resolve(all.result);
            };
          }),
      );
      // Forged messages in @webext-core/messaging's format, as if sent by the options page.
      const forged = (type: string, data: unknown) => ({ id: 1, type, data, timestamp: Date.now() });
      await attempt('message.listConnections', () => b.runtime.sendMessage(forged('listConnections', undefined)));
      await attempt('message.connect', () =>
        b.runtime.sendMessage(forged('connect', { baseUrl: 'https://evil.example', token: 'x' })),
      );
      return out;
    };
    const [injected] = await (globalThis as any).browser.scripting.executeScript({ target: { tabId }, func: attack });
    return JSON.parse(JSON.stringify(injected.result ?? { error: String(injected.error) }));
  }, tabId);

  const text = JSON.stringify(stolen);
  expect(text).not.toContain(standin.tokens.civEdit);
  expect(text).not.toContain(standin.tokens.civEdit.slice(0, 16));
  // It really ran with extension storage access: storage.local answered (with the connection list, no token).
  expect(JSON.stringify(stolen['storage.local'])).toContain(standin.url);
  // The vault is per origin: from the page's origin there is only a fresh, empty database.
  expect(stolen['indexedDB.vault']).toEqual({ stores: [] });
  expect(JSON.stringify(stolen['message.listConnections'])).toContain('Refused');
  expect(JSON.stringify(stolen['message.connect'])).toContain('Refused');
});

test('popup capture with a full-page screenshot: every band once, in order, right height', async ({
  firefox,
  standin,
  fixtureServer,
  openExtensionPage,
}) => {
  const url = serveBands(fixtureServer);
  const { popup, page, slug } = await popupFor({ firefox, standin, openExtensionPage }, url);
  for (const name of ['Archive with Atlos', 'Visible-area screenshot', 'Full-page screenshot']) {
    expect(await popup.$eval(await findByRole(popup, 'checkbox', name), (el) => (el as HTMLInputElement).checked)).toBe(
      true,
    );
  }
  await popup.click(await findByRole(popup, 'button', 'Capture'));
  const status = await findByRole(popup, 'status', '');
  await waitForText(popup, status, /^Captured/, 180_000);
  expect(await popup.$eval(`${status} a`, (a) => (a as HTMLAnchorElement).href)).toBe(
    `${standin.url}/incidents/${slug}`,
  );

  const mine = versionsOf(standin, url).find((sm) => sm.upload_type === 'user_provided')!;
  const capture = mine.metadata.browser_capture;
  expect(capture.tool.browser).toMatch(/^Firefox \d+/);
  const fullPage = (capture.artifacts as Array<{ kind: string; sha256: string; part?: { index: number } }>)
    .filter((a) => a.kind === 'full_page_screenshot')
    .sort((a, b) => (a.part?.index ?? 1) - (b.part?.index ?? 1));
  expect(fullPage.length).toBeGreaterThan(0);
  const pngs: PNG[] = [];
  for (const artifact of fullPage) {
    const held = mine.artifacts.find((a) => a.file_hash_sha256 === artifact.sha256);
    expect(held, `uploaded ${artifact.sha256}`).toBeTruthy();
    const response = await fetch(held!.access_url);
    pngs.push(PNG.sync.read(Buffer.from(await response.arrayBuffer())));
  }
  const dpr = await page.evaluate(() => window.devicePixelRatio);
  expect(pngs.reduce((sum, png) => sum + png.height, 0)).toBe(BANDS * BAND_PX * dpr);
  const runs = bandRuns(decodeColumn(pngs, 5));
  expect(runs.map((r) => r.band)).toEqual(Array.from({ length: BANDS }, (_, i) => i));
  for (const run of runs) expect(run.rows, `band ${run.band + 1}`).toBe(BAND_PX * dpr);
  // No scrolling happened: captureTab renders the page rectangle directly.
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  // Context menus (Firefox's `menus`, used through its `contextMenus` alias) hold the parent item,
  // `Choose incident…` and now this incident as a recent one. `update` rejects for an unknown id.
  const connectionId = await popup.evaluate(
    async () => (await (globalThis as any).browser.storage.local.get('connections')).connections[0].id as string,
  );
  const menuIds = [MENU_PARENT_ID, MENU_CHOOSE_ID, recentItemId({ connectionId, slug }), 'atlos-no-such-item'];
  const menus = await poll(async () => {
    const found = await popup.evaluate(async (ids: string[]) => {
      const menus = (globalThis as any).browser.contextMenus;
      return Promise.all(
        ids.map((id) =>
          menus.update(id, {}).then(
            () => true,
            () => false,
          ),
        ),
      );
    }, menuIds);
    return found[2] ? found : null; // the recent item appears once the menus are rebuilt
  }, 'the recent incident in the context menu');
  expect(menus).toEqual([true, true, true, false]);
});

test('a capture made while Atlos is unreachable is queued, then sent exactly once with every file', async ({
  firefox,
  standin,
  fixtureServer,
  openExtensionPage,
}) => {
  const url = `${fixtureServer.url}/article.html`;
  const { popup } = await popupFor({ firefox, standin, openExtensionPage }, url);
  standin.control.setOffline(true);
  await popup.click(await findByRole(popup, 'button', 'Capture'));
  const status = await findByRole(popup, 'status', '');
  await waitForText(popup, status, /^Queued/, 90_000);
  expect(versionsOf(standin, url)).toEqual([]);
  const badge = () => popup.evaluate(() => (globalThis as any).browser.action.getBadgeText({}) as Promise<string>);
  const badgeWhileQueued = await badge();

  standin.control.setOffline(false);
  await waitForText(popup, status, /^Captured/, 240_000);

  const check = () => {
    const versions = versionsOf(standin, url);
    expect(versions.map((v) => v.upload_type).sort()).toEqual(['direct', 'user_provided']);
    const mine = versions.find((v) => v.upload_type === 'user_provided')!;
    const capture = mine.metadata.browser_capture;
    expect(capture.archive.source_material_id).toBe(versions.find((v) => v.upload_type === 'direct')!.id);
    const kinds = (capture.artifacts as Array<{ kind: string }>).map((a) => a.kind);
    expect(kinds).toContain('viewport_screenshot');
    expect(kinds).toContain('full_page_screenshot');
    const held = withoutCustodyFiles(mine.artifacts)
      .map((a) => a.file_hash_sha256)
      .sort();
    expect(held).toEqual((capture.artifacts as Array<{ sha256: string }>).map((a) => a.sha256).sort());
    expect((capture.artifacts as Array<{ server_verified: boolean }>).every((a) => a.server_verified)).toBe(true);
  };
  check();
  await standin.control.finishArchiveJobs();
  check();
  // The toolbar badge counted the waiting capture and is clear again. (Its notification cannot be
  // checked here: headless Firefox has no alert service and closes every notification at once.)
  expect(badgeWhileQueued).toBe('1');
  expect(await poll(async () => ((await badge()) === '' ? 'clear' : null), 'the badge to clear')).toBe('clear');
});
