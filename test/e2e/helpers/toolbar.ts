/**
 * The real toolbar button and the real permission prompt, in headed Chromium under Xvfb.
 *
 * Toolbar: the fixtures pin the extension (helpers/profile.ts), so its button sits left of the
 * puzzle-piece button, 149 px left of the window's right edge and 62 px below its top at 100 %
 * scale (measured on an xwd screenshot of Chromium 156). A real click opens the popup with the
 * activeTab grant. Playwright's persistent context does not list that popup, but a CDP connection
 * made after the click does (the fixture's `debugPort` option opens the port).
 *
 * Prompt: Chromium's "Allow / Deny" dialog for `permissions.request` takes the keyboard focus with
 * Deny focused: `Tab Return` accepts, `Escape` dismisses (verified on Chromium 156 under Xvfb).
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { profileDirOf } from '../fixtures.ts';
import { keys, pause, screenshotRoot, xdotool } from './xdotool.ts';

const BUTTON_FROM_RIGHT = 149;
const BUTTON_FROM_TOP = 62;

export interface ToolbarPopup {
  popup: Page;
  /** Closes the CDP connection (not the browser). */
  detach: () => Promise<void>;
}

function devToolsPort(context: BrowserContext): number {
  const file = join(profileDirOf(context), 'DevToolsActivePort');
  const port = Number(readFileSync(file, 'utf8').split('\n')[0]);
  if (!port) throw new Error(`no DevTools port in ${file}: use test.use({ debugPort: true })`);
  return port;
}

async function findPopup(browser: Browser, timeoutMs: number): Promise<Page | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const popup = browser
      .contexts()
      .flatMap((c) => c.pages())
      .find((p) => /\/popup\.html(\?|$)/.test(p.url()));
    if (popup) return popup;
    await pause(200);
  }
  return null;
}

/** Clicks the pinned toolbar button of `page`'s window for real and returns the popup it opened. */
export async function openToolbarPopup(context: BrowserContext, page: Page): Promise<ToolbarPopup> {
  await page.bringToFront();
  const win = await page.evaluate(() => ({ x: screenX, y: screenY, width: outerWidth }));
  xdotool('mousemove', String(win.x + win.width - BUTTON_FROM_RIGHT), String(win.y + BUTTON_FROM_TOP));
  await pause(150);
  xdotool('click', '1');
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${devToolsPort(context)}`);
  const popup = await findPopup(browser, 10_000);
  if (!popup) {
    screenshotRoot('toolbar-popup-missing');
    await browser.close().catch(() => {});
    throw new Error('the toolbar popup did not open (see test-results/screens/toolbar-popup-missing.xwd)');
  }
  await popup.waitForLoadState('domcontentloaded');
  // Closing a CDP-connected browser only disconnects: the real browser stays.
  return { popup, detach: () => browser.close().catch(() => {}) };
}

/** Answers the native permission prompt that a click just opened: accept (`Allow`) or dismiss. */
export async function answerPermissionPrompt(accept: boolean, name = 'prompt'): Promise<void> {
  await pause(1_500); // the dialog animates in
  screenshotRoot(`${name}-${accept ? 'accept' : 'dismiss'}`);
  if (accept) await keys('Tab', 'Return');
  else await keys('Escape');
  await pause(500);
}
