/**
 * Showing a batch's tab for its screenshot. Chrome: the tab is made active and the capture waits
 * until the browser reports it active and the page has painted twice while visible (as the
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

export async function bringToFront<I extends StitchImage>(deps: CollectDeps<I>, tab: TabLike): Promise<void> {
  const tabId = tab.id!;
  if (!tab.active) await withTimeLimit(Promise.resolve(deps.tabs.update(tabId, { active: true })), FRONT_WAIT_MS);
  const end = deps.now() + FRONT_WAIT_MS;
  while (
    deps.now() < end &&
    !(await deps.tabs.get(tabId).then(
      (t) => t.active,
      () => false,
    ))
  ) {
    await deps.sleep(POLL_MS);
  }
  // Visible, then two frames painted (a hidden tab's frames are throttled, so visibility first).
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
