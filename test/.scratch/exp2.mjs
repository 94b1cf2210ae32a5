import { chromium } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
const ext = process.cwd() + '/.output/chrome-mv3-e2e';
const prof = mkdtempSync('/tmp/h3/prof2-');
const launch = () => chromium.launchPersistentContext(prof, { executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', `--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-first-run'] });
let ctx = await launch();
let [w] = ctx.serviceWorkers(); if (!w) w = await ctx.waitForEvent('serviceworker');
const id = new URL(w.url()).host;
await ctx.close();
const pf = prof + '/Default/Preferences';
const prefs = JSON.parse(readFileSync(pf, 'utf8'));
const s = prefs.extensions.settings[id];
console.log('macs has ext?', JSON.stringify(prefs.protection?.macs?.extensions ?? null).slice(0, 200));
for (const k of ['active_permissions', 'granted_permissions', 'runtime_granted_permissions']) {
  s[k] ??= { api: [], explicit_host: [], manifest_permissions: [], scriptable_host: [] };
  s[k].explicit_host = [...new Set([...(s[k].explicit_host ?? []), '<all_urls>'])];
  if (process.env.PC) s[k].api = [...new Set([...(s[k].api ?? []), 'pageCapture'])];
}
writeFileSync(pf, JSON.stringify(prefs));
ctx = await launch();
[w] = ctx.serviceWorkers(); if (!w) w = await ctx.waitForEvent('serviceworker');
console.log('all', await w.evaluate(() => chrome.permissions.contains({ origins: ['<all_urls>'] })));
console.log('pc', await w.evaluate(() => chrome.permissions.contains({ permissions: ['pageCapture'] })), typeof (await w.evaluate(() => typeof chrome.pageCapture)));
console.log(await w.evaluate(() => chrome.permissions.getAll()));
await ctx.close();
