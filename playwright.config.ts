import { defineConfig } from '@playwright/test';

/**
 * Three projects:
 * - `chromium`: the built extension in headless Debian Chromium (test/e2e, fixtures in test/e2e/fixtures.ts).
 * - `chromium-headed`: the same fixtures, headed, for tests that need real native input (xdotool right-clicks).
 *   Needs a DISPLAY (test/run-all.ts starts Xvfb); only files named `*.headed.spec.ts`.
 * - `firefox`: Firefox ESR driven by puppeteer-core over WebDriver BiDi (test/firefox/fixtures.ts);
 *   Playwright Test is only the runner there.
 *
 * One worker: the machine has two cores and each test starts a whole browser.
 * The JSON report (read by test/run-all.ts) goes to PLAYWRIGHT_JSON_FILE, kept outside `outputDir`
 * because Playwright empties that folder at the start of every run.
 */
const jsonReport = process.env.PLAYWRIGHT_JSON_FILE ?? 'test-results/reports/playwright.json';

export default defineConfig({
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results/playwright',
  reporter: [['list'], ['json', { outputFile: jsonReport }]],
  use: {
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testDir: 'test/e2e',
      testIgnore: ['**/*.headed.spec.ts'],
      use: { headless: true },
    },
    {
      name: 'chromium-headed',
      testDir: 'test/e2e',
      testMatch: ['**/*.headed.spec.ts'],
      use: { headless: false },
    },
    {
      name: 'firefox',
      testDir: 'test/firefox',
      testIgnore: ['**/*.headed.spec.ts'],
      timeout: 90_000,
    },
    {
      // Headed Firefox ESR under Xvfb for real native context menus (xdotool); DISPLAY from test/run-all.ts.
      name: 'firefox-headed',
      testDir: 'test/firefox',
      testMatch: ['**/*.headed.spec.ts'],
      timeout: 90_000,
    },
  ],
});
