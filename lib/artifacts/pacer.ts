/**
 * `captureVisibleTab` is rate-limited to `MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND` (2 in
 * Chromium, engineering-notes §1.7); a faster call fails with a quota error. Every visible-tab
 * capture of one collection goes through one pacer, on the injected clock.
 */
import type { CollectDeps } from './deps';
import type { StitchImage } from './stitch';

const MAX_CALLS_PER_SECOND = 2;
/** A little over 1000 / 2 ms: the browser measures from its side of the call. */
export const MIN_CAPTURE_INTERVAL_MS = 1000 / MAX_CALLS_PER_SECOND + 50;

type Deps = Pick<CollectDeps<StitchImage>, 'now' | 'sleep' | 'tabs'>;

export function createCapturePacer(deps: Deps) {
  let lastCall = Number.NEGATIVE_INFINITY;
  return {
    async captureVisibleTab(windowId: number): Promise<string> {
      for (let attempt = 0; ; attempt++) {
        const wait = lastCall + MIN_CAPTURE_INTERVAL_MS - deps.now();
        if (wait > 0) await deps.sleep(wait);
        lastCall = deps.now();
        try {
          return await deps.tabs.captureVisibleTab(windowId, { format: 'png' });
        } catch (error) {
          // Another capture (another extension, a devtools screenshot) may share the quota.
          if (attempt < 2 && /MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND/.test(String(error))) continue;
          throw error;
        }
      }
    },
  };
}

export type CapturePacer = ReturnType<typeof createCapturePacer>;
