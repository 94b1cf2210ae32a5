/**
 * Runs in the page (injected by `entrypoints/prepare-full-page.ts`): gets a page ready for a
 * scroll-and-stitch (or `captureTab` rect) full-page screenshot and puts it back afterwards.
 * - one bounded pass down the page so lazy loaders fire (native `loading=lazy` is switched to
 *   eager first), then a bounded wait for images still loading;
 * - smooth scrolling and scrollbars off while capturing;
 * - from the second tile on, fixed elements and sticky elements that are stuck (moved away
 *   from where they sit in the flow) are hidden, so each appears once;
 * - `restore()` removes every change and scrolls back; a watchdog restores on its own if the
 *   extension stops calling (e.g. the service worker was stopped mid-capture).
 */
import { nextFrames, sleep } from './frames';

export interface FullPageOptions {
  /** CSS px: the page is captured down to at most this height (infinite scroll stays finite). */
  maxHeight: number;
  /** Longest pause at a step of the lazy-load pass (normally two frames are enough). */
  stepDelayMs: number;
  /** Bound on the whole lazy-load pass including the wait for images. */
  lazyLoadBudgetMs: number;
}

export interface PageMeasurement {
  scrollHeight: number;
  scrollWidth: number;
  viewportWidth: number;
  viewportHeight: number;
  devicePixelRatio: number;
  /** The height that will be captured (≤ maxHeight). */
  captureHeight: number;
  truncated: boolean;
  imagesStillLoading: number;
}

const HIDDEN_ATTRIBUTE = 'data-atlos-capture-hidden';
const STYLE_ID = 'atlos-capture-full-page-style';
const CAPTURE_CSS = `
html, body { scroll-behavior: auto !important; scrollbar-width: none !important; }
html::-webkit-scrollbar, body::-webkit-scrollbar { display: none !important; width: 0 !important; height: 0 !important; }
[${HIDDEN_ATTRIBUTE}], [${HIDDEN_ATTRIBUTE}] * { visibility: hidden !important; opacity: 0 !important; transition: none !important; animation: none !important; }
`;
const WATCHDOG_MS = 60_000;

export function createFullPageController(doc: Document, win: Window) {
  const original = { x: win.scrollX, y: win.scrollY };
  const eagerImages: HTMLImageElement[] = [];
  const stickyNaturalTop = new WeakMap<Element, number>();
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  let active = false;

  const scrollHeight = () => Math.max(doc.documentElement.scrollHeight, doc.body?.scrollHeight ?? 0);
  const scrollWidth = () => Math.max(doc.documentElement.scrollWidth, doc.body?.scrollWidth ?? 0);
  const scrollToY = (y: number) => win.scrollTo({ left: 0, top: y, behavior: 'instant' as ScrollBehavior });

  function armWatchdog() {
    clearTimeout(watchdog);
    watchdog = setTimeout(restore, WATCHDOG_MS);
  }

  function unhideAll() {
    for (const element of Array.from(doc.querySelectorAll(`[${HIDDEN_ATTRIBUTE}]`)))
      element.removeAttribute(HIDDEN_ATTRIBUTE);
  }

  function pinnedElements(recordNatural: boolean): Element[] {
    const pinned: Element[] = [];
    for (const element of Array.from(doc.body?.querySelectorAll('*') ?? [])) {
      const style = win.getComputedStyle(element);
      if (style.position === 'fixed') pinned.push(element);
      else if (style.position === 'sticky') {
        const top = element.getBoundingClientRect().top + win.scrollY;
        if (recordNatural) stickyNaturalTop.set(element, top);
        const natural = stickyNaturalTop.get(element);
        const stuckAtTop = Math.abs(element.getBoundingClientRect().top - (Number.parseFloat(style.top) || 0)) <= 1;
        if (natural === undefined ? stuckAtTop : Math.abs(top - natural) > 1) pinned.push(element);
      }
    }
    return pinned;
  }

  async function lazyLoadPass(options: FullPageOptions): Promise<number> {
    const deadline = Date.now() + options.lazyLoadBudgetMs;
    for (const image of Array.from(doc.querySelectorAll('img'))) {
      if (image.loading === 'lazy') {
        eagerImages.push(image);
        image.loading = 'eager';
      }
    }
    // Down to the height measured at the start (capped), so an infinite feed cannot keep us going.
    // Each step waits two frames (enough for IntersectionObserver and scroll-driven loaders to
    // run), or `stepDelayMs` where frames are throttled (a background tab in Firefox); the images
    // that started loading are awaited once at the end, and not at all when none are pending.
    const end = Math.min(scrollHeight(), options.maxHeight);
    const step = Math.max(200, win.innerHeight);
    const pending = () =>
      Array.from(doc.querySelectorAll('img')).filter((image) => image.currentSrc && !image.complete);
    for (let y = 0; y < end && Date.now() < deadline; y += step) {
      scrollToY(y);
      await Promise.race([nextFrames(win), sleep(options.stepDelayMs)]);
    }
    scrollToY(end);
    await Promise.race([nextFrames(win), sleep(options.stepDelayMs)]);
    while (pending().length > 0 && Date.now() < deadline) await sleep(50);
    return pending().length;
  }

  async function prepare(options: FullPageOptions): Promise<PageMeasurement> {
    active = true;
    armWatchdog();
    if (!doc.getElementById(STYLE_ID)) {
      const style = doc.createElement('style');
      style.id = STYLE_ID;
      style.textContent = CAPTURE_CSS;
      (doc.head ?? doc.documentElement).append(style);
    }
    const imagesStillLoading = await lazyLoadPass(options);
    scrollToY(0);
    await nextFrames(win);
    pinnedElements(true);
    const height = scrollHeight();
    return {
      scrollHeight: height,
      scrollWidth: scrollWidth(),
      viewportWidth: win.innerWidth,
      viewportHeight: win.innerHeight,
      devicePixelRatio: win.devicePixelRatio,
      captureHeight: Math.min(height, options.maxHeight),
      truncated: height > options.maxHeight,
      imagesStillLoading,
    };
  }

  /** Scrolls to `y` (CSS px), hides pinned elements when asked, and reports where it landed. */
  async function showTile(y: number, hidePinned: boolean): Promise<{ scrollY: number }> {
    armWatchdog();
    // Hidden elements stay hidden from tile to tile: un-hiding and re-hiding could let a
    // repaint with them visible slip into a capture.
    // One frame after scrolling is enough for the page's scroll handlers (scroll events run
    // before animation frame callbacks); two after hiding, so the capture sees them painted.
    scrollToY(y);
    await nextFrames(win, 1);
    if (hidePinned) for (const element of pinnedElements(false)) element.setAttribute(HIDDEN_ATTRIBUTE, '');
    await nextFrames(win);
    return { scrollY: win.scrollY };
  }

  function restore(): void {
    clearTimeout(watchdog);
    if (!active) return;
    active = false;
    unhideAll();
    doc.getElementById(STYLE_ID)?.remove();
    for (const image of eagerImages.splice(0)) image.loading = 'lazy';
    win.scrollTo({ left: original.x, top: original.y, behavior: 'instant' as ScrollBehavior });
  }

  return { prepare, showTile, restore };
}

export type FullPageController = ReturnType<typeof createFullPageController>;
