import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff';
import { createKeyedQueue } from './incident-queue';
import { atlosTimeMs, sendWindow } from './reconcile';

describe('backoff with full jitter', () => {
  it('doubles the ceiling from 2 s and caps it at 5 min', () => {
    const top = (n: number) => backoffDelay(n, () => 0.999999);
    expect([1, 2, 3, 4].map(top)).toEqual([1999, 3999, 7999, 15999]);
    expect(top(20)).toBe(Math.floor(DEFAULT_BACKOFF.capMs * 0.999999));
    expect(top(1000)).toBeLessThan(DEFAULT_BACKOFF.capMs);
  });
  it('spreads waits over the whole range', () => {
    expect(backoffDelay(3, () => 0)).toBe(0);
    expect(backoffDelay(3, () => 0.5)).toBe(4000);
  });
});

describe('Atlos timestamps', () => {
  it('reads naive UTC with second precision', () => {
    expect(atlosTimeMs('2025-03-01T12:34:56')).toBe(Date.UTC(2025, 2, 1, 12, 34, 56));
    expect(atlosTimeMs('2025-03-01T12:34:56Z')).toBe(Date.UTC(2025, 2, 1, 12, 34, 56));
  });
  it('looks back the clock skew and the truncated second, and forward the request time limit too', () => {
    expect(sendWindow(10_000_000, 30_000, 60_000)).toEqual({ from: 10_000_000 - 61_000, to: 10_000_000 + 91_000 });
  });
});

describe('keyed queue', () => {
  it('runs work one at a time per key, in order, and goes on after a failure', async () => {
    const queue = createKeyedQueue();
    const log: string[] = [];
    const work =
      (name: string, fail = false) =>
      async () => {
        log.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, 2));
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
      };
    await Promise.allSettled([queue.run('a', work('1', true)), queue.run('a', work('2')), queue.run('b', work('3'))]);
    expect(log.indexOf('end 1')).toBeLessThan(log.indexOf('start 2'));
    expect(log.indexOf('start 3')).toBeLessThan(log.indexOf('end 1'));
  });
});
