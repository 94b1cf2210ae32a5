/**
 * Playwright fixtures for end-to-end tests of the built extension in Debian Chromium.
 *
 * - `standin`: a fresh local Atlos stand-in per test (test/standin/server.ts). Configure with
 *   `test.use({ standinOptions: { incidents: 50, archiver: … } })`.
 * - `fixtureServer`: static fixture pages (test/fixtures/pages/) on another 127.0.0.1 port.
 * - `context`: a persistent Chromium context with the extension loaded (EXT_DIR, default `.output/chrome-mv3-e2e`,
 *   which adds `<all_urls>` so dispatched menu clicks can capture). Headless unless the project says otherwise.
 * - `worker`, `extensionId`, `openPopup(tabId?)`, `openOptions()`, `tabIdOf(page)`, `saveScreenshot(page, name)`.
 * - `relaunch(context)`: closes the browser and starts it again on the same profile (extension storage and
 *   IndexedDB survive), to test resumption after a browser restart. Use the returned context afterwards.
 *
 * Recipe verified on this machine: docs/browser-facts.md §6.
 */
import { test as base, expect, chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FixtureServer } from '../fixtures/server.ts';
import {
  fixtureServerFixture, standinFixture, startStandin, type Standin, type StandinOptions,
} from '../shared/server-fixtures.ts';

export const ROOT_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(ROOT_DIR, 'docs/screenshots');

/** The build output folder (wxt.config.ts honours ATLOS_OUT_DIR so parallel runs do not clobber each other). */
export const OUTPUT_DIR = resolve(ROOT_DIR, process.env.ATLOS_OUT_DIR ?? '.output');

export function extensionDir(): string {
  return process.env.EXT_DIR ? resolve(ROOT_DIR, process.env.EXT_DIR) : join(OUTPUT_DIR, 'chrome-mv3-e2e');
}

/** Flags (docs/browser-facts.md §6): load only our extension; stop Chromium phoning home on the closed network. */
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
  ];
}

export { startStandin, type Standin, type StandinOptions };

// ---------------------------------------------------------------------------------------------
// Browser launch and relaunch on the same profile.
interface LaunchInfo {
  userDataDir: string;
  headless: boolean;
  extDir: string;
}
const launches = new WeakMap<BrowserContext, LaunchInfo>();

export async function launchExtensionContext(info: LaunchInfo): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(info.userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: info.headless,
    args: chromiumArgs(info.extDir),
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
  });
  launches.set(context, info);
  return context;
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
  standinOptions: [{}, { option: true }],

  standin: standinFixture,

  fixtureServer: fixtureServerFixture(),

  context: async ({ headless }, use) => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'atlos-e2e-profile-'));
    const first = await launchExtensionContext({ userDataDir, headless, extDir: extensionDir() });
    currentContexts.set(userDataDir, first);
    try {
      await use(first);
    } finally {
      await currentContexts.get(userDataDir)?.close().catch(() => {});
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
      const tabId = await worker.evaluate(async (target: string) => {
        const tabs = await (globalThis as any).chrome.tabs.query({});
        return tabs.find((t: { url?: string; id?: number }) => t.url === target)?.id as number | undefined;
      }, url);
      if (tabId === undefined) throw new Error(`tabIdOf(): no tab with url ${url}`);
      return tabId;
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
