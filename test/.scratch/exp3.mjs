import { chromium } from '@playwright/test';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
const ext = process.cwd() + '/.output/chrome-mv3-e2e';
const id = [...createHash('sha256').update(ext).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
const prof = mkdtempSync('/tmp/h3/prof3-');
mkdirSync(prof + '/Default');
const set = { api: ['pageCapture'], explicit_host: ['<all_urls>'], manifest_permissions: [], scriptable_host: [] };
writeFileSync(prof + '/Default/Preferences', JSON.stringify({ extensions: { pinned_extensions: [id], settings: { [id]: { active_permissions: set, granted_permissions: set, runtime_granted_permissions: set, withholding_permissions: false } } } }));
const ctx = await chromium.launchPersistentContext(prof, { executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', `--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-first-run'] });
let [w] = ctx.serviceWorkers(); if (!w) w = await ctx.waitForEvent('serviceworker');
console.log(id, new URL(w.url()).host);
console.log('all', await w.evaluate(() => chrome.permissions.contains({ origins: ['<all_urls>'] })));
console.log('pc', await w.evaluate(() => chrome.permissions.contains({ permissions: ['pageCapture'] })));
await ctx.close();
