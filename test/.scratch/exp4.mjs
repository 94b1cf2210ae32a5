import { chromium } from '@playwright/test';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execSync } from 'node:child_process';
const ext = process.cwd() + '/.output/chrome-mv3-e2e';
const id = [...createHash('sha256').update(ext).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
const prof = mkdtempSync('/tmp/h3/prof4-');
mkdirSync(prof + '/Default');
writeFileSync(prof + '/Default/Preferences', JSON.stringify({ extensions: { pinned_extensions: [id] } }));
const ctx = await chromium.launchPersistentContext(prof, { executablePath: '/usr/bin/chromium', headless: false,
  viewport: { width: 1280, height: 800 },
  args: ['--no-sandbox', `--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-first-run', '--remote-debugging-port=0'] });
let [w] = ctx.serviceWorkers(); if (!w) w = await ctx.waitForEvent('serviceworker');
const page = ctx.pages()[0];
await page.goto('data:text/html,<h1>hello</h1>');
console.log(await page.evaluate(() => ({ sx: screenX, sy: screenY, ow: outerWidth, oh: outerHeight, iw: innerWidth, ih: innerHeight })));
await new Promise(r => setTimeout(r, 1500));
execSync('xwd -root -silent > /tmp/h3/root.xwd');
if (process.env.CLICK) {
  const [x, y] = process.env.CLICK.split(',');
  execSync(`xdotool mousemove ${x} ${y} click 1`);
  await new Promise(r => setTimeout(r, 1500));
  execSync('xwd -root -silent > /tmp/h3/root2.xwd');
  const port = readFileSync(prof + '/DevToolsActivePort', 'utf8').split('\n')[0];
  const b = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  console.log(b.contexts().flatMap(c => c.pages().map(p => p.url())));
  await b.close().catch(() => {});
}
await ctx.close();
