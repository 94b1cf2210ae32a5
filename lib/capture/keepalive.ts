/**
 * Keeps the service worker alive while a capture step is in flight: Chrome stops an idle worker
 * after 30 s, and any extension API call resets that timer
 * (https://developer.chrome.com/docs/extensions/develop/concepts/service-workers/lifecycle).
 * Firefox's MV3 background is an event page that unloads after `extensions.background.idle.timeout`
 * (30 s) without extension activity; an extension API call resets that timer too, so the same 20 s
 * ping holds it (verified on Firefox ESR 153 by test/firefox/engine.spec.ts: a 40 s upload completes
 * on the same background page).
 * Waits between retries are not held: alarms resume the jobs if the worker stops meanwhile.
 */
export interface KeepAlive {
  /** Starts keeping alive (if not already); call the returned function when the work is done. */
  hold(): () => void;
}

export function createKeepAlive(deps: {
  ping: () => Promise<unknown>;
  intervalMs?: number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: never) => void;
}): KeepAlive {
  const every = deps.intervalMs ?? 20_000;
  const start = deps.setInterval ?? ((fn, ms) => globalThis.setInterval(fn, ms));
  const stop = deps.clearInterval ?? ((handle) => globalThis.clearInterval(handle));
  let holders = 0;
  let timer: unknown;
  return {
    hold() {
      holders++;
      if (timer === undefined) timer = start(() => void deps.ping().catch(() => undefined), every);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holders--;
        if (holders === 0 && timer !== undefined) {
          stop(timer as never);
          timer = undefined;
        }
      };
    },
  };
}
