/**
 * Runs async work one at a time per key. Atlos crashes (empty HTTP 500) when two source materials
 * are created on one incident at once (the `scoped_id` race: the number is computed,
 * then inserted under a unique index, https://github.com/atlosdotorg/atlos/blob/main/platform/lib/platform/material.ex),
 * and can lose one of two concurrent uploads to one source material; writes are serialised with keys
 * `incident:<origin>/<slug>` and `source-material:<id>`.
 */
export interface KeyedQueue {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, work) {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(work, work);
      const tail = result.catch(() => undefined);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}

export const incidentKey = (baseUrl: string, slug: string) => `incident:${baseUrl}/${slug.toUpperCase()}`;
export const sourceMaterialKey = (id: string) => `source-material:${id}`;
