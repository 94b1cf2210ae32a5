/**
 * `captureVisibleTab` is rate-limited to `MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND` (2 in
 * Chromium, docs/browser-facts.md §4); a faster call fails with a quota error. Every visible-tab
 * capture of one collection goes through one pacer, on the injected clock. Calls are spaced
 * from the previous call's *start* (the browser counts calls as they arrive), with a 5 ms margin
 * for timer jitter; if the browser still answers with the quota error (another extension or a
 * devtools screenshot shares the quota), it is retried once at the next slot.
 */
import type { CollectDeps } from './deps';
import type { StitchImage } from './stitch';

const MAX_CALLS_PER_SECOND = 2;
export const MIN_CAPTURE_INTERVAL_MS = 1000 / MAX_CALLS_PER_SECOND + 5;

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
          // Retried once, at the next slot (one interval after the refused call, which the browser may have counted).
          if (attempt < 1 && /MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND/.test(String(error))) continue;
          throw error;
        }
      }
    },
  };
}

export type CapturePacer = ReturnType<typeof createCapturePacer>;
