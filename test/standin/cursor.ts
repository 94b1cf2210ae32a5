// Signed pagination cursors: bound to the API token, expiring 24 h after issue, carrying no filters (docs/atlos-api-behaviour.md §3).
import { createHmac, timingSafeEqual } from 'node:crypto';

export type CursorKey = (string | number | null)[];

const HEADER = 'SFMyNTY'; // base64("HS256"), like Phoenix.Token
const MAX_AGE_MS = 86_400_000;
const SECRET = 'atlos-standin-secret-key-base';

function signature(body: string, tokenValue: string): string {
  return createHmac('sha256', `${SECRET}:${tokenValue}`).update(body).digest('base64url');
}

export function signCursor(key: CursorKey, tokenValue: string, now: number): string {
  const payload = Buffer.from(JSON.stringify({ data: key, signed: now, max_age: MAX_AGE_MS / 1000 })).toString(
    'base64url',
  );
  const body = `${HEADER}.${payload}`;
  return `${body}.${signature(body, tokenValue)}`;
}

/** The boundary key, or null when the cursor is malformed, foreign (other token), tampered or expired. */
export function verifyCursor(cursor: unknown, tokenValue: string, now: number): CursorKey | null {
  if (typeof cursor !== 'string') return null;
  const parts = cursor.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) return null;
  const body = `${parts[0]}.${parts[1]}`;
  const expected = Buffer.from(signature(body, tokenValue));
  const given = Buffer.from(parts[2] ?? '');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const decoded = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as {
      data?: unknown;
      signed?: unknown;
    };
    if (!Array.isArray(decoded.data) || typeof decoded.signed !== 'number') return null;
    if (now - decoded.signed > MAX_AGE_MS || now < decoded.signed - MAX_AGE_MS) return null;
    return decoded.data as CursorKey;
  } catch {
    return null;
  }
}

export type Direction = 'asc' | 'desc';

/** Compares two keys under per-column directions; null sorts first in DESC and last in ASC (PostgreSQL default). */
export function compareKeys(a: CursorKey, b: CursorKey, directions: Direction[]): number {
  for (let i = 0; i < directions.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    const dir = directions[i] === 'asc' ? 1 : -1;
    if (x === null) return dir === 1 ? 1 : -1;
    if (y === null) return dir === 1 ? -1 : 1;
    return (x < y ? -1 : 1) * dir;
  }
  return 0;
}

export interface Page<T> {
  results: T[];
  next: string | null;
  previous: string | null;
}

/** One page of `sorted` items strictly after the cursor key, with `next`/`previous` as Atlos emits them (§3.3). */
export function paginate<T>(
  sorted: T[],
  keyOf: (item: T) => CursorKey,
  directions: Direction[],
  after: CursorKey | null,
  limit: number,
  tokenValue: string,
  now: number,
): Page<T> {
  let start = 0;
  if (after) {
    // Binary search for the first item whose key sorts after the cursor.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareKeys(keyOf(sorted[mid] as T), after, directions) <= 0) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const results = sorted.slice(start, start + limit);
  const more = sorted.length > start + limit;
  const last = results[results.length - 1];
  const first = results[0];
  return {
    results,
    next: more && last !== undefined ? signCursor(keyOf(last), tokenValue, now) : null,
    previous: after && first !== undefined ? signCursor(keyOf(first), tokenValue, now) : null,
  };
}
