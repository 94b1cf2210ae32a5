// Seeded pseudo-random numbers so the sample data, slugs and tokens are the same on every start.
export interface Rng {
  next(): number; // [0, 1)
  int(maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  bytes(count: number): Buffer;
  uuid(): string;
}

// mulberry32: tiny, fast and good enough for fixtures (not for secrets).
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (maxExclusive: number): number => Math.floor(next() * maxExclusive);
  const bytes = (count: number): Buffer => {
    const out = Buffer.alloc(count);
    for (let i = 0; i < count; i++) out[i] = int(256);
    return out;
  };
  return {
    next,
    int,
    pick: (items) => items[int(items.length)] as (typeof items)[number],
    chance: (probability) => next() < probability,
    bytes,
    uuid: () => {
      // Built from four 32-bit words through a hex table (no Buffer or toString per id: 10,000 incidents seed fast).
      const a = Math.floor(next() * 4294967296);
      const b = Math.floor(next() * 4294967296);
      const c = Math.floor(next() * 4294967296);
      const d = Math.floor(next() * 4294967296);
      const h = (x: number, shift: number): string => HEX[(x >>> shift) & 0xff] as string;
      return `${h(a, 24)}${h(a, 16)}${h(a, 8)}${h(a, 0)}-${h(b, 24)}${h(b, 16)}-${HEX[((b >>> 8) & 0x0f) | 0x40]}${h(b, 0)}-${HEX[((c >>> 24) & 0x3f) | 0x80]}${h(c, 16)}-${h(c, 8)}${h(c, 0)}${h(d, 24)}${h(d, 16)}${h(d, 8)}${h(d, 0)}`;
    },
  };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function formatUuid(raw: Buffer): string {
  raw[6] = ((raw[6] ?? 0) & 0x0f) | 0x40;
  raw[8] = ((raw[8] ?? 0) & 0x3f) | 0x80;
  const hex = raw.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const SLUG_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function makeSlug(rng: Rng): string {
  let slug = '';
  for (let i = 0; i < 6; i++) slug += SLUG_ALPHABET[rng.int(SLUG_ALPHABET.length)];
  return slug;
}

/** 32 bytes, URL-safe base64 WITH padding: 44 chars ending in '=' (docs/atlos-api-behaviour.md §1.3). */
export function makeTokenValue(rng: Rng): string {
  return rng.bytes(32).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}
