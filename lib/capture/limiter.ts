/** At most `max` pieces of work at once; the rest wait in order. Keeps the worker from opening dozens of uploads. */
export interface Limiter {
  run<T>(work: () => Promise<T>): Promise<T>;
}

export function createLimiter(max: number): Limiter {
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  return {
    async run(work) {
      if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
      running++;
      try {
        return await work();
      } finally {
        release();
      }
    },
  };
}

/** A limiter per key (e.g. at most 2 uploads at a time to each Atlos instance), made on first use. */
export interface KeyedLimiter {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

export function createKeyedLimiter(max: number): KeyedLimiter {
  const limiters = new Map<string, Limiter>();
  return {
    run(key, work) {
      let limiter = limiters.get(key);
      if (!limiter) limiters.set(key, (limiter = createLimiter(max)));
      return limiter.run(work);
    },
  };
}
