/**
 * The shared setting every browser measurement runs in: the stand-in with 10,000 incidents, a
 * fixture page in a tab, the extension connected through its options page, a few recent incidents
 * remembered, and in-page probes that time readiness with the page's own clock.
 */
import type { Page } from 'playwright-core';
import type { FixtureServer } from '../fixtures/server.ts';
import type { Standin, StateIncident } from '../standin/server.ts';
import { connectThroughOptions, tabIdOf, type ExtensionBrowser } from './browser.ts';
import type { StandinTiming } from './standin-timing.ts';

export interface Scenario {
  browser: ExtensionBrowser;
  standin: Standin;
  fixtures: FixtureServer;
  timing: StandinTiming;
  runs: number;
  /** Set once connecting succeeded; measurements needing Atlos report n/a without it. */
  connectionId: string | null;
  connectError: string | null;
  article: { page: Page; tabId: number } | null;
  recentSlugs: string[];
}

export function incidentsOf(standin: Standin): StateIncident[] {
  return standin.control.state(['incidents']).incidents;
}

export async function prepareScenario(scenario: Scenario): Promise<void> {
  const { browser, standin, fixtures } = scenario;
  const page = await browser.context.newPage();
  await page.goto(`${fixtures.url}/article.html`);
  scenario.article = { page, tabId: await tabIdOf(browser.worker, page) };
  try {
    scenario.connectionId = await connectThroughOptions(browser, standin.url, standin.tokens.civEdit);
  } catch (error) {
    scenario.connectError = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    return;
  }
  // "A few recent incidents": what the capture engine remembers after five captures (lib/incidents/recent.ts).
  const bySlug = new Map(incidentsOf(standin).map((i) => [i.slug, i]));
  scenario.recentSlugs = standin.known.civSlugs.slice(0, 5);
  const recent = scenario.recentSlugs.map((slug, index) => ({
    connectionId: scenario.connectionId,
    slug,
    projectCode: 'CIV',
    description: bySlug.get(slug)?.attr_description.slice(0, 80),
    usedAt: new Date(Date.now() - index * 60_000).toISOString(),
  }));
  await browser.worker.evaluate(
    (list) => (globalThis as any).chrome.storage.local.set({ recentIncidents: list }),
    recent,
  );
}

export function popupUrl(scenario: Scenario, page = 'popup.html'): string {
  const query = scenario.article ? `?tabId=${scenario.article.tabId}` : '';
  return `chrome-extension://${scenario.browser.extensionId}/${page}${query}`;
}

/**
 * Installs, before the page's own scripts run, a MutationObserver that waits until `selector`
 * exists, is enabled, and at least `minOptions` `[role=option]` elements are in the document, then
 * stores in `__benchReady` the `performance.now()` (ms since navigation start) of the first
 * animation frame after that: the frame that puts it on screen. A state the page has not painted
 * yet is not ready for the person looking at it (the same rule for the popup and its baseline).
 */
export async function installReadyProbe(page: Page, selector: string, minOptions: number): Promise<void> {
  await page.addInitScript(
    ({ selector, minOptions }) => {
      const g = globalThis as any;
      const ready = () => {
        const box = document.querySelector(selector) as HTMLInputElement | null;
        return !!box && !box.disabled && document.querySelectorAll('[role="option"]').length >= minOptions;
      };
      const observer = new MutationObserver(() => {
        if (g.__benchInDom === undefined && ready()) {
          g.__benchInDom = performance.now();
          observer.disconnect();
          requestAnimationFrame(() => (g.__benchReady = performance.now()));
        }
      });
      observer.observe(document, { subtree: true, childList: true, attributes: true });
    },
    { selector, minOptions },
  );
}

/**
 * Opens `url` in a fresh tab (as the toolbar opens a fresh popup document) and returns ms to ready
 * (the frame that shows it) and to the ready state being in the document.
 */
export async function openUntilReady(
  scenario: Scenario,
  url: string,
  selector: string,
  minOptions: number,
): Promise<{ page: Page; ms: number; inDocumentMs: number; responseEndMs: number }> {
  const page = await scenario.browser.context.newPage();
  await installReadyProbe(page, selector, minOptions);
  await page.goto(url);
  await page.waitForFunction(() => (globalThis as any).__benchReady !== undefined, undefined, {
    timeout: 15_000,
    polling: 50,
  });
  const [ms, inDocumentMs, responseEndMs] = await page.evaluate(() => {
    const g = globalThis as any;
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return [g.__benchReady as number, g.__benchInDom as number, navigation.responseEnd];
  });
  return { page, ms, inDocumentMs, responseEndMs };
}

export const COMBOBOX = '[role="combobox"]';
