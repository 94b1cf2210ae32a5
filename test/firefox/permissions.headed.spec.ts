/**
 * Firefox's own optional-permission prompt (the doorhanger under the address bar), answered both ways
 * in a real window under Xvfb. The other Firefox suites answer it with the preference
 * `extensions.webextOptionalPermissionPrompts` = false, which is the "Allow" path; here the preference
 * is on, so the doorhanger really shows, and `Escape` dismisses it (the person declines).
 * (Allowing it from the keyboard was not reliable under Xvfb; the Allow path is the preference's.)
 */
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'puppeteer-core';
import { test as base, expect, launchFirefox } from './fixtures.ts';
import { fill, findByRole, poll, textOf } from './helpers.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const test = base.extend<{}, { firefox: Browser }>({
  firefox: [
    async ({}, use) => {
      if (!process.env.DISPLAY) throw new Error('needs an X display (run under Xvfb, as test/run-all.ts does)');
      const browser = await launchFirefox({ 'extensions.webextOptionalPermissionPrompts': true }, { headless: false });
      try {
        await use(browser);
      } finally {
        await browser.close().catch(() => {});
      }
    },
    { scope: 'worker', timeout: 90_000 },
  ],
});

async function answerDoorhanger(accept: boolean) {
  await pause(1_500); // the doorhanger animates in
  execFileSync('xdotool', ['key', accept ? 'Return' : 'Escape']);
  await pause(800);
}

const containsAllSites = (page: Page) =>
  page.evaluate(
    () => (globalThis as any).browser.permissions.contains({ origins: ['<all_urls>'] }) as Promise<boolean>,
  );

test.describe('Firefox permission doorhanger', () => {
  test.setTimeout(150_000);
  test.use({ standinOptions: { incidents: 20 } });

  test('Connect asks for the instance; dismissing the doorhanger leaves it unconnected and nothing granted', async ({
    standin,
    openExtensionPage,
  }) => {
    const options = await openExtensionPage('options.html');
    await options.bringToFront();
    const group = 'New connection';
    await fill(options, await findByRole(options, 'textbox', 'Atlos URL', { within: group }), standin.url);
    await fill(options, await findByRole(options, 'textbox', 'API token', { within: group }), standin.tokens.civEdit);
    await options.click(await findByRole(options, 'button', 'Connect', { within: group }));
    await answerDoorhanger(false);
    await poll(async () => (await options.$(`[role=alert]`)) !== null, 'the alert saying access was refused', 30_000);
    expect(await textOf(options, 'body')).not.toContain('Connected');
    const origins = await options.evaluate(
      async () => (await (globalThis as any).browser.permissions.getAll()).origins as string[],
    );
    expect(origins).toEqual([]);
    expect(await containsAllSites(options)).toBe(false);
    expect(standin.control.requests().some((r) => r.authorization === `Bearer ${standin.tokens.civEdit}`)).toBe(false);
  });
});
