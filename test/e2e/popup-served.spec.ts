/**
 * Chrome's service worker serves popup.html with the last opening in it while it runs
 * (lib/popup-shell/serve-popup.ts), through a static route; when it is stopped, the route sends
 * the popup to the packaged page without starting it, and the pre-paint script paints the same
 * opening from localStorage. Both are checked on the production-permission build, by what Chrome
 * reports about each response (`serviceWorkerRouterInfo`) and by what is on the page.
 */
import type { BrowserContext, CDPSession, Page, Worker } from '@playwright/test';
import { expect, test, type Standin } from './fixtures.ts';
import { connectProject } from './helpers/connect.ts';
import { rememberRecentIncidents } from './helpers/recent.ts';

interface RoutedResponse {
  fromServiceWorker?: boolean;
  serviceWorkerRouterInfo?: { matchedSourceType?: string; actualSourceType?: string };
}

/** A fresh page and the CDP record of how its popup.html navigation was answered. */
async function pageWithRouting(context: BrowserContext, scripts = true) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (!scripts) await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
  await cdp.send('Network.enable');
  let document: RoutedResponse | null = null;
  cdp.on('Network.responseReceived', (event) => {
    if (event.type === 'Document' && new URL(event.response.url).pathname === '/popup.html')
      document = event.response as RoutedResponse;
  });
  return { page, cdp, routed: () => document };
}

async function stopServiceWorkers(cdp: CDPSession) {
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
}

/** Connected, with three recent incidents and Full-page unticked, opened once so the opening is kept. */
async function keptOpening({
  standin,
  openOptions,
  openPopup,
  worker,
}: {
  standin: Standin;
  openOptions: () => Promise<Page>;
  openPopup: () => Promise<Page>;
  worker: Worker;
}) {
  await connectProject(await openOptions(), { url: standin.url, token: standin.tokens.civEdit });
  const slugs = standin.known.civSlugs.slice(0, 3);
  await rememberRecentIncidents(worker, slugs);
  const first = await openPopup();
  await expect(first.getByRole('checkbox', { name: 'Full-page screenshot' })).not.toBeChecked();
  await expect
    .poll(() =>
      worker.evaluate(async () => {
        const kept = await (globalThis as any).chrome.storage.session.get('atlos.popupShell');
        return JSON.stringify(kept).includes('fullPageScreenshot');
      }),
    )
    .toBe(true);
  await first.close();
  return slugs;
}

test('while the service worker runs, popup.html arrives with the last opening in it', async ({
  context,
  extensionId,
  standin,
  openOptions,
  openPopup,
  worker,
}) => {
  const slugs = await keptOpening({ standin, openOptions, openPopup, worker });
  // No script runs in this page: what it shows is what was served.
  const bare = await pageWithRouting(context, false);
  await bare.page.goto(`chrome-extension://${extensionId}/popup.html`);
  expect(bare.routed()).toMatchObject({
    fromServiceWorker: true,
    serviceWorkerRouterInfo: { matchedSourceType: 'fetch-event' },
  });
  await expect(bare.page.locator('#app')).toHaveAttribute('data-shell', 'served');
  await expect(bare.page.locator('[role="option"]')).toHaveCount(3);
  await expect(bare.page.locator('[role="option"]').first()).toContainText(`CIV-${slugs[0]}`);
  await expect(bare.page.getByRole('checkbox', { name: 'Full-page screenshot' })).not.toBeChecked();
  await expect(bare.page.getByRole('combobox', { name: 'Incident' })).toBeEditable();
  await bare.page.close();

  // With scripts, the app hydrates the served form: the listed incidents work, nothing is redrawn.
  const live = await pageWithRouting(context);
  await live.page.goto(`chrome-extension://${extensionId}/popup.html`);
  const combobox = live.page.getByRole('combobox', { name: 'Incident' });
  await combobox.click();
  await expect(live.page.getByRole('listbox').getByRole('option')).toHaveCount(3);
  await live.page.getByRole('listbox').getByRole('option').nth(1).click();
  await expect(combobox).toHaveValue(new RegExp(`^CIV-${slugs[1]} · `));
  await expect(live.page.locator('#app')).toHaveAttribute('data-shell', 'served');
});

test('when the service worker is stopped, the popup loads without it and paints the same opening', async ({
  context,
  extensionId,
  standin,
  openOptions,
  openPopup,
  worker,
}) => {
  const slugs = await keptOpening({ standin, openOptions, openPopup, worker });
  const opened = await pageWithRouting(context);
  await stopServiceWorkers(opened.cdp);
  await opened.page.goto(`chrome-extension://${extensionId}/popup.html`);
  // The static route answered: the packaged page, without waiting for the worker to start.
  expect(opened.routed()).toMatchObject({
    fromServiceWorker: false,
    serviceWorkerRouterInfo: { matchedSourceType: 'network' },
  });
  await expect(opened.page.locator('#app')).toHaveAttribute('data-shell', 'saved');
  await expect(opened.page.locator('[role="option"]').first()).toContainText(`CIV-${slugs[0]}`);
  await expect(opened.page.getByRole('checkbox', { name: 'Full-page screenshot' })).not.toBeChecked();
  // The app then wakes the worker as before: the incident picker still searches Atlos.
  const combobox = opened.page.getByRole('combobox', { name: 'Incident' });
  await combobox.fill(slugs[2]!);
  await expect(opened.page.getByRole('listbox').getByRole('option').first()).toContainText(`CIV-${slugs[2]}`);
});
