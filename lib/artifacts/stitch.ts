/**
 * Full-page stitching. Layout math is pure (device pixels throughout); drawing goes through a
 * canvas factory so the service worker uses `OffscreenCanvas` and unit tests a fake.
 *
 * A tile is one `captureVisibleTab` image taken with the page scrolled to `scrollYCss`. Each
 * tile contributes only rows not yet covered, so the last, partial tile is cropped to its new
 * rows (its top overlaps the previous tile because scrolling stops at the page end).
 */

/** Canvases fail silently past 16,384 px per side in Chromium and Firefox (and beyond ~268 M px area). */
export const MAX_CANVAS_SIDE = 16_384;
/** Part height in device pixels: under the side limit with margin. */
export const MAX_PART_HEIGHT = 16_000;
/**
 * Area bound per part (device px²), so wide, HiDPI pages get shorter parts: 40 M px is 160 MB
 * of RGBA in the worker, and well under the ~268 M px (16,384²) that canvases allow.
 */
export const MAX_PART_AREA = 40_000_000;

export interface PageLayout {
  /** Image width in device pixels (the tile width). */
  width: number;
  /** Whole page height in device pixels (CSS scroll height × tile scale). */
  totalHeight: number;
  /** Height of every part but the last. */
  partHeight: number;
  parts: Array<{ index: number; count: number; top: number; height: number }>;
}

export function planLayout(widthPx: number, totalHeightPx: number): PageLayout {
  const width = Math.max(1, Math.round(widthPx));
  const totalHeight = Math.max(1, Math.round(totalHeightPx));
  const partHeight = Math.max(1, Math.min(MAX_PART_HEIGHT, Math.floor(MAX_PART_AREA / width)));
  const count = Math.ceil(totalHeight / partHeight);
  const parts = Array.from({ length: count }, (_, i) => ({
    index: i + 1,
    count,
    top: i * partHeight,
    height: Math.min(partHeight, totalHeight - i * partHeight),
  }));
  return { width, totalHeight, partHeight, parts };
}

/** The CSS scroll positions to visit: one per viewport height, the last one flush with the end. */
export function planScrollPositions(scrollHeightCss: number, viewportHeightCss: number): number[] {
  const maxScroll = Math.max(0, scrollHeightCss - viewportHeightCss);
  const positions: number[] = [];
  for (let y = 0; y < maxScroll; y += viewportHeightCss) positions.push(y);
  positions.push(maxScroll);
  return positions;
}

export interface DrawOp {
  /** 0-based part index in `layout.parts`. */
  part: number;
  /** Source row in the tile image. */
  sourceY: number;
  /** Destination row in the part image. */
  destY: number;
  height: number;
}

/**
 * Which rows of a tile to draw where. `tileTop` is the tile's top row on the page
 * (scrollY × scale); `coveredUntil` the first page row not drawn yet. Returns the ops and the
 * new `coveredUntil`.
 */
export function tileDrawOps(
  layout: PageLayout,
  tileTop: number,
  tileHeight: number,
  coveredUntil: number,
): { ops: DrawOp[]; coveredUntil: number } {
  const start = Math.max(Math.round(tileTop), coveredUntil);
  const end = Math.min(Math.round(tileTop) + tileHeight, layout.totalHeight);
  const ops: DrawOp[] = [];
  let row = start;
  while (row < end) {
    const part = Math.min(Math.floor(row / layout.partHeight), layout.parts.length - 1);
    const partInfo = layout.parts[part]!;
    const partEnd = Math.min(partInfo.top + partInfo.height, end);
    ops.push({ part, sourceY: row - Math.round(tileTop), destY: row - partInfo.top, height: partEnd - row });
    row = partEnd;
  }
  return { ops, coveredUntil: Math.max(coveredUntil, end) };
}

/** The parts of `OffscreenCanvas` / `ImageBitmap` the stitcher uses (fakes in unit tests). */
export interface StitchImage {
  width: number;
  height: number;
  close?(): void;
}
export interface StitchCanvas<I extends StitchImage> {
  drawImage(
    image: I,
    sx: number,
    sy: number,
    sw: number,
    sh: number,
    dx: number,
    dy: number,
    dw: number,
    dh: number,
  ): void;
  toPng(): Promise<Blob>;
}
export type CanvasFactory<I extends StitchImage> = (width: number, height: number) => StitchCanvas<I>;

/** A finished part: its PNG and, when a hasher was given, its SHA-256. */
export interface EncodedPart {
  blob: Blob;
  sha256?: string;
}

/**
 * Draws tiles into part canvases as they arrive and finishes each part as soon as it is full,
 * so at most one tile and the open parts are held in memory. A full part is encoded (and
 * hashed) in the background while later tiles are still being captured: `addTile` does not
 * wait for it, `finish` does.
 */
export class Stitcher<I extends StitchImage> {
  private coveredUntil = 0;
  private readonly canvases = new Map<number, StitchCanvas<I>>();
  private readonly finished: Array<Promise<EncodedPart>> = [];

  constructor(
    readonly layout: PageLayout,
    private readonly createCanvas: CanvasFactory<I>,
    private readonly hash?: (blob: Blob) => Promise<string>,
  ) {}

  get covered(): number {
    return this.coveredUntil;
  }

  async addTile(image: I, tileTop: number): Promise<void> {
    const { ops, coveredUntil } = tileDrawOps(this.layout, tileTop, image.height, this.coveredUntil);
    const width = Math.min(image.width, this.layout.width);
    for (const op of ops) {
      this.canvasFor(op.part).drawImage(image, 0, op.sourceY, width, op.height, 0, op.destY, width, op.height);
    }
    this.coveredUntil = coveredUntil;
    this.finishPartsBelow(coveredUntil);
  }

  /** All part images in order; a part never reached (page shrank) is finished as it is. */
  async finish(): Promise<Blob[]> {
    return (await this.finishEncoded()).map((part) => part.blob);
  }

  async finishEncoded(): Promise<EncodedPart[]> {
    this.finishPartsBelow(Number.POSITIVE_INFINITY);
    return Promise.all(this.finished);
  }

  private canvasFor(part: number): StitchCanvas<I> {
    let canvas = this.canvases.get(part);
    if (!canvas) {
      canvas = this.createCanvas(this.layout.width, this.layout.parts[part]!.height);
      this.canvases.set(part, canvas);
    }
    return canvas;
  }

  private finishPartsBelow(row: number): void {
    while (this.finished.length < this.layout.parts.length) {
      const index = this.finished.length;
      const part = this.layout.parts[index]!;
      if (part.top + part.height > row) return;
      const canvas = this.canvasFor(index);
      this.canvases.delete(index);
      const hash = this.hash;
      const encoded = canvas.toPng().then(async (blob) => (hash ? { blob, sha256: await hash(blob) } : { blob }));
      encoded.catch(() => {}); // awaited in finishEncoded; handled here so an early failure is not "unhandled"
      this.finished.push(encoded);
    }
  }
}

/** The service worker's canvas: `OffscreenCanvas` (present in MV3 service workers: https://developer.mozilla.org/docs/Web/API/OffscreenCanvas). */
export function offscreenCanvasFactory(width: number, height: number): StitchCanvas<ImageBitmap> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('2D canvas unavailable');
  return {
    drawImage: (image, sx, sy, sw, sh, dx, dy, dw, dh) => context.drawImage(image, sx, sy, sw, sh, dx, dy, dw, dh),
    toPng: () => canvas.convertToBlob({ type: 'image/png' }),
  };
}
