// Bearer-token authentication exactly as Atlos does it (docs/atlos-api-behaviour.md §1.2–§1.5).
import type { ApiToken } from './model.ts';
import type { Store } from './store.ts';

/** The raw `Authorization` values; Node folds duplicates, so read rawHeaders to see every one. */
export function authorizationHeaders(rawHeaders: string[]): string[] {
  const values: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() === 'authorization') values.push(rawHeaders[i + 1] ?? '');
  }
  return values;
}

export function authenticate(store: Store, rawHeaders: string[], apiVersion: 'v1' | 'v2'): ApiToken | null {
  const headers = authorizationHeaders(rawHeaders);
  if (headers.length !== 1) return null;
  const header = headers[0] ?? '';
  if (!header.startsWith('Bearer ')) return null;
  const value = header.slice('Bearer '.length);
  if (value === '') return null;
  const token = store.tokensByValue.get(value);
  if (!token || !token.isActive) return null;
  if (apiVersion === 'v1') return token.isLegacy ? token : null;
  return token.projectId !== null && !token.isLegacy ? token : null;
}
