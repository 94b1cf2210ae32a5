/**
 * Smoke tests of the built extension: it loads, its pages render, its manifest asks for what it needs
 * (and no more in the production build), and its bundles stay within budget.
 * Build first: `npm run zip && npm run build:e2e` (test/run-all.ts does both).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { test, expect, OUTPUT_DIR, ROOT_DIR, relaunch, getServiceWorker } from './fixtures.ts';
import { scriptsOfPage } from '../support/page-scripts.ts';

const PROD_CHROME = join(OUTPUT_DIR, 'chrome-mv3');
const PROD_FIREFOX = join(OUTPUT_DIR, 'firefox-mv3');
// The popup's pre-paint script, its app and every chunk they import, statically or not
// (test/support/page-scripts.ts), gzip -9. WXT's storage helper stays out of it
// (entrypoints/popup/local-keys.ts).
const POPUP_JS_GZIP_BUDGET = 25 * 1024;
const CHROME_ZIP_BUDGET = 200 * 1024;

function readManifest(dir: string): Record<string, any> {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

test('the service worker starts', async ({ worker, extensionId }) => {
  expect(worker.url()).toBe(`chrome-extension://${extensionId}/background.js`);
  const id = await worker.evaluate(() => (globalThis as any).chrome.runtime.id as string);
  expect(id).toBe(extensionId);
});

test('the popup opens and renders', async ({ context, openPopup }) => {
  const errors: string[] = [];
  context.on('weberror', (e) => errors.push(e.error().message));
  const popup = await openPopup();
  await expect(popup.locator('#app')).not.toBeEmpty();
  await expect(popup).toHaveTitle(/\S/);
  expect(errors).toEqual([]);
});

test('the options page opens and renders', async ({ context, openOptions }) => {
  const errors: string[] = [];
  context.on('weberror', (e) => errors.push(e.error().message));
  const options = await openOptions();
  await expect(options.locator('#app')).not.toBeEmpty();
  await expect(options).toHaveTitle(/\S/);
  expect(errors).toEqual([]);
});

test('the loaded extension has the permissions it needs', async ({ worker }) => {
  const manifest = await worker.evaluate(() => (globalThis as any).chrome.runtime.getManifest());
  expect(manifest.manifest_version).toBe(3);
  expect(manifest.permissions).toEqual(
    expect.arrayContaining(['storage', 'contextMenus', 'activeTab', 'scripting', 'alarms', 'notifications']),
  );
  expect(manifest.optional_host_permissions).toEqual(['<all_urls>']);
  expect(manifest.optional_permissions).toEqual(['pageCapture']);
  expect(Object.keys(manifest.commands ?? {})).toEqual(
    expect.arrayContaining(['capture-to-last-incident', '_execute_action']),
  );
});

test('the production manifests ask for no host access up front', () => {
  for (const dir of [PROD_CHROME, PROD_FIREFOX]) {
    const manifest = readManifest(dir);
    const { optional_host_permissions: optionalHosts, ...required } = manifest;
    // `<all_urls>` only as the optional all-sites offer, asked for after connecting.
    expect(optionalHosts, dir).toEqual(['<all_urls>']);
    expect(JSON.stringify(required), `${dir}/manifest.json`).not.toContain('<all_urls>');
    expect(JSON.stringify(required), `${dir}/manifest.json`).not.toContain('*://*/*');
    expect(manifest.host_permissions ?? [], dir).toEqual([]);
    // pageCapture makes Chrome's install prompt say "read and change all your data": optional, asked at capture.
    expect(manifest.permissions, dir).not.toContain('pageCapture');
    expect(manifest.web_accessible_resources, `${dir}: test-only exposure leaked`).toBeUndefined();
    expect(manifest.permissions).toEqual(expect.arrayContaining(['storage', 'contextMenus', 'activeTab', 'scripting']));
  }
  expect(readManifest(PROD_CHROME).optional_permissions).toEqual(['pageCapture']);
  const firefox = readManifest(PROD_FIREFOX);
  expect(firefox.optional_permissions ?? [], 'Firefox has no pageCapture').toEqual([]);
  expect(firefox.manifest_version).toBe(3);
  expect(firefox.browser_specific_settings?.gecko?.id).toBe('capture@atlos.org');
  expect(firefox.browser_specific_settings?.gecko?.data_collection_permissions).toEqual({ required: ['none'] });
});

test('the popup JavaScript stays under 25 kB gzipped', () => {
  const files = scriptsOfPage(join(PROD_CHROME, 'popup.html'));
  expect(files.length).toBeGreaterThan(0);
  const sizes = files.map((f) => ({
    file: f.slice(PROD_CHROME.length + 1),
    gzip: gzipSync(readFileSync(f), { level: 9 }).length,
  }));
  const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
  test.info().annotations.push({ type: 'popup-js-gzip-bytes', description: String(total) });
  expect(total, JSON.stringify(sizes)).toBeLessThan(POPUP_JS_GZIP_BUDGET);
});

test('the Chrome store zip stays under 200 kB', () => {
  const { name, version } = JSON.parse(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8'));
  const zip = join(OUTPUT_DIR, `${name}-${version}-chrome.zip`);
  expect(existsSync(zip), `${zip} is missing: run \`npm run zip\` first`).toBe(true);
  const size = statSync(zip).size;
  test.info().annotations.push({ type: 'chrome-zip-bytes', description: String(size) });
  expect(size).toBeLessThan(CHROME_ZIP_BUDGET);
});

test("fixture pages are served on their own host, not the stand-in's", async ({ page, fixtureServer }) => {
  expect(new URL(fixtureServer.url).hostname).toBe('news.site-a.test');
  await page.goto(`${fixtureServer.url}/article.html`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Flooding reported near the river crossing');
  expect(fixtureServer.requests.map((r) => r.path)).toContain('/article.html');
});

test('extension storage survives a browser relaunch on the same profile', async ({ context, worker }) => {
  await worker.evaluate(() => (globalThis as any).chrome.storage.local.set({ smokeMarker: 'before-restart' }));
  const next = await relaunch(context);
  const again = await getServiceWorker(next);
  const stored = await again.evaluate(() => (globalThis as any).chrome.storage.local.get('smokeMarker'));
  expect(stored).toEqual({ smokeMarker: 'before-restart' });
});
