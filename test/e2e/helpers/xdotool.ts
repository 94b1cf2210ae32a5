/**
 * Native input for headed Chromium under Xvfb, as a person gives it: the pointer and keyboard of the
 * X display (`xdotool`), never events dispatched inside the page. Needs DISPLAY (test/run-all.ts
 * starts Xvfb). `screenshotRoot()` saves the whole X screen (xwd) when a test needs to show what the
 * browser drew outside the page (menus, permission prompts).
 */
import { execFileSync, execSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function requireDisplay(): void {
  if (!process.env.DISPLAY) throw new Error('needs an X display (run under Xvfb, as test/run-all.ts does)');
}

export function xdotool(...args: string[]): string {
  return execFileSync('xdotool', args, { stdio: 'pipe' }).toString();
}

/** Presses keys one at a time, giving the browser time to follow (submenus open with a delay). */
export async function keys(...names: string[]): Promise<void> {
  for (const name of names) {
    xdotool('key', name);
    await pause(250);
  }
}

/**
 * Screen position of the page's (0,0): a real pointer move reports both `screenX` and `clientX`,
 * so their difference is exact whatever the window decorations, infobars or scaling.
 */
export async function pageOrigin(page: Page): Promise<{ x: number; y: number }> {
  await page.evaluate(() => {
    (window as any).__origin = null;
    addEventListener('mousemove', (e) => {
      (window as any).__origin = { x: e.screenX - e.clientX, y: e.screenY - e.clientY };
    });
  });
  const guess = await page.evaluate(() => ({
    x: screenX + (outerWidth - innerWidth) / 2 + innerWidth / 2,
    y: screenY + (outerHeight - innerHeight) + innerHeight / 2,
  }));
  for (const dx of [0, 3, 6]) {
    xdotool('mousemove', String(Math.round(guess.x + dx)), String(Math.round(guess.y + dx)));
    await pause(100);
    const origin = await page.evaluate(() => (window as any).__origin as { x: number; y: number } | null);
    if (origin) return origin;
  }
  throw new Error('no mousemove reached the page: is the window on the X display?');
}

/** A real click of `button` (1 left, 3 right) on `target`; the native context menu opens for 3. */
export async function clickOn(page: Page, target: Locator, button: '1' | '3' = '1'): Promise<void> {
  const origin = await pageOrigin(page);
  const box = await target.boundingBox();
  if (!box) throw new Error('target not visible');
  const x = Math.round(origin.x + box.x + Math.min(box.width / 2, 40));
  const y = Math.round(origin.y + box.y + box.height / 2);
  xdotool('mousemove', String(x), String(y));
  await pause(100);
  xdotool('click', button);
  await pause(600); // a native menu opens asynchronously
}

export function rightClick(page: Page, target: Locator): Promise<void> {
  return clickOn(page, target, '3');
}

/** Saves the X screen as test-results/screens/NAME.xwd (view with `xwud -in`), for diagnosing native UI. */
export function screenshotRoot(name: string): string {
  const dir = join('test-results', 'screens');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.xwd`);
  try {
    execSync(`xwd -root -silent > '${file}'`);
  } catch {
    return ''; // xwd (x11-apps) is optional: only for diagnosis
  }
  return file;
}
