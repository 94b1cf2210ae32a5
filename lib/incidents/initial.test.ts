import { describe, expect, it } from 'vitest';
import { initialOptions } from './initial';
import { withPinned, withoutPinned } from './pinned';
import { option } from './testing/data';

const connections = [
  { id: 'c1', baseUrl: 'https://atlos.test', project: { id: 'p', name: 'Civilian Harm Monitor', code: 'CIV' } },
];

describe('initialOptions', () => {
  it('offers pinned incidents first, then recent ones completed from the cache', () => {
    const pinned = [option('PPPPPP', 'pinned one')];
    const recent = [
      { connectionId: 'c1', slug: 'RRRRRR', description: 'recent', usedAt: '2026-01-01T00:00:00Z' },
      { connectionId: 'c1', slug: 'PPPPPP', description: 'pinned one', usedAt: '2026-01-01T00:00:00Z' },
    ];
    const cached = [option('RRRRRR', 'recent, full description', { status: 'In Progress' })];
    const result = initialOptions({ pinned, recent, cached, connections });
    expect(result.map((o) => o.slug)).toEqual(['PPPPPP', 'RRRRRR']);
    expect(result[1]).toMatchObject({ status: 'In Progress', description: 'recent, full description' });
  });

  it('builds a usable option for a recent incident that is not cached, and drops removed connections', () => {
    const recent = [
      { connectionId: 'c1', slug: 'RRRRRR', description: 'recent', usedAt: 'x' },
      { connectionId: 'gone', slug: 'GGGGGG', usedAt: 'x' },
    ];
    const result = initialOptions({
      pinned: [option('XXXXXX', 'x', { connectionId: 'gone' })],
      recent,
      cached: [],
      connections,
    });
    expect(result).toEqual([
      {
        connectionId: 'c1',
        slug: 'RRRRRR',
        projectCode: 'CIV',
        projectName: 'Civilian Harm Monitor',
        description: 'recent',
        status: null,
        incidentUrl: 'https://atlos.test/incidents/RRRRRR',
      },
    ]);
  });
});

describe('pinned list', () => {
  it('pins at the front once, without the bulky source list, and unpins', () => {
    const a = option('AAAAAA', 'a', { sourceUrls: ['https://x.test/1'] });
    const b = option('BBBBBB', 'b');
    let list = withPinned([], a);
    list = withPinned(list, b);
    list = withPinned(list, a);
    expect(list.map((o) => o.slug)).toEqual(['AAAAAA', 'BBBBBB']);
    expect(list[0]).not.toHaveProperty('sourceUrls');
    expect(withoutPinned(list, a).map((o) => o.slug)).toEqual(['BBBBBB']);
  });
});
