import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFullPageController } from './full-page';

const options = { maxHeight: 60_000, stepDelayMs: 1, lazyLoadBudgetMs: 200 };

afterEach(() => {
  vi.useRealTimers();
});

describe('createFullPageController (happy-dom: no layout, so this checks the bookkeeping)', () => {
  it('hides fixed elements only from the second tile, and restores everything', async () => {
    document.head.innerHTML = '';
    document.body.innerHTML = `
      <div id="fixed" style="position: fixed; top: 0"></div>
      <p id="plain">text</p>
      <img id="lazy" loading="lazy" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">`;
    const scrolls: Array<{ top?: number; left?: number }> = [];
    vi.spyOn(window, 'scrollTo').mockImplementation(
      ((arg: ScrollToOptions) => void scrolls.push(arg)) as typeof window.scrollTo,
    );

    const controller = createFullPageController(document, window);
    const measurement = await controller.prepare(options);
    expect(measurement).toMatchObject({
      viewportWidth: window.innerWidth,
      viewportHeight: window.innerHeight,
      truncated: false,
    });
    expect(document.getElementById('atlos-capture-full-page-style')).not.toBeNull();
    expect((document.getElementById('lazy') as HTMLImageElement).loading).toBe('eager');

    await controller.showTile(0, false);
    expect(document.getElementById('fixed')!.hasAttribute('data-atlos-capture-hidden')).toBe(false);
    await controller.showTile(800, true);
    expect(document.getElementById('fixed')!.hasAttribute('data-atlos-capture-hidden')).toBe(true);
    expect(document.getElementById('plain')!.hasAttribute('data-atlos-capture-hidden')).toBe(false);

    controller.restore();
    expect(document.querySelectorAll('[data-atlos-capture-hidden]')).toHaveLength(0);
    expect(document.getElementById('atlos-capture-full-page-style')).toBeNull();
    expect((document.getElementById('lazy') as HTMLImageElement).loading).toBe('lazy');
    expect(scrolls.at(-1)).toMatchObject({ top: 0, left: 0 });
  });

  it('restores by itself if the extension stops calling (watchdog)', async () => {
    document.body.innerHTML = '<div id="fixed" style="position: fixed"></div>';
    const controller = createFullPageController(document, window);
    await controller.prepare(options);
    vi.useFakeTimers();
    const tile = controller.showTile(800, true);
    await vi.advanceTimersByTimeAsync(2_000); // the frames it waits for
    await tile;
    expect(document.querySelectorAll('[data-atlos-capture-hidden]')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(57_000); // 59 s since the last call: still capturing
    expect(document.querySelectorAll('[data-atlos-capture-hidden]')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(document.querySelectorAll('[data-atlos-capture-hidden]')).toHaveLength(0);
    expect(document.getElementById('atlos-capture-full-page-style')).toBeNull();
  });
});
