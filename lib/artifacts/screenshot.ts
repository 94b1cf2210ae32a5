/** Visible-area screenshots and crops of them (element screenshots). */
import type { CollectDeps, TabLike } from './deps';
import { dataUrlToBlob } from './page-calls';
import type { CapturePacer } from './pacer';
import type { StitchImage } from './stitch';

/** Brings the tab to the front of its window: `captureVisibleTab` captures the active tab. */
export async function ensureActive(
  deps: Pick<CollectDeps<StitchImage>, 'tabs'>,
  tabId: number,
  tab: TabLike,
): Promise<void> {
  if (!tab.active) await deps.tabs.update(tabId, { active: true });
}

export async function captureVisibleArea(pacer: CapturePacer, windowId: number): Promise<Blob> {
  return dataUrlToBlob(await pacer.captureVisibleTab(windowId));
}

export interface CssBox {
  x: number;
  y: number;
  width: number;
  height: number;
  viewportWidth: number;
}

/** Crops a visible-area PNG to a box given in CSS px; the scale is measured from the image. */
export async function cropToBox<I extends StitchImage>(
  deps: Pick<CollectDeps<I>, 'decodeImage' | 'createCanvas'>,
  screenshot: Blob,
  box: CssBox,
): Promise<Blob> {
  const image = await deps.decodeImage(screenshot);
  try {
    const scale = image.width / box.viewportWidth;
    const x = Math.max(0, Math.round(box.x * scale));
    const y = Math.max(0, Math.round(box.y * scale));
    const width = Math.min(image.width - x, Math.round(box.width * scale));
    const height = Math.min(image.height - y, Math.round(box.height * scale));
    if (width < 1 || height < 1) throw new Error('The element is not visible on screen.');
    const canvas = deps.createCanvas(width, height);
    canvas.drawImage(image, x, y, width, height, 0, 0, width, height);
    return await canvas.toPng();
  } finally {
    image.close?.();
  }
}
