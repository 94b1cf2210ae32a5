/**
 * Pixel checks on captured screenshots, shared by the Chromium and Firefox artifact tests:
 * decode a PNG, read pixels and columns, compare colours with a small tolerance (JPEG-free, but
 * colour management may shift a channel by a step or two), and walk the 30 colour bands of
 * test/fixtures/pages/artifacts/bands.html.
 */
import { expect } from '@playwright/test';
import { PNG } from 'pngjs';

export type Rgb = [number, number, number];

export function decodePng(base64: string): PNG {
  return PNG.sync.read(Buffer.from(base64, 'base64'));
}

export function pixel(png: PNG, x: number, y: number): Rgb {
  const i = (png.width * y + x) * 4;
  return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
}

/** The parts stacked into one list of row colours sampled at column `x`. */
export function columnColours(parts: PNG[], x: number): Rgb[] {
  return parts.flatMap((png) => Array.from({ length: png.height }, (_, y) => pixel(png, x, y)));
}

export const close = (a: number[], b: number[], tolerance = 3) => a.every((v, i) => Math.abs(v - b[i]!) <= tolerance);

/** bands.html: 30 bands of 1000 CSS px; band i (0-based) is rgb(40+7i, 250-6i, (53i mod 200)+30). */
export const BAND_COUNT = 30;
export const BAND_HEIGHT = 1000;
export const bandColour = (i: number): Rgb => [40 + i * 7, 250 - i * 6, ((i * 53) % 200) + 30];

/**
 * Every band once, in order, each exactly BAND_HEIGHT CSS px tall: checks the rows at `offsets`
 * (device pixels from each band's top) of a column of the stitched full-page screenshot.
 */
export function expectBandsInOrder(column: Rgb[], dpr: number, offsets: number[]): void {
  for (let band = 0; band < BAND_COUNT; band++) {
    const top = band * BAND_HEIGHT * dpr;
    for (const offset of offsets) {
      expect(close(column[top + offset]!, bandColour(band)), `band ${band + 1} at row ${top + offset}`).toBe(true);
    }
  }
}
