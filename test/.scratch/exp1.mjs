import { chromium } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { execSync } from 'node:child_process';
const ext = process.cwd() + '/.output/chrome-mv3-e2e';
const headless = process.env.HEADLESS !== '0';
const prof = process.env.PROF ?? mkdtempSync('/tmp/h3/prof-'); console.log('PROF', prof);
const ctx = await chromium.launchPersistentContext(prof, {
  executablePath: '/usr/bin/chromium', headless,
  args: ['--no-sandbox', `--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-first-run'],
});
let [w] = ctx.serviceWorkers(); if (!w) w = await ctx.waitForEvent('serviceworker');
const id = new URL(w.url()).host;
const page = await ctx.newPage();
await page.goto(`chrome-extension://${id}/options.html`);
await page.evaluate((o) => {
  const b = document.createElement('button'); b.id = 'ask'; b.textContent = 'ask'; document.body.prepend(b);
  b.onclick = async () => { window.result = 'pending'; await chrome.runtime.sendMessage({ ping: 1 }).catch(() => {}); await new Promise(r => setTimeout(r, Number(localStorage.delay ?? 0))); chrome.permissions.request(JSON.parse(o)).then(r => window.result = String(r), e => window.result = 'err ' + e.message); };
}, process.env.REQ ?? '{"origins":["<all_urls>"]}');
await page.evaluate((d) => localStorage.delay = d, process.env.DELAY ?? '0'); await page.click('#ask');
for (let i = 0; i < 8; i++) {
  await new Promise(r => setTimeout(r, 1000)); console.log(i, await page.evaluate(() => window.result));
  if (process.env.SHOT && i === 2) {
    console.log('FOCUS', execSync('xdotool getwindowfocus getwindowname').toString(), execSync('xdotool search --onlyvisible --name ".*"').toString());
    if (process.env.KEYS) execSync('xdotool ' + process.env.KEYS);
  }
}
console.log('contains', await w.evaluate((o) => chrome.permissions.contains(JSON.parse(o)), process.env.REQ ?? '{"origins":["<all_urls>"]}'));
await ctx.close();
