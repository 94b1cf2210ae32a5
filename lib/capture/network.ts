/**
 * Whether the browser believes it is online, and a way to wait until it is. `navigator.onLine`
 * and the `online` event exist in service workers too
 * (https://developer.mozilla.org/docs/Web/API/WorkerGlobalScope/online_event); an alarm backs them up.
 */
export interface NetworkWatch {
  isOnline(): boolean;
  /** Resolves at the next `online` event (or when `signal` aborts, rejecting). */
  whenOnline(signal: AbortSignal): Promise<void>;
}

export function browserNetworkWatch(
  scope: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> = globalThis,
): NetworkWatch {
  return {
    isOnline: () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false),
    whenOnline: (signal) =>
      new Promise<void>((resolve, reject) => {
        const done = () => {
          scope.removeEventListener('online', done);
          signal.removeEventListener('abort', abort);
          resolve();
        };
        const abort = () => {
          scope.removeEventListener('online', done);
          reject(signal.reason);
        };
        if (signal.aborted) return reject(signal.reason);
        scope.addEventListener('online', done);
        signal.addEventListener('abort', abort, { once: true });
      }),
  };
}

/** For tests and environments without a network signal: always online. */
export const alwaysOnline: NetworkWatch = { isOnline: () => true, whenOnline: () => Promise.resolve() };
