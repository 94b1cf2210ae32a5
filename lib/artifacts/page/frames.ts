/** Waits for the page to paint twice (or 500 ms when frames are throttled, e.g. in a hidden tab). */
export function nextFrames(win: Window, count = 2): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 500);
    const frame = (left: number) => {
      if (left === 0) {
        clearTimeout(timer);
        resolve();
      } else win.requestAnimationFrame(() => frame(left - 1));
    };
    frame(count);
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
