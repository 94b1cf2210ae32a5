/**
 * Capturing through the popup as a person does, and reading what the person then sees: the popup's
 * status region, its `Recent captures` list, the toolbar badge and the notification.
 *
 * - `connectWithIncident`: connects on the options page and makes one incident the most recent, so the
 *   popup (toolbar, `popup.html?tabId=N`, the `Choose incident…` window) opens with it chosen.
 * - `pressCapture`: clicks `Capture` in an open popup and returns its status region.
 * - `recentItem`: the `Recent captures` entry of one incident.
 * - `watchNotifications`: records the notifications the extension shows from now on. Chromium offers no
 *   way to read a shown notification's text (`notifications.getAll` gives ids only), so the worker's
 *   `notifications.create` is wrapped: it is still called with the same arguments, the test only keeps a
 *   copy. The badge needs no wrapping (`action.getBadgeText`).
 */
import { expect, type Locator, type Page, type Worker } from '@playwright/test';
import type { FixtureServer } from '../../fixtures/server.ts';
import type { Standin } from '../../support/server-fixtures.ts';
import { connectWithRecentIncident } from '../menus-fixture.ts';

export interface Shown {
  title: string;
  message: string;
}

export async function connectWithIncident(
  args: { worker: Worker; standin: Standin; fixtureServer: FixtureServer; openOptions: () => Promise<Page> },
  slugIndex = 1,
): Promise<{ connectionId: string; slug: string }> {
  const { connectionId, slug } = await connectWithRecentIncident(args, slugIndex);
  return { connectionId, slug };
}

/** Clicks `Capture` in the popup and returns its status region (`role=status`). */
export async function pressCapture(popup: Page): Promise<Locator> {
  const capture = popup.getByRole('button', { name: 'Capture', exact: true });
  await expect(capture).toBeEnabled({ timeout: 20_000 });
  await capture.click();
  return popup.getByRole('status').first();
}

/** The popup's `Recent captures` entry for `slug` (the list shows the slug without the project code). */
export function recentItem(popup: Page, slug: string): Locator {
  return popup.getByRole('region', { name: 'Recent captures' }).getByRole('listitem').filter({ hasText: slug });
}

/** Starts recording the extension's notifications; call `shown()` to read them. */
export async function watchNotifications(worker: Worker): Promise<{ shown: () => Promise<Shown[]> }> {
  await worker.evaluate(() => {
    const g = globalThis as any;
    if (g.__shownNotifications) return;
    g.__shownNotifications = [];
    const api = g.chrome.notifications;
    const create = api.create.bind(api);
    api.create = (id: string, options: { title: string; message: string }, ...rest: unknown[]) => {
      g.__shownNotifications.push({ title: options.title, message: options.message });
      return create(id, options, ...rest);
    };
  });
  return {
    shown: () => worker.evaluate(() => (globalThis as any).__shownNotifications ?? []) as Promise<Shown[]>,
  };
}

export function badgeText(worker: Worker): Promise<string> {
  return worker.evaluate(() => (globalThis as any).chrome.action.getBadgeText({})) as Promise<string>;
}
