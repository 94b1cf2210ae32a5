/**
 * Every capture also uploads its signed manifest (and, with timestamps on, the RFC 3161 token)
 * beside the files its metadata lists (docs/custody.md); tests that compare the two leave them out.
 */
const CUSTODY_TITLES = new Set(['capture-manifest.json', 'capture-manifest.tsr']);

export function withoutCustodyFiles<T extends { title?: string | null }>(artifacts: T[]): T[] {
  return artifacts.filter((a) => !CUSTODY_TITLES.has(a.title ?? ''));
}
