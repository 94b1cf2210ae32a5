/**
 * Showing a batch's tab for its screenshot. Chrome: the tab is made active, the browser must report
 * it active, and the screenshot waits until the page has painted twice while visible (as the
 * full-page code waits between tiles, lib/artifacts/page/frames.ts); the tab guard in the
 * collector then checks, around each capture, that this tab is the one in front. Firefox: no
 * switching; the collector's "visible tab" capture is `tabs.captureTab` of the tab itself.
 */
import type { CollectDeps, TabLike } from '../artifacts/deps';
import { callInPageWithin } from '../artifacts/page-calls';
import type { StitchImage } from '../artifacts/stitch';
import { withTimeLimit } from '../artifacts/time-limit';

/** Longest wait for a tab to come to the front and paint; then the tab guard decides. */
export const FRONT_WAIT_MS = 3_000;
const POLL_MS = 25;

/** Returns the tab as the browser reports it once in front (undefined if it could not be read). */
export async function bringToFront<I extends StitchImage>(
  deps: CollectDeps<I>,
  tab: TabLike,
): Promise<TabLike | undefined> {
  const tabId = tab.id!;
  await withTimeLimit(Promise.resolve(deps.tabs.update(tabId, { active: true })), FRONT_WAIT_MS);
  const end = deps.now() + FRONT_WAIT_MS;
  let shown: TabLike | undefined;
  for (;;) {
    shown = await deps.tabs.get(tabId).catch(() => undefined);
    if (!shown || shown.active || deps.now() >= end) break;
    await deps.sleep(POLL_MS);
  }
  return shown;
}

/** Resolves once the tab's page is visible and has painted twice (a hidden tab's frames are throttled, so visibility first). */
export async function whenPainted<I extends StitchImage>(deps: CollectDeps<I>, tabId: number): Promise<void> {
  await callInPageWithin(
    deps,
    FRONT_WAIT_MS,
    tabId,
    0,
    async (waitMs: number) => {
      const until = Date.now() + waitMs;
      while (document.visibilityState !== 'visible' && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 500);
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            clearTimeout(timer);
            resolve();
          }),
        );
      });
    },
    FRONT_WAIT_MS - 500,
  ).catch(() => undefined); // a page that cannot be scripted is refused by the tab guard
}

/**
 * Firefox: `captureTab` renders this tab whether or not it is in front, so for the collector the
 * tab counts as the visible one and nothing is activated.
 */
export function inBackground<I extends StitchImage>(deps: CollectDeps<I>, tabId: number): CollectDeps<I> {
  const captureTab = deps.tabs.captureTab!;
  return {
    ...deps,
    tabs: {
      ...deps.tabs,
      get: async (id) => {
        const tab = await deps.tabs.get(id);
        return id === tabId ? { ...tab, active: true } : tab;
      },
      update: async (id, properties) => (id === tabId ? undefined : deps.tabs.update(id, properties)),
      captureVisibleTab: () => captureTab.call(deps.tabs, tabId, { format: 'png' }),
    },
  };
}
