/**
 * Right-to-left: with Chromium's UI in Arabic, the options page and the popup take the Arabic
 * messages and lay out right to left (`dir` comes from `@@bidi_dir`, set in each page's main.tsx).
 *
 * The shared `context` fixture runs in English, so this file launches its own browser in Arabic
 * (`LANGUAGE=ar` on Linux, `--lang=ar` elsewhere). Chromium resolves its UI locale only to languages it has a `.pak` for; Debian ships
 * those in `chromium-l10n`. Without it, extension messages still come out in Arabic but
 * `@@bidi_dir` stays `ltr`, which is why the first assertion checks the browser's locale.
 */
import type { BrowserContext } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateChromeMessages, parseMessagesText } from '@wxt-dev/i18n/build';
import {
  ACCEPTED_ALL,
  ROOT_DIR,
  SCREENSHOT_DIR,
  expect,
  extensionDir,
  getExtensionId,
  getServiceWorker,
  launchExtensionContext,
  test,
} from './fixtures.ts';

const arabic = generateChromeMessages(
  parseMessagesText(readFileSync(join(ROOT_DIR, 'locales/ar.yml'), 'utf8'), 'YAML'),
);
const ar = (key: string): string => {
  const message = arabic[key]?.message;
  if (!message) throw new Error(`locales/ar.yml has no ${key}`);
  return message;
};

let context: BrowserContext;
let userDataDir: string;

test.beforeEach(async ({ headless }) => {
  userDataDir = mkdtempSync(join(tmpdir(), 'atlos-e2e-rtl-'));
  const extDir = extensionDir();
  // Prompts accepted, as in the shared fixture (helpers/profile.ts); the UI in Arabic.
  context = await launchExtensionContext({ userDataDir, headless, extDir, grants: ACCEPTED_ALL, lang: 'ar' });
});

test.afterEach(async () => {
  await context?.close().catch(() => {});
  rmSync(userDataDir, { recursive: true, force: true });
});

test('options and popup are right to left and in Arabic when the browser is', async ({
  standin,
  fixtureServer,
}, testInfo) => {
  const worker = await getServiceWorker(context);
  const uiLocale = await worker.evaluate(() => (globalThis as any).chrome.i18n.getMessage('@@ui_locale') as string);
  expect(uiLocale, 'Chromium has no Arabic UI locale here (Debian: apt-get install chromium-l10n)').toBe('ar');
  const extensionId = await getExtensionId(context);

  // The popup before any project is connected offers the way to connect one.
  const firstPopup = await context.newPage();
  await firstPopup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(firstPopup.getByRole('link', { name: ar('popup_connectLink'), exact: true })).toBeVisible();
  expect(await firstPopup.evaluate(() => document.documentElement.dir)).toBe('rtl');
  await firstPopup.close();

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const connectButton = options.getByRole('button', { name: ar('options_connectButton'), exact: true });
  await expect(connectButton).toBeVisible();
  expect(await options.evaluate(() => document.documentElement.dir)).toBe('rtl');
  // Headings start at the right edge of their section in a right-to-left layout.
  const heading = options.getByRole('heading', { name: ar('options_connectionsHeading'), exact: true });
  const headingBox = await heading.boundingBox();
  const textLeft = await heading.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return range.getBoundingClientRect().left;
  });
  expect(headingBox).not.toBeNull();
  expect(textLeft).toBeGreaterThan(headingBox!.x + headingBox!.width / 2);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await options.screenshot({ path: join(SCREENSHOT_DIR, 'options-rtl.png'), fullPage: true, animations: 'disabled' });

  // Connecting works with the Arabic labels, and the success message is Arabic too.
  const form = options.getByRole('group', { name: ar('options_newConnection'), exact: true });
  await form.getByRole('textbox', { name: ar('options_urlLabel'), exact: true }).fill(standin.url);
  await form.getByLabel(ar('options_tokenLabel'), { exact: true }).fill(standin.tokens.civEdit);
  await connectButton.click();
  const connectedPrefix = ar('options_connected').split('$1')[0]!.trim();
  await expect(form.getByRole('status')).toContainText(connectedPrefix, { timeout: 20_000 });

  // The connected popup (incident picker and capture options) for an ordinary page.
  const article = await context.newPage();
  await article.goto(`${fixtureServer.url}/article.html`);
  const tabId = await worker.evaluate(async (url: string) => {
    const tabs = await (globalThis as any).chrome.tabs.query({});
    return tabs.find((t: { url?: string }) => t.url === url)?.id as number;
  }, article.url());
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
  await expect(popup.getByRole('combobox', { name: ar('popup_incidentLabel'), exact: true })).toBeVisible();
  await expect(popup.getByRole('button', { name: ar('popup_captureButton'), exact: true })).toBeVisible();
  expect(await popup.evaluate(() => document.documentElement.dir)).toBe('rtl');
  await popup.screenshot({ path: testInfo.outputPath('popup-rtl.png'), animations: 'disabled' });
  const slug = standin.known.civSlugs[0]!;
  await popup.getByRole('combobox', { name: ar('popup_incidentLabel'), exact: true }).fill(slug);
  await expect(popup.getByRole('option').filter({ hasText: slug }).first()).toBeVisible();
  await popup.screenshot({ path: testInfo.outputPath('popup-picker-rtl.png'), animations: 'disabled' });
});
