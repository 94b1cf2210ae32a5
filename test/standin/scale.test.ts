// @vitest-environment node
// The 10,000-incident configuration used by popup and bench tests: seeds, lists, searches and pages.
import { describe, expect, it } from 'vitest';
import { call, useStandin } from './test-helpers.ts';

const s = useStandin({ incidents: 10_000, archiver: 'never' }, { reset: false, startTimeoutMs: 60_000 });

describe('10,000 incidents', () => {
  it('lists the newest 100 first and pages on', async () => {
    expect(s.known.civSlugs).toHaveLength(9998);
    const first = await call(s.url, '/api/v2/incidents', { token: s.tokens.civRead });
    expect(first.body.results.map((i: any) => i.slug)).toEqual(s.known.civSlugs.slice(0, 100));
    const second = await call(s.url, `/api/v2/incidents?cursor=${first.body.next}`, { token: s.tokens.civRead });
    expect(second.body.results.map((i: any) => i.slug)).toEqual(s.known.civSlugs.slice(100, 200));
  });
  it('finds one incident by its display slug among all of them', async () => {
    const target = s.known.civSlugs[5000] as string;
    const r = await call(s.url, `/api/v2/incidents?query=CIV-${target}`, { token: s.tokens.civRead });
    expect(r.body.results.map((i: any) => i.slug)).toContain(target);
    expect(r.body.results.length).toBeLessThan(5);
  });
  it('slugs are unique', () => {
    expect(new Set(s.known.civSlugs).size).toBe(s.known.civSlugs.length);
  });
});
