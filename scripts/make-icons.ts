/**
 * Draws the toolbar icons (public/icon/{16,32,48,128}.png) so the repository needs no binary design
 * source: a rounded square in Atlos's dark ink with a white "capture" corner bracket and dot.
 * Run: npx node scripts/make-icons.ts
 */
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

const INK = [24, 24, 27];
const ACCENT = [251, 146, 60];

function inRoundedSquare(x: number, y: number, size: number): boolean {
  const r = size * 0.22;
  const cx = Math.min(Math.max(x, r), size - r);
  const cy = Math.min(Math.max(y, r), size - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function pixel(x: number, y: number, size: number): number[] | null {
  if (!inRoundedSquare(x, y, size)) return null;
  const u = x / size;
  const v = y / size;
  const t = 0.09; // bracket stroke
  const near = (a: number, b: number) => Math.abs(a - b) < t / 2;
  const bracket =
    ((near(u, 0.25) || near(u, 0.75)) && (v < 0.42 || v > 0.58) && v > 0.2 && v < 0.8) ||
    ((near(v, 0.25) || near(v, 0.75)) && (u < 0.42 || u > 0.58) && u > 0.2 && u < 0.8);
  if (bracket) return [255, 255, 255];
  if ((u - 0.5) ** 2 + (v - 0.5) ** 2 < 0.1 ** 2) return ACCENT;
  return INK;
}

for (const size of [16, 32, 48, 128]) {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const color = pixel(x + 0.5, y + 0.5, size);
      png.data[i] = color?.[0] ?? 0;
      png.data[i + 1] = color?.[1] ?? 0;
      png.data[i + 2] = color?.[2] ?? 0;
      png.data[i + 3] = color ? 255 : 0;
    }
  }
  writeFileSync(`public/icon/${size}.png`, PNG.sync.write(png));
}
