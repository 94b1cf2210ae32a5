import { describe, expect, it } from 'vitest';
import { createCapturePacer, MIN_CAPTURE_INTERVAL_MS } from './pacer';

function fakeClock() {
  let time = 0;
  return { now: () => time, sleep: async (ms: number) => void (time += ms) };
}

describe('createCapturePacer', () => {
  it('spaces calls from the previous call start and retries a quota error once, at the next slot', async () => {
    const clock = fakeClock();
    const calls: number[] = [];
    let refuse = 1;
    const pacer = createCapturePacer({
      ...clock,
      tabs: {
        captureVisibleTab: async () => {
          calls.push(clock.now());
          await clock.sleep(100); // the call itself takes time
          if (calls.length === 2 && refuse-- > 0)
            throw new Error('This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND quota.');
          return 'data:image/png;base64,';
        },
      } as never,
    });
    await pacer.captureVisibleTab(1);
    await pacer.captureVisibleTab(1);
    await pacer.captureVisibleTab(1);
    expect(calls).toEqual([0, MIN_CAPTURE_INTERVAL_MS, 2 * MIN_CAPTURE_INTERVAL_MS, 3 * MIN_CAPTURE_INTERVAL_MS]);
  });

  it('gives up after one retry', async () => {
    const clock = fakeClock();
    let count = 0;
    const pacer = createCapturePacer({
      ...clock,
      tabs: {
        captureVisibleTab: async () => {
          count++;
          throw new Error('MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND');
        },
      } as never,
    });
    await expect(pacer.captureVisibleTab(1)).rejects.toThrow(/MAX_CAPTURE/);
    expect(count).toBe(2);
  });
});
