/**
 * Fixtures for tests in Firefox ESR, driven by puppeteer-core over WebDriver BiDi.
 * Playwright Test is only the runner here: `page` and `context` from Playwright are not Firefox.
 *
 * - `firefox`: one headless Firefox ESR per Playwright worker (it takes 10–20 s to start on 2 cores).
 * - `addon`: the e2e Firefox build (EXT_DIR_FIREFOX, default `.output/firefox-mv3-e2e`: the production
 *   permissions, test/e2e/manifest.spec.ts) installed as a temporary add-on for this test and uninstalled
 *   afterwards, so every test starts with empty extension storage and no optional permission granted.
 *   Its origin is predictable: `moz-extension://${ADDON_UUID}/` (preference `extensions.webextensions.uuids`).
 * - `openExtensionPage(path)`: a new tab showing `moz-extension://UUID/<path>` (e.g. `options.html`,
 *   `popup.html?tabId=3`). BiDi refuses to navigate there directly, so the tab loads an http page first and
 *   sets `location.href`; that works only because the e2e build lists the page in web_accessible_resources.
 *   puppeteer's `page.url()` keeps showing the http page afterwards: use `extensionPageUrl(page)`.
 * - `fixtureServer`, `standin`: as in test/e2e/fixtures.ts; fixture pages are on `news.site-a.test`
 *   (test/support/hosts.ts), resolved by the `network.dns.localDomains` preference.
 * - Optional-permission prompts: `extensions.webextOptionalPermissionPrompts` false answers every
 *   `permissions.request` made in a real click with "Allow" (the accepted path); helpers.ts's
 *   `connectThroughOptions` accepts the all-sites offer that way unless told not to.
 *
 * Puppeteer's Firefox support: https://pptr.dev/webdriver-bidi
 */
import { test as base, expect } from '@playwright/test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { join, resolve } from 'node:path';
import type { FixtureServer } from '../fixtures/server.ts';
import { OUTPUT_DIR, ROOT_DIR } from '../e2e/fixtures.ts';
import { FIXTURE_HOSTS } from '../support/hosts.ts';
import { fixtureServerFixture, standinFixture, type Standin, type StandinOptions } from '../support/server-fixtures.ts';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const ADDON_ID = 'capture@atlos.org';
/** Fixed so `moz-extension://ADDON_UUID/` is known before the add-on is installed. */
export const ADDON_UUID = '5f1c9a52-7b3e-4c1d-9a0e-2d4b6c8e0f13';
export const ADDON_ORIGIN = `moz-extension://${ADDON_UUID}`;

export function firefoxExtensionDir(): string {
  const dir = process.env.EXT_DIR_FIREFOX;
  return dir ? resolve(ROOT_DIR, dir) : join(OUTPUT_DIR, 'firefox-mv3-e2e');
}

/**
 * `extraPrefs` (additive): e.g. a short `extensions.background.idle.timeout` for event-page tests.
 * `headless: false` shows a real window (needs DISPLAY, e.g. Xvfb) for native input such as context menus;
 * the viewport is then the window's own, so screen coordinates follow the real layout.
 * `userDataDir`: a profile directory kept after close (puppeteer deletes only the temporary one it makes),
 * so a second launch on it is a browser restart.
 */
export async function launchFirefox(
  extraPrefs: Record<string, unknown> = {},
  { headless = true, userDataDir }: { headless?: boolean; userDataDir?: string } = {},
): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX_PATH,
    headless,
    ...(userDataDir ? { userDataDir } : {}),
    defaultViewport: headless ? { width: 1280, height: 800 } : null,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
      // Uninstalling drops the id→UUID entry unless told otherwise; the next install would get a random origin.
      // Storage is still cleared on uninstall (keepStorageOnUninstall stays false), which the `addon` fixture relies on.
      'extensions.webextensions.keepUuidOnUninstall': true,
      // Closed network: no update checks, telemetry or first-run pages.
      'app.update.enabled': false,
      'extensions.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      'intl.locale.requested': 'en-US',
      // `permissions.request` in a real click (Connect asks for the instance, the all-sites offer for
      // `<all_urls>`) is granted at once instead of showing a doorhanger: the person's "Allow".
      // The headed prompt tests turn it back on to dismiss the doorhanger.
      'extensions.webextOptionalPermissionPrompts': false,
      // Fixture pages on their own host names (test/support/hosts.ts), plain http, no https-first detour.
      'network.dns.localDomains': FIXTURE_HOSTS.join(','),
      'dom.security.https_first': false,
      'dom.security.https_first_schemeless': false,
      ...extraPrefs,
    },
  });
}

/** Where an extension page really is (puppeteer keeps reporting the http page it was opened from). */
export async function extensionPageUrl(page: Page): Promise<string> {
  return page.evaluate(() => location.href);
}

/** Opens `moz-extension://UUID/<path>` in a new tab of `browser`, starting from an http page of `from`. */
export async function openExtensionPage(browser: Browser, from: FixtureServer, path: string): Promise<Page> {
  const target = `${ADDON_ORIGIN}/${path.replace(/^\//, '')}`;
  const page = await browser.newPage();
  await page.goto(`${from.url}/__blank`);
  await page.evaluate((url: string) => {
    location.href = url;
  }, target);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const state = await page.evaluate(() => ({ href: location.href, ready: document.readyState })).catch(() => null); // the realm is replaced mid-navigation
    if (state?.href === target && state.ready === 'complete') return page;
    if (Date.now() > deadline) throw new Error(`openExtensionPage(${path}): still at ${state?.href ?? 'unknown'}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Tab id of the first tab whose URL starts with `urlPrefix`, read through an extension page's `browser.tabs`. */
export async function tabIdOf(extensionPage: Page, urlPrefix: string): Promise<number> {
  const id = await extensionPage.evaluate(async (prefix: string) => {
    const tabs: { id?: number; url?: string }[] = await (globalThis as any).browser.tabs.query({});
    return tabs.find((t) => t.url?.startsWith(prefix))?.id ?? null;
  }, urlPrefix);
  if (id === null) throw new Error(`tabIdOf(): no tab at ${urlPrefix}`);
  return id;
}

export interface FirefoxTestFixtures {
  standinOptions: StandinOptions;
  standin: Standin;
  fixtureServer: FixtureServer;
  addon: { id: string; uuid: string; origin: string };
  openExtensionPage: (path: string) => Promise<Page>;
}
export interface FirefoxWorkerFixtures {
  firefox: Browser;
}

export const test = base.extend<FirefoxTestFixtures, FirefoxWorkerFixtures>({
  firefox: [
    async ({}, use) => {
      const browser = await launchFirefox();
      try {
        await use(browser);
      } finally {
        await browser.close().catch(() => {});
      }
    },
    { scope: 'worker', timeout: 90_000 },
  ],

  standinOptions: [{}, { option: true }],

  standin: standinFixture,

  fixtureServer: fixtureServerFixture({
    routes: {
      '/__blank': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><title>blank</title>');
      },
    },
  }),

  addon: async ({ firefox }, use) => {
    const before = new Set(await firefox.pages());
    const id = await firefox.installExtension(firefoxExtensionDir());
    try {
      await use({ id, uuid: ADDON_UUID, origin: ADDON_ORIGIN });
    } finally {
      // Close this test's tabs so nothing holds the add-on's pages, then drop it with its storage.
      for (const page of await firefox.pages()) if (!before.has(page)) await page.close().catch(() => {});
      await firefox.uninstallExtension(id).catch(() => {});
    }
  },

  openExtensionPage: async ({ firefox, addon, fixtureServer }, use) => {
    void addon; // the page needs the add-on installed
    await use((path: string) => openExtensionPage(firefox, fixtureServer, path));
  },
});

export { expect };
