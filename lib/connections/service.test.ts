import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createConnectionsService } from './service';
import { createConnectionStore } from './store';
import { createTokenVault } from './vault';
import { BRD, CIV, fakeAtlos, fakePermissions } from './testing/fakes';

const URL_A = 'https://platform.atlos.org';
const PATTERN_A = 'https://platform.atlos.org/*';
let n = 0;

function setup(granted = [PATTERN_A]) {
  const atlos = fakeAtlos({ civ1: CIV, civ2: CIV, brd: BRD, empty: null });
  const permissions = fakePermissions(granted);
  const store = createConnectionStore({ vault: createTokenVault(`service-${++n}`) });
  const forgotten: string[] = [];
  const service = createConnectionsService({
    store,
    permissions,
    createClient: atlos.factory,
    onDisconnected: (id) => void forgotten.push(id),
  });
  return { atlos, permissions, store, service, forgotten };
}

beforeEach(() => fakeBrowser.reset());

describe('connections service', () => {
  it('connects two projects of one instance as two connections', async () => {
    const { service, store } = setup();
    const civ = await service.connect({ baseUrl: URL_A, token: 'civ1' });
    const brd = await service.connect({ baseUrl: URL_A, token: 'brd' });
    expect(civ).toMatchObject({ ok: true, noIncidentsYet: false, connection: { project: CIV, tokenHint: 'civ1' } });
    expect(brd).toMatchObject({ ok: true, connection: { project: BRD } });
    expect((await service.list()).map((c) => c.project?.code)).toEqual(['CIV', 'BRD']);
    const civId = civ.ok ? civ.connection.id : '';
    expect(await store.getToken(civId)).toBe('civ1');
  });

  it('says Connected for a project with no incidents yet', async () => {
    const { service } = setup();
    expect(await service.connect({ baseUrl: URL_A, token: 'empty' })).toMatchObject({
      ok: true,
      noIncidentsYet: true,
      connection: { project: null },
    });
  });

  it('connecting the same project again updates its token instead of duplicating it', async () => {
    const { service, store } = setup();
    const first = await service.connect({ baseUrl: URL_A, token: 'civ1' });
    const second = await service.connect({ baseUrl: URL_A, token: 'civ2' });
    const list = await service.list();
    expect(list).toHaveLength(1);
    expect(second.ok && first.ok && second.connection.id === first.connection.id).toBe(true);
    expect(await store.getToken(list[0]!.id)).toBe('civ2');
  });

  it('a failed attempt leaves the working connection untouched', async () => {
    const { service, store, atlos } = setup();
    const good = await service.connect({ baseUrl: URL_A, token: 'civ1' });
    const before = await service.list();
    expect((await service.connect({ baseUrl: URL_A, token: 'bad' })).ok).toBe(false);
    atlos.failWith = 'network';
    expect((await service.connect({ baseUrl: URL_A, token: 'civ2' })).ok).toBe(false);
    expect(await service.list()).toEqual(before);
    expect(await store.getToken(good.ok ? good.connection.id : '')).toBe('civ1');
  });

  it('refuses when the browser did not grant the instance, without contacting it', async () => {
    const { service, atlos } = setup([]);
    const result = await service.connect({ baseUrl: URL_A, token: 'civ1' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'permission_declined' } });
    expect(!result.ok && result.error.message).toContain('Click Connect again and choose Allow');
    expect(atlos.created).toEqual([]);
  });

  it('replaces a token only after the new one is accepted, and only with one of the same project', async () => {
    const { service, store } = setup();
    const civ = await service.connect({ baseUrl: URL_A, token: 'civ1' });
    const id = civ.ok ? civ.connection.id : '';
    expect(await service.replaceToken({ connectionId: id, token: 'bad' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid_token' },
    });
    const other = await service.replaceToken({ connectionId: id, token: 'brd' });
    expect(other).toMatchObject({ ok: false, error: { kind: 'other_project' } });
    expect(!other.ok && other.error.message).toContain('Border Watch (BRD)');
    expect(await store.getToken(id)).toBe('civ1');
    expect(await service.replaceToken({ connectionId: id, token: 'civ2' })).toMatchObject({
      ok: true,
      connection: { id, tokenHint: 'civ2' },
    });
    expect(await store.getToken(id)).toBe('civ2');
  });

  it('disconnects: forgets the connection, its token and its recent incidents', async () => {
    const { service, store, forgotten } = setup();
    const civ = await service.connect({ baseUrl: URL_A, token: 'civ1' });
    const id = civ.ok ? civ.connection.id : '';
    await service.disconnect({ connectionId: id });
    expect(await service.list()).toEqual([]);
    expect(await store.getToken(id)).toBeUndefined();
    expect(forgotten).toEqual([id]);
  });

  it('marks connections whose access was removed, and restores them when granted again', async () => {
    const { service, permissions } = setup();
    const civ = await service.connect({ baseUrl: URL_A, token: 'civ1' });
    const id = civ.ok ? civ.connection.id : '';
    permissions.granted.delete(PATTERN_A);
    await service.syncPermissions();
    expect((await service.list())[0]?.status).toBe('permission_revoked');
    permissions.granted.add(PATTERN_A);
    expect((await service.recheck({ connectionId: id }))?.status).toBe('ok');
  });
});
