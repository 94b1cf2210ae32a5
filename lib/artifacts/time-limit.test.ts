import { afterEach, describe, expect, it, vi } from 'vitest';
import { TimeLimitError, withTimeLimit } from './time-limit';

afterEach(() => void vi.useRealTimers());

describe('withTimeLimit', () => {
  it('passes a result that arrives in time', async () => {
    await expect(withTimeLimit(Promise.resolve(7), 1000)).resolves.toBe(7);
  });

  it('gives up on a step that never settles, with a sentence naming the limit', async () => {
    vi.useFakeTimers();
    const never = new Promise<void>(() => {});
    const limited = withTimeLimit(never, 15_000);
    const outcome = limited.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(14_999);
    let settled = false;
    void limited.catch(() => {}).finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(TimeLimitError);
    expect((error as Error).message).toContain('15');
  });

  it('passes the step’s own failure through', async () => {
    await expect(withTimeLimit(Promise.reject(new Error('boom')), 1000)).rejects.toThrow('boom');
  });
});
