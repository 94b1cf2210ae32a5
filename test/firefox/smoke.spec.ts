/**
 * Smoke tests in Firefox ESR: the e2e Firefox build installs as a temporary add-on and its pages render.
 * Build first: `npm run build:e2e` (test/run-all.ts does it).
 */
import { test, expect, ADDON_ID, ADDON_ORIGIN, extensionPageUrl } from './fixtures.ts';

test('the add-on installs under its fixed id', async ({ addon }) => {
  expect(addon.id).toBe(ADDON_ID);
});

test('the options page opens and renders', async ({ openExtensionPage }) => {
  const page = await openExtensionPage('options.html');
  expect(await extensionPageUrl(page)).toBe(`${ADDON_ORIGIN}/options.html`);
  await page.waitForSelector('#app > *', { timeout: 10_000 });
  expect(await page.title()).toMatch(/\S/);
  // The page runs with extension privileges: the add-on's own manifest is readable.
  const manifest = await page.evaluate(() => (globalThis as any).browser.runtime.getManifest());
  expect(manifest.browser_specific_settings.gecko.id).toBe(ADDON_ID);
  expect(manifest.manifest_version).toBe(3);
});

test('the popup page opens and renders', async ({ openExtensionPage }) => {
  const page = await openExtensionPage('popup.html');
  await page.waitForSelector('#app > *', { timeout: 10_000 });
  expect(await page.title()).toMatch(/\S/);
});

test('each test starts with empty extension storage', async ({ openExtensionPage }) => {
  const page = await openExtensionPage('options.html');
  const stored = await page.evaluate(async () => {
    const storage = (globalThis as any).browser.storage.local;
    const before = await storage.get(null);
    await storage.set({ smokeMarker: 'set-by-a-test' });
    return before;
  });
  // Another test (or a rerun) wrote the marker before; uninstalling the add-on after each test must drop it.
  expect(stored).not.toHaveProperty('smokeMarker');
});
