/**
 * Full-page screenshots. Chrome: scroll and stitch `captureVisibleTab` tiles (paced); Firefox:
 * `tabs.captureTab` with a rect per part, without scrolling through tiles. Both first run the
 * page preparation (lazy-load pass, scrollbars off) and always restore the page afterwards.
 */
import { limitsOf, type CollectDeps } from './deps';
import type { FullPageController, FullPageOptions, PageMeasurement } from './page/full-page';
import { callInPage, dataUrlToBlob, injectFile } from './page-calls';
import type { CapturePacer } from './pacer';
import { planLayout, planScrollPositions, Stitcher, type StitchImage } from './stitch';

export const PREPARE_FULL_PAGE_SCRIPT = '/prepare-full-page.js';

export interface FullPageResult {
  parts: Blob[];
  measurement: PageMeasurement;
}

type PageScope = { __atlosFullPage?: FullPageController };

async function withPreparedPage<I extends StitchImage, T>(
  deps: CollectDeps<I>,
  tabId: number,
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
    const measurement = await callInPage(
      deps,
      tabId,
      0,
      (opts: FullPageOptions) => ((globalThis as unknown as PageScope).__atlosFullPage as FullPageController).prepare(opts),
      options,
    );
    return await run(measurement);
  } finally {
    await callInPage(deps, tabId, 0, () => (globalThis as unknown as PageScope).__atlosFullPage?.restore()).catch(() => {});
  }
}

/** Chrome: one tile per viewport height, each drawn into its part as soon as it arrives. */
export async function captureFullPageByScrolling<I extends StitchImage>(
  deps: CollectDeps<I>,
  pacer: CapturePacer,
  tabId: number,
  windowId: number,
): Promise<FullPageResult> {
  return withPreparedPage(deps, tabId, async (measurement) => {
    const positions = planScrollPositions(measurement.captureHeight, measurement.viewportHeight);
    let stitcher: Stitcher<I> | undefined;
    let scale = 1;
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
      const image = await deps.decodeImage(dataUrlToBlob(await pacer.captureVisibleTab(windowId)));
      try {
        if (!stitcher) {
          // Tile pixels per CSS px: device pixel ratio times zoom, measured rather than assumed.
          scale = image.width / measurement.viewportWidth;
          stitcher = new Stitcher(planLayout(image.width, measurement.captureHeight * scale), deps.createCanvas);
        }
        await stitcher.addTile(image, scrollY * scale);
      } finally {
        image.close?.();
      }
      if (stitcher.covered >= stitcher.layout.totalHeight) break;
    }
    return { parts: await stitcher!.finish(), measurement };
  });
}

/** Firefox: `captureTab` renders any rectangle of the page, so each part is one call. */
export async function captureFullPageByRect<I extends StitchImage>(
  deps: CollectDeps<I>,
  tabId: number,
): Promise<FullPageResult> {
  const captureTab = deps.tabs.captureTab;
  if (!captureTab) throw new Error('This browser cannot capture a page rectangle.');
  return withPreparedPage(deps, tabId, async (measurement) => {
    await callInPage(
      deps,
      tabId,
      0,
      (top: number, hide: boolean) => ((globalThis as unknown as PageScope).__atlosFullPage as FullPageController).showTile(top, hide),
      0,
      false,
    );
    const scale = measurement.devicePixelRatio || 1;
    const layout = planLayout(measurement.viewportWidth * scale, measurement.captureHeight * scale);
    const parts: Blob[] = [];
    for (const part of layout.parts) {
      const rect = { x: 0, y: part.top / scale, width: measurement.viewportWidth, height: part.height / scale };
      parts.push(dataUrlToBlob(await captureTab.call(deps.tabs, tabId, { format: 'png', rect, scale })));
    }
    return { parts, measurement };
  });
}
