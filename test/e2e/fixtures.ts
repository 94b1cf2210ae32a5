/**
 * Playwright fixtures for end-to-end tests of the built extension in Debian Chromium.
 *
 * - `standin`: a fresh local Atlos stand-in per test (test/standin/server.ts). Configure with
 *   `test.use({ standinOptions: { incidents: 50, archiver: … } })`.
 * - `fixtureServer`: static fixture pages (test/fixtures/pages/), reached as `http://news.site-a.test:PORT`
 *   (test/support/hosts.ts; Chromium maps `*.test` to 127.0.0.1), never on the stand-in's host.
 * - `context`: a persistent Chromium context with the extension loaded (EXT_DIR, default `.output/chrome-mv3-e2e`:
 *   the production manifest plus test hooks; test/e2e/manifest.spec.ts checks they ask for the same).
 *   Headless unless the project says otherwise. Its toolbar button is pinned.
 * - `grants` (option): optional permissions recorded in the profile as accepted before the test, i.e. the state
 *   after a person accepted those prompts (helpers/profile.ts). Default: all sites + pageCapture (ACCEPTED_ALL);
 *   `test.use({ grants: DECLINED_ALL_SITES })` for the declined path; `null` for a fresh install.
 * - `worker`, `extensionId`, `openPopup(tabId?)`, `openOptions()`, `tabIdOf(page)`, `saveScreenshot(page, name)`.
 * - `relaunch(context)`: closes the browser and starts it again on the same profile (extension storage and
 *   IndexedDB survive), to test resumption after a browser restart. Use the returned context afterwards.
 *
 * Recipe: https://playwright.dev/docs/chrome-extensions (persistent context, --load-extension).
 */
import { test as base, expect, chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FixtureServer } from '../fixtures/server.ts';
import { FIXTURE_HOSTS } from '../support/hosts.ts';
import {
  ACCEPTED_ALL,
  grantInProfile,
  hasGrants,
  pinInProfile,
  unpackedExtensionId,
  type Grants,
} from './helpers/profile.ts';
import {
  fixtureServerFixture,
  standinFixture,
  startStandin,
  type Standin,
  type StandinOptions,
} from '../support/server-fixtures.ts';

export const ROOT_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(ROOT_DIR, 'docs/screenshots');

/** The build output folder (wxt.config.ts honours ATLOS_OUT_DIR so parallel runs do not clobber each other). */
export const OUTPUT_DIR = resolve(ROOT_DIR, process.env.ATLOS_OUT_DIR ?? '.output');

export function extensionDir(): string {
  return process.env.EXT_DIR ? resolve(ROOT_DIR, process.env.EXT_DIR) : join(OUTPUT_DIR, 'chrome-mv3-e2e');
}

/** Load only our extension; stop Chromium phoning home on the closed network. */
export function chromiumArgs(extDir: string): string[] {
  return [
    '--no-sandbox', // we run as root in CI
    `--disable-extensions-except=${extDir}`,
    `--load-extension=${extDir}`,
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
    '--lang=en-US',
    // Fixture pages live on their own host names (test/support/hosts.ts), never the stand-in's 127.0.0.1.
    `--host-resolver-rules=${FIXTURE_HOSTS.map((h) => `MAP ${h} 127.0.0.1`).join(', ')}`,
    // The fixture hosts speak plain http: no https-first detour.
    '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable',
  ];
}

export { ACCEPTED_ALL, type Grants };
/** The instance prompt (on Connect) accepted, the all-sites offer declined; the archive permission accepted. */
export const DECLINED_ALL_SITES: Grants = { origins: ['http://127.0.0.1/*'], permissions: ['pageCapture'] };

export { startStandin, type Standin, type StandinOptions };

// ---------------------------------------------------------------------------------------------
// Browser launch and relaunch on the same profile.
interface LaunchInfo {
  userDataDir: string;
  headless: boolean;
  extDir: string;
  /** Written into the profile before the first launch that tests use (see helpers/profile.ts). */
  grants?: Grants | null;
  /** Opens a DevTools port (in the profile's DevToolsActivePort file) for `connectOverCDP` (helpers/toolbar.ts). */
  debugPort?: boolean;
  /** UI language, default `en-US`. Chromium on Linux takes it from LANGUAGE and ignores `--lang`. */
  lang?: string;
}
const launches = new WeakMap<BrowserContext, LaunchInfo>();

function launchContext(info: LaunchInfo): Promise<BrowserContext> {
  const lang = info.lang ?? 'en-US';
  return chromium.launchPersistentContext(info.userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: info.headless,
    args: [
      ...chromiumArgs(info.extDir).map((arg) => (arg.startsWith('--lang=') ? `--lang=${lang}` : arg)),
      ...(info.debugPort ? ['--remote-debugging-port=0'] : []),
    ],
    viewport: { width: 1280, height: 800 },
    locale: lang,
    ...(info.lang ? { env: { ...process.env, LANGUAGE: info.lang } } : {}),
  });
}

/**
 * Launches Chromium with the extension. With `grants`, a first headless launch installs the extension
 * (Chromium resets host grants at install), then the grants are written and the real launch follows.
 */
export async function launchExtensionContext(info: LaunchInfo): Promise<BrowserContext> {
  const extensionId = unpackedExtensionId(info.extDir);
  pinInProfile(info.userDataDir, extensionId);
  if (hasGrants(info.grants)) {
    const install = await launchContext({ ...info, headless: true, debugPort: false });
    await getServiceWorker(install);
    await install.close();
    grantInProfile(info.userDataDir, extensionId, info.grants);
  }
  const context = await launchContext(info);
  launches.set(context, { ...info, grants: null }); // a relaunch keeps the profile, grants included
  return context;
}

/** The profile folder of a context launched here (e.g. for DevToolsActivePort). */
export function profileDirOf(context: BrowserContext): string {
  const info = launches.get(context);
  if (!info) throw new Error('profileDirOf(): this context was not launched by the e2e fixtures');
  return info.userDataDir;
}

/** Closes the browser and launches it again on the same profile folder. Returns the new context. */
export async function relaunch(context: BrowserContext): Promise<BrowserContext> {
  const info = launches.get(context);
  if (!info) throw new Error('relaunch(): this context was not launched by the e2e fixtures');
  await context.close();
  const next = await launchExtensionContext(info);
  currentContexts.set(info.userDataDir, next);
  return next;
}
// The context each test's profile currently has open, so teardown closes the relaunched one too.
const currentContexts = new Map<string, BrowserContext>();

/** The extension's MV3 service worker (waits for it to start). */
export async function getServiceWorker(context: BrowserContext): Promise<Worker> {
  const isOurs = (w: Worker) => w.url().startsWith('chrome-extension://');
  const existing = context.serviceWorkers().find(isOurs);
  if (existing) return existing;
  return context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 20_000 });
}

export async function getExtensionId(context: BrowserContext): Promise<string> {
  return new URL((await getServiceWorker(context)).url()).host;
}

// ---------------------------------------------------------------------------------------------
export interface E2EFixtures {
  grants: Grants | null;
  /** Open a DevTools port for `connectOverCDP` (needed to drive the real toolbar popup). */
  debugPort: boolean;
  standinOptions: StandinOptions;
  standin: Standin;
  fixtureServer: FixtureServer;
  worker: Worker;
  extensionId: string;
  /** Opens `popup.html?tabId=N` in a tab (a popup opened as a tab would otherwise target itself). */
  openPopup: (tabId?: number) => Promise<Page>;
  openOptions: () => Promise<Page>;
  /**
   * Saves a README screenshot to docs/screenshots/NAME.png and returns its path.
   * (Not called `screenshot`: that name is Playwright's built-in worker option for failure screenshots.)
   */
  saveScreenshot: (page: Page, name: string) => Promise<string>;
  /** The tab id Chrome gave `page` (for `openPopup(tabId)`); needs the extension's worker. */
  tabIdOf: (page: Page) => Promise<number>;
}

export const test = base.extend<E2EFixtures>({
  grants: [ACCEPTED_ALL, { option: true }],
  debugPort: [false, { option: true }],
  standinOptions: [{}, { option: true }],

  standin: standinFixture,

  fixtureServer: fixtureServerFixture(),

  context: async ({ headless, grants, debugPort }, use) => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'atlos-e2e-profile-'));
    const first = await launchExtensionContext({ userDataDir, headless, extDir: extensionDir(), grants, debugPort });
    currentContexts.set(userDataDir, first);
    try {
      await use(first);
    } finally {
      await currentContexts
        .get(userDataDir)
        ?.close()
        .catch(() => {});
      currentContexts.delete(userDataDir);
      rmSync(userDataDir, { recursive: true, force: true });
    }
  },

  worker: async ({ context }, use) => use(await getServiceWorker(context)),

  extensionId: async ({ worker }, use) => use(new URL(worker.url()).host),

  openPopup: async ({ context, extensionId }, use) => {
    await use(async (tabId?: number) => {
      const page = await context.newPage();
      const query = tabId === undefined ? '' : `?tabId=${tabId}`;
      await page.goto(`chrome-extension://${extensionId}/popup.html${query}`);
      return page;
    });
  },

  openOptions: async ({ context, extensionId }, use) => {
    await use(async () => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      return page;
    });
  },

  tabIdOf: async ({ worker }, use) => {
    await use(async (page: Page) => {
      const url = page.url();
      const byUrl = await worker.evaluate(async (target: string) => {
        const tabs = await (globalThis as any).chrome.tabs.query({});
        return tabs.find((t: { url?: string; id?: number }) => t.url === target)?.id as number | undefined;
      }, url);
      if (byUrl !== undefined) return byUrl;
      // Without host access (all sites declined) the extension cannot read the tab's URL: bring the
      // page to the front and take its window's active tab.
      await page.bringToFront();
      const active = await worker.evaluate(async () => {
        const [tab] = await (globalThis as any).chrome.tabs.query({ active: true, lastFocusedWindow: true });
        return tab?.id as number | undefined;
      });
      if (active === undefined) throw new Error(`tabIdOf(): no tab with url ${url}`);
      return active;
    });
  },

  saveScreenshot: async ({}, use) => {
    await use(async (page: Page, name: string) => {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, animations: 'disabled' });
      return path;
    });
  },
});

export { expect };
