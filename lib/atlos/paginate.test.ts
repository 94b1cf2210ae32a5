import { describe, expect, it } from 'vitest';
import { AtlosError } from './errors.ts';
import { paginate, type Page } from './paginate.ts';

const items = (...ids: string[]) => ids.map((id) => ({ id }));
async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('paginate', () => {
  it('follows next until it is null', async () => {
    const pages: Record<string, Page<{ id: string }>> = {
      first: { results: items('a', 'b'), next: 'c1', previous: null },
      c1: { results: items('c', 'd'), next: 'c2', previous: 'x' },
      c2: { results: items('e'), next: null, previous: 'y' },
    };
    const cursors: (string | undefined)[] = [];
    const ids = (await collect(paginate(async (cursor) => (cursors.push(cursor), pages[cursor ?? 'first']!)))).map(
      (i) => i.id,
    );
    expect(ids).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(cursors).toEqual([undefined, 'c1', 'c2']);
  });

  it('restarts once from the first page after a cursor error, without repeating items', async () => {
    const cursors: (string | undefined)[] = [];
    let failed = false;
    const ids = (
      await collect(
        paginate(async (cursor) => {
          cursors.push(cursor);
          if (cursor === undefined)
            return { results: items('new', 'a', 'b'), next: failed ? 'c1b' : 'c1', previous: null };
          if (cursor === 'c1') {
            failed = true;
            throw new AtlosError('cursor', { status: 200 });
          }
          return { results: items('c'), next: null, previous: null };
        }),
      )
    ).map((i) => i.id);
    expect(cursors).toEqual([undefined, 'c1', undefined, 'c1b']);
    expect(ids).toEqual(['new', 'a', 'b', 'c']);
  });

  it('gives up with the cursor error after one restart', async () => {
    let calls = 0;
    const run = collect(
      paginate(async (cursor) => {
        calls++;
        if (cursor) throw new AtlosError('cursor', { status: 200 });
        return { results: items('a'), next: 'c1', previous: null };
      }),
    );
    await expect(run).rejects.toMatchObject({ kind: 'cursor' });
    expect(calls).toBe(4);
  });

  it('passes other errors through without restarting', async () => {
    let calls = 0;
    const run = collect(
      paginate(async (cursor) => {
        calls++;
        if (cursor) throw new AtlosError('server', { status: 500 });
        return { results: items('a'), next: 'c1', previous: null };
      }),
    );
    await expect(run).rejects.toMatchObject({ kind: 'server' });
    expect(calls).toBe(2);
  });

  it('stops on a list that does not advance', async () => {
    const run = collect(paginate(async () => ({ results: items('a'), next: 'same', previous: null })));
    await expect(run).rejects.toMatchObject({ kind: 'unexpected' });
  });
});
