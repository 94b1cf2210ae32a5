/** Waits for the page to paint twice (or 500 ms when frames are throttled, e.g. in a hidden tab). */
export function nextFrames(win: Window): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 500);
    win.requestAnimationFrame(() =>
      win.requestAnimationFrame(() => {
        clearTimeout(timer);
        resolve();
      }),
    );
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
