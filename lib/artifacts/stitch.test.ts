import { describe, expect, it } from 'vitest';
import {
  MAX_PART_AREA,
  MAX_PART_HEIGHT,
  planLayout,
  planScrollPositions,
  Stitcher,
  tileDrawOps,
  type StitchCanvas,
} from './stitch';

describe('planScrollPositions', () => {
  it('visits one viewport per step and ends flush with the page end', () => {
    expect(planScrollPositions(2500, 800)).toEqual([0, 800, 1600, 1700]);
    expect(planScrollPositions(2400, 800)).toEqual([0, 800, 1600]);
  });
  it('takes a single tile when the page fits the viewport', () => {
    expect(planScrollPositions(600, 800)).toEqual([0]);
  });
});

describe('planLayout', () => {
  it('keeps a short page in one part', () => {
    expect(planLayout(1280, 5000).parts).toEqual([{ index: 1, count: 1, top: 0, height: 5000 }]);
  });
  it('splits a tall page into numbered parts under the canvas limit', () => {
    const layout = planLayout(1280, 30_000);
    expect(layout.partHeight).toBe(MAX_PART_HEIGHT);
    expect(layout.parts).toEqual([
      { index: 1, count: 2, top: 0, height: 16_000 },
      { index: 2, count: 2, top: 16_000, height: 14_000 },
    ]);
  });
  it('shortens parts of wide (HiDPI) pages to stay under the area bound', () => {
    const layout = planLayout(5120, 60_000);
    expect(layout.partHeight * 5120).toBeLessThanOrEqual(MAX_PART_AREA);
    expect(layout.parts.reduce((sum, part) => sum + part.height, 0)).toBe(60_000);
    expect(layout.parts.every((part) => part.height <= 16_384)).toBe(true);
  });
});

describe('tileDrawOps', () => {
  const layout = planLayout(100, 2500);

  it('draws a whole tile below what is covered', () => {
    expect(tileDrawOps(layout, 800, 800, 800)).toEqual({
      ops: [{ part: 0, sourceY: 0, destY: 800, height: 800 }],
      coveredUntil: 1600,
    });
  });
  it('crops the overlapping top of the last tile', () => {
    // Page 2500, viewport 800: the last tile starts at 1700 but rows up to 2400 are drawn.
    expect(tileDrawOps(layout, 1700, 800, 2400)).toEqual({
      ops: [{ part: 0, sourceY: 700, destY: 2400, height: 100 }],
      coveredUntil: 2500,
    });
  });
  it('splits a tile that straddles a part boundary', () => {
    const tall = planLayout(100, 20_000);
    expect(tileDrawOps(tall, 15_600, 800, 15_600).ops).toEqual([
      { part: 0, sourceY: 0, destY: 15_600, height: 400 },
      { part: 1, sourceY: 400, destY: 0, height: 400 },
    ]);
  });
  it('scales: a DPR-2 tile of 1600 rows at scroll 800 CSS px covers page rows 1600..3200', () => {
    const hiDpi = planLayout(200, 5000);
    expect(tileDrawOps(hiDpi, 800 * 2, 1600, 1600)).toEqual({
      ops: [{ part: 0, sourceY: 0, destY: 1600, height: 1600 }],
      coveredUntil: 3200,
    });
  });
});

describe('Stitcher', () => {
  interface FakeImage {
    width: number;
    height: number;
    label: string;
    closed?: boolean;
    close(): void;
  }
  const image = (label: string, height: number): FakeImage => ({
    width: 100,
    height,
    label,
    close() {
      this.closed = true;
    },
  });

  function fakeCanvases() {
    const drawn: Array<{ canvas: number; label: string; sy: number; dy: number; h: number }> = [];
    const sizes: Array<[number, number]> = [];
    const factory = (width: number, height: number): StitchCanvas<FakeImage> => {
      const id = sizes.push([width, height]) - 1;
      return {
        drawImage: (img, _sx, sy, _sw, sh, _dx, dy) => void drawn.push({ canvas: id, label: img.label, sy, dy, h: sh }),
        toPng: async () => new Blob([`part ${id}`], { type: 'image/png' }),
      };
    };
    return { drawn, sizes, factory };
  }

  it('stitches tiles into parts in order, each row once', async () => {
    const { drawn, sizes, factory } = fakeCanvases();
    const layout = { ...planLayout(100, 2500) };
    const stitcher = new Stitcher(layout, factory);
    for (const [i, top] of planScrollPositions(2500, 800).entries()) await stitcher.addTile(image(`t${i}`, 800), top);
    const parts = await stitcher.finish();
    expect(parts).toHaveLength(1);
    expect(sizes).toEqual([[100, 2500]]);
    expect(drawn).toEqual([
      { canvas: 0, label: 't0', sy: 0, dy: 0, h: 800 },
      { canvas: 0, label: 't1', sy: 0, dy: 800, h: 800 },
      { canvas: 0, label: 't2', sy: 0, dy: 1600, h: 800 },
      { canvas: 0, label: 't3', sy: 700, dy: 2400, h: 100 },
    ]);
    expect(stitcher.covered).toBe(2500);
  });

  it('finishes a part as soon as it is full (memory holds one open part)', async () => {
    let encoded = 0;
    const factory = (): StitchCanvas<FakeImage> => ({
      drawImage: () => {},
      toPng: async () => new Blob([String(++encoded)]),
    });
    const stitcher = new Stitcher(planLayout(100, 20_000), factory);
    const encodedAfter: number[] = [];
    for (let top = 0; top < 20_000; top += 1000) {
      await stitcher.addTile(image(String(top), 1000), top);
      encodedAfter.push(encoded);
    }
    expect(encodedAfter.indexOf(1)).toBe(15); // the tile ending at row 16,000 completes part 1
    expect(encodedAfter.at(-1)).toBe(2);
    expect(await stitcher.finish()).toHaveLength(2);
  });
});
