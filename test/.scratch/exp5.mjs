import { chromium } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { execSync } from 'node:child_process';
const ext = process.cwd() + '/.output/chrome-mv3-e2e';
const prof = mkdtempSync('/tmp/h3/prof5-');
const ctx = await chromium.launchPersistentContext(prof, { executablePath: '/usr/bin/chromium', headless: false,
  viewport: { width: 1280, height: 800 },
  args: ['--no-sandbox', `--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-first-run'] });
let [w] = ctx.serviceWorkers(); if (!w) w = await ctx.waitForEvent('serviceworker');
await w.evaluate(() => { globalThis.__cmds = []; chrome.commands.onCommand.addListener((c) => globalThis.__cmds.push(c)); });
console.log(await w.evaluate(() => chrome.commands.getAll()));
const page = ctx.pages()[0];
await page.goto('data:text/html,<h1>hello</h1>');
await page.bringToFront();
execSync('xdotool mousemove 600 400 click 1'); // focus the page for real
await new Promise(r => setTimeout(r, 500));
for (const k of (process.env.KEYS ?? 'alt+shift+s').split(' ')) { execSync(`xdotool key ${k}`); await new Promise(r => setTimeout(r, 700)); }
console.log('cmds', await w.evaluate(() => globalThis.__cmds));
console.log('focused window', execSync('xdotool getwindowfocus getwindowname').toString());
await ctx.close();
