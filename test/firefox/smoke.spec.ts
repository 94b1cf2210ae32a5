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

// Two tests in order: the first writes extension storage and IndexedDB, the second must see neither
// (the `addon` fixture uninstalls the add-on, and with it its data, after every test).
async function readAndWriteExtensionData(page: import('puppeteer-core').Page) {
  return page.evaluate(async () => {
    const storage = (globalThis as any).browser.storage.local;
    const stored = await storage.get('smokeMarker');
    await storage.set({ smokeMarker: 'set-by-a-test' });
    const db: IDBDatabase = await new Promise((ok, fail) => {
      const open = indexedDB.open('smoke', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('kv');
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    const previous = await new Promise((ok) => {
      const get = db.transaction('kv').objectStore('kv').get('marker');
      get.onsuccess = () => ok(get.result ?? null);
    });
    await new Promise((ok) => {
      const tx = db.transaction('kv', 'readwrite');
      tx.objectStore('kv').put('set-by-a-test', 'marker');
      tx.oncomplete = () => ok(null);
    });
    db.close();
    return { storage: stored.smokeMarker ?? null, indexedDB: previous };
  });
}

test('a test writes extension storage and IndexedDB', async ({ openExtensionPage }) => {
  const page = await openExtensionPage('options.html');
  await readAndWriteExtensionData(page);
  expect(await readAndWriteExtensionData(page)).toEqual({ storage: 'set-by-a-test', indexedDB: 'set-by-a-test' });
});

test('the next test starts with empty extension storage and IndexedDB', async ({ openExtensionPage }) => {
  const page = await openExtensionPage('options.html');
  expect(await readAndWriteExtensionData(page)).toEqual({ storage: null, indexedDB: null });
});
