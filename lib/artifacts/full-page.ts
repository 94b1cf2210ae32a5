/**
 * Full-page screenshots. Chrome: scroll and stitch `captureVisibleTab` tiles (paced); Firefox:
 * `tabs.captureTab` with a rect per part, without scrolling through tiles. Both first run the
 * page preparation (lazy-load pass, scrollbars off) and always restore the page afterwards.
 * The tab is checked (tab-guard.ts) before the first tile and after every tile: a tile from
 * another tab or document stops the screenshot, and no partial image is returned.
 */
import { limitsOf, type CaptureRect, type CollectDeps } from './deps';
import type { FullPageController, FullPageOptions, PageMeasurement } from './page/full-page';
import { sha256Hex } from './hash';
import { callInPage, callInPageWithin, dataUrlToBlob, injectFile } from './page-calls';
import type { CapturePacer } from './pacer';
import { planLayout, planScrollPositions, Stitcher, type StitchImage } from './stitch';
import type { TabGuard } from './tab-guard';
import { withTimeLimit } from './time-limit';

export const PREPARE_FULL_PAGE_SCRIPT = '/prepare-full-page.js';

export interface FullPageResult {
  parts: Blob[];
  /** SHA-256 per part when already computed while capturing (Chrome). */
  hashes?: Array<string | undefined>;
  measurement: PageMeasurement;
  /** Image pixels per CSS px. */
  scale: number;
  /** Scrolling: the tiles taken for the whole page. */
  tiles?: number;
  /** `captureTab`: the page rectangle (CSS px) of each part. */
  rects?: CaptureRect[];
}

type PageScope = { __atlosFullPage?: FullPageController };

async function withPreparedPage<I extends StitchImage, T>(
  deps: CollectDeps<I>,
  tabId: number,
  guard: TabGuard,
  run: (measurement: PageMeasurement) => Promise<T>,
): Promise<T> {
  const limits = limitsOf(deps);
  const options: FullPageOptions = {
    maxHeight: limits.maxFullPageHeight,
    stepDelayMs: limits.lazyLoadStepDelayMs,
    lazyLoadBudgetMs: limits.lazyLoadBudgetMs,
  };
  await injectFile(deps, tabId, 0, PREPARE_FULL_PAGE_SCRIPT);
  try {
    // The lazy-load pass has its own budget inside the page; the call gets that plus the usual limit.
    const measurement = await callInPageWithin(
      deps,
      limits.lazyLoadBudgetMs + limits.pageCallMs,
      tabId,
      0,
      (opts: FullPageOptions) =>
        ((globalThis as unknown as PageScope).__atlosFullPage as FullPageController).prepare(opts),
      options,
    );
    // The lazy-load pass takes seconds: the page may have gone or changed meanwhile (then the
    // call may even answer with nothing).
    await guard.check({ needActive: false });
    if (!measurement) throw new Error('The page did not answer the full-page preparation.');
    return await run(measurement);
  } finally {
    await callInPage(deps, tabId, 0, () => (globalThis as unknown as PageScope).__atlosFullPage?.restore()).catch(
      () => {},
    );
  }
}

/**
 * Chrome: one tile per viewport height. Pipelined around the rate limit: while the pacer waits
 * for the next slot, the previous tile is decoded and drawn, and a full part is encoded and
 * hashed (Stitcher), so little is left to do after the last tile.
 */
export async function captureFullPageByScrolling<I extends StitchImage>(
  deps: CollectDeps<I>,
  pacer: CapturePacer,
  tabId: number,
  windowId: number,
  guard: TabGuard,
): Promise<FullPageResult> {
  const { tileMs } = limitsOf(deps);
  return withPreparedPage(deps, tabId, guard, async (measurement) => {
    const positions = planScrollPositions(measurement.captureHeight, measurement.viewportHeight);
    let stitcher: Stitcher<I> | undefined;
    let scale = 1;
    // Tiles are drawn strictly in order, one after another, behind the capture loop.
    let drawn: Promise<void> = Promise.resolve();
    const draw = async (dataUrl: string, scrollY: number) => {
      const image = await deps.decodeImage(dataUrlToBlob(dataUrl));
      try {
        if (!stitcher) {
          // Tile pixels per CSS px: device pixel ratio times zoom, measured rather than assumed.
          scale = image.width / measurement.viewportWidth;
          stitcher = new Stitcher(
            planLayout(image.width, measurement.captureHeight * scale),
            deps.createCanvas,
            sha256Hex,
          );
        }
        await stitcher.addTile(image, scrollY * scale);
      } finally {
        image.close?.();
      }
    };
    let tiles = 0;
    try {
      await guard.check({ needActive: true });
      for (const [index, y] of positions.entries()) {
        const { scrollY } = await callInPage(
          deps,
          tabId,
          0,
          (top: number, hide: boolean) =>
            ((globalThis as unknown as PageScope).__atlosFullPage as FullPageController).showTile(top, hide),
          y,
          index > 0,
        );
        const dataUrl = await withTimeLimit(pacer.captureVisibleTab(windowId), tileMs);
        tiles++;
        // After the tile, not only before: a switch while it was taken would put another tab's pixels in it.
        await guard.check({ needActive: true });
        drawn = drawn.then(() => draw(dataUrl, scrollY));
        drawn.catch(() => {}); // awaited below; a failure stops the capture there
        if (scrollY + measurement.viewportHeight >= measurement.captureHeight) break;
      }
    } finally {
      await drawn.catch(() => {});
    }
    await drawn;
    const parts = await stitcher!.finishEncoded();
    const blobs = parts.map((part) => part.blob);
    return { parts: blobs, hashes: parts.map((part) => part.sha256), measurement, scale, tiles };
  });
}

/** Firefox: `captureTab` renders any rectangle of the page, so each part is one call. */
export async function captureFullPageByRect<I extends StitchImage>(
  deps: CollectDeps<I>,
  tabId: number,
  guard: TabGuard,
): Promise<FullPageResult> {
  const { tileMs } = limitsOf(deps);
  const captureTab = deps.tabs.captureTab;
  if (!captureTab) throw new Error('This browser cannot capture a page rectangle.');
  return withPreparedPage(deps, tabId, guard, async (measurement) => {
    await callInPage(
      deps,
      tabId,
      0,
      (top: number, hide: boolean) =>
        ((globalThis as unknown as PageScope).__atlosFullPage as FullPageController).showTile(top, hide),
      0,
      false,
    );
    const scale = measurement.devicePixelRatio || 1;
    const layout = planLayout(measurement.viewportWidth * scale, measurement.captureHeight * scale);
    const parts: Blob[] = [];
    const rects: CaptureRect[] = [];
    // captureTab renders this tab whether or not it is active; address and document must still hold.
    await guard.check({ needActive: false });
    for (const part of layout.parts) {
      const rect = { x: 0, y: part.top / scale, width: measurement.viewportWidth, height: part.height / scale };
      rects.push(rect);
      parts.push(
        dataUrlToBlob(await withTimeLimit(captureTab.call(deps.tabs, tabId, { format: 'png', rect, scale }), tileMs)),
      );
      await guard.check({ needActive: false });
    }
    return { parts, measurement, scale, rects };
  });
}
