import { describe, expect, it, vi } from 'vitest';
import { newestFirst } from './order';
import { sleep } from './sleep';

describe('sleep', () => {
  it('resolves after the delay and leaves no abort listener behind', async () => {
    vi.useFakeTimers();
    try {
      const controller = new AbortController();
      const remove = vi.spyOn(controller.signal, 'removeEventListener');
      const done = vi.fn();
      void sleep(1000, controller.signal).then(done);
      await vi.advanceTimersByTimeAsync(999);
      expect(done).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(done).toHaveBeenCalled();
      expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects with the signal’s reason when aborted, before or during the wait', async () => {
    const before = new AbortController();
    before.abort(new Error('stopped'));
    await expect(sleep(10_000, before.signal)).rejects.toThrow('stopped');
    const during = new AbortController();
    const waiting = sleep(10_000, during.signal);
    during.abort(new Error('dismissed'));
    await expect(waiting).rejects.toThrow('dismissed');
  });
});

describe('newestFirst', () => {
  it('orders by createdAt, newest first, keeping ties', () => {
    const items = [
      { id: 'a', createdAt: '2026-12-01T10:00:00.000Z' },
      { id: 'b', createdAt: '2026-12-03T10:00:00.000Z' },
      { id: 'c', createdAt: '2026-12-02T10:00:00.000Z' },
      { id: 'd', createdAt: '2026-12-02T10:00:00.000Z' },
    ];
    expect(items.sort(newestFirst).map((i) => i.id)).toEqual(['b', 'c', 'd', 'a']);
  });
});
