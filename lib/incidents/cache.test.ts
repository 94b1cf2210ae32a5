import { describe, expect, it } from 'vitest';
import { openIncidentCache } from './cache';
import { option } from './testing/data';

let dbCounter = 0;
const freshCache = (limit?: number) => {
  let clock = 1_000;
  const cache = openIncidentCache({
    name: `test-incidents-${++dbCounter}`,
    ...(limit ? { limit } : {}),
    now: () => (clock += 10),
  });
  return cache;
};

describe('incident cache', () => {
  it('stores summaries per connection and slug, newest seen first', async () => {
    const cache = freshCache();
    await cache.put([option('AAAAAA', 'first'), option('BBBBBB', 'second')]);
    await cache.put([option('CCCCCC', 'third'), option('AAAAAA', 'first, edited', { connectionId: 'c2' })]);
    expect((await cache.get('c1', 'AAAAAA'))?.description).toBe('first');
    expect((await cache.get('c2', 'AAAAAA'))?.description).toBe('first, edited');
    expect((await cache.all()).map((o) => `${o.connectionId}/${o.slug}`)).toEqual([
      'c1/CCCCCC',
      'c2/AAAAAA',
      'c1/AAAAAA',
      'c1/BBBBBB',
    ]);
    cache.close();
  });

  it('updates an incident seen again and keeps the latest values', async () => {
    const cache = freshCache();
    await cache.put([option('AAAAAA', 'old', { status: 'To Do' })]);
    await cache.put([option('AAAAAA', 'new', { status: 'Completed' })]);
    const all = await cache.all();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ description: 'new', status: 'Completed' });
    cache.close();
  });

  it('drops the least recently seen incidents beyond its limit', async () => {
    const cache = freshCache(3);
    await cache.put([option('AAAAAA', 'a'), option('BBBBBB', 'b')]);
    await cache.put([option('CCCCCC', 'c'), option('DDDDDD', 'd')]);
    const slugs = (await cache.all()).map((o) => o.slug);
    expect(slugs).toHaveLength(3);
    expect(slugs).not.toContain('BBBBBB');
    cache.close();
  });

  it('forgets every incident of a removed connection', async () => {
    const cache = freshCache();
    await cache.put([option('AAAAAA', 'a'), option('BBBBBB', 'b', { connectionId: 'c2' })]);
    await cache.forgetConnection('c1');
    expect((await cache.all()).map((o) => o.slug)).toEqual(['BBBBBB']);
    cache.close();
  });
});
