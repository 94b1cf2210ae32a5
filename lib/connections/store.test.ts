import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createConnectionStore, tokenHint } from './store';
import { createTokenVault } from './vault';
import { BRD, CIV } from './testing/fakes';

let n = 0;
const fresh = () => {
  const vault = createTokenVault(`store-test-${++n}`);
  let id = 0;
  return {
    vault,
    store: createConnectionStore({ vault, newId: () => `id-${++id}`, now: () => new Date('2026-11-27T10:00:00.000Z') }),
  };
};

beforeEach(() => fakeBrowser.reset());

describe('connection store', () => {
  it('lists connections without their tokens; tokens go to the vault only', async () => {
    const { store, vault } = fresh();
    const saved = await store.save({ baseUrl: 'https://platform.atlos.org', project: CIV, token: 'TOKEN-CIV-abcd=' });
    expect(saved).toEqual({
      id: 'id-1',
      baseUrl: 'https://platform.atlos.org',
      project: CIV,
      tokenHint: 'bcd=',
      status: 'ok',
      addedAt: '2026-11-27T10:00:00.000Z',
    });
    expect(await vault.get('id-1')).toBe('TOKEN-CIV-abcd=');
    const everything = JSON.stringify({
      local: await fakeBrowser.storage.local.get(null),
      sync: await fakeBrowser.storage.sync.get(null),
      session: await fakeBrowser.storage.session.get(null),
    });
    expect(everything).toContain('Civilian Harm Monitor');
    expect(everything).not.toContain('TOKEN-CIV');
  });

  it('finds the same instance and project, so a second connect updates instead of duplicating', async () => {
    const { store } = fresh();
    await store.save({ baseUrl: 'https://platform.atlos.org', project: CIV, token: 't1' });
    expect((await store.findSame('https://platform.atlos.org', CIV, 'other'))?.id).toBe('id-1');
    expect(await store.findSame('https://gap.atlos.org', CIV, 't1')).toBeUndefined();
    expect(await store.findSame('https://platform.atlos.org', BRD, 't1')).toBeUndefined();
  });

  it('matches a project without incidents by its token', async () => {
    const { store } = fresh();
    await store.save({ baseUrl: 'http://127.0.0.1:9', project: null, token: 'empty-project' });
    expect((await store.findSame('http://127.0.0.1:9', null, 'empty-project'))?.id).toBe('id-1');
    expect(await store.findSame('http://127.0.0.1:9', null, 'another')).toBeUndefined();
  });

  it('replaces a token, keeping id and date, and resets the status', async () => {
    const { store } = fresh();
    await store.save({ baseUrl: 'https://platform.atlos.org', project: CIV, token: 'old-1111' });
    await store.setStatus('id-1', 'invalid_token');
    const replaced = await store.save(
      { baseUrl: 'https://platform.atlos.org', project: null, token: 'new-2222' },
      'id-1',
    );
    expect(replaced).toMatchObject({ id: 'id-1', project: CIV, tokenHint: '2222', status: 'ok' });
    expect(await store.getToken('id-1')).toBe('new-2222');
    expect(await store.list()).toHaveLength(1);
  });

  it('removes the connection and its token', async () => {
    const { store, vault } = fresh();
    await store.save({ baseUrl: 'https://a.example', project: CIV, token: 'a' });
    await store.save({ baseUrl: 'https://a.example', project: BRD, token: 'b' });
    await store.remove('id-1');
    expect((await store.list()).map((c) => c.id)).toEqual(['id-2']);
    expect(await vault.get('id-1')).toBeUndefined();
    expect(await vault.get('id-2')).toBe('b');
  });

  it('does not lose one of two concurrent changes', async () => {
    const { store } = fresh();
    await Promise.all([
      store.save({ baseUrl: 'https://a.example', project: CIV, token: 'a' }),
      store.save({ baseUrl: 'https://a.example', project: BRD, token: 'b' }),
    ]);
    expect(await store.list()).toHaveLength(2);
  });

  it('shows only the last four characters of a token', () => {
    expect(tokenHint('abcdefgh')).toBe('efgh');
  });
});
