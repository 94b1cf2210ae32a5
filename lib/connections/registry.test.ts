import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AtlosError } from '../atlos/errors';
import { createConnectionRegistry } from './registry';
import { openDB } from 'idb';
import { connectionsItem, createConnectionStore } from './store';
import { createTokenVault } from './vault';
import { CIV, fakeAtlos, fakePermissions } from './testing/fakes';

let n = 0;
async function setup() {
  const atlos = fakeAtlos({ civ1: CIV });
  const permissions = fakePermissions(['https://platform.atlos.org/*']);
  const store = createConnectionStore({ vault: createTokenVault(`registry-${++n}`) });
  const registry = createConnectionRegistry({ store, permissions, createClient: atlos.factory });
  const connection = await store.save({ baseUrl: 'https://platform.atlos.org', project: CIV, token: 'civ1' });
  return { atlos, permissions, store, registry, connection };
}

beforeEach(() => fakeBrowser.reset());

describe('connection registry', () => {
  it("gives a client bound to the connection's own origin and token", async () => {
    const { registry, connection, atlos } = await setup();
    const client = await registry.getClient(connection.id);
    await client.listSourceMaterial();
    expect(atlos.created).toEqual([{ baseUrl: 'https://platform.atlos.org', token: 'civ1' }]);
    expect(await registry.list()).toEqual([connection]);
  });

  it('refuses a connection that is gone', async () => {
    const { registry } = await setup();
    const error = await registry.getClient('nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlosError);
    expect(error).toMatchObject({ kind: 'invalid_token', message: expect.stringContaining('no longer exists') });
  });

  it('refuses, and marks, a connection whose host access was revoked', async () => {
    const { registry, permissions, connection, store, atlos } = await setup();
    permissions.granted.clear();
    const error = await registry.getClient(connection.id).catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'permission',
      message:
        'Atlos Capture no longer has access to Civilian Harm Monitor (CIV) · platform.atlos.org. Open the options page and click Grant access again.',
    });
    expect((await store.get(connection.id))?.status).toBe('permission_revoked');
    expect(atlos.created).toEqual([]);
  });

  it('marks the connection when Atlos refuses its token, then refuses it up front', async () => {
    const { registry, connection, store, atlos } = await setup();
    const client = await registry.getClient(connection.id);
    atlos.tokens.delete('civ1'); // the token was deactivated in Atlos
    await expect(client.listIncidents()).rejects.toMatchObject({ kind: 'invalid_token' });
    expect((await store.get(connection.id))?.status).toBe('invalid_token');
    await expect(registry.getClient(connection.id)).rejects.toMatchObject({
      kind: 'invalid_token',
      message: expect.stringContaining('Replace the token on the options page'),
    });
  });

  it('names a connection made before its project had incidents once a list shows one', async () => {
    const { registry, store, atlos } = await setup();
    const empty = await store.save({ baseUrl: 'https://platform.atlos.org', project: null, token: 'later' });
    atlos.tokens.set('later', null);
    await (await registry.getClient(empty.id)).listIncidents();
    expect((await store.get(empty.id))?.project).toBeNull();
    atlos.tokens.set('later', CIV); // the project got its first incident
    await (await registry.getClient(empty.id)).listIncidents();
    expect((await store.get(empty.id))?.project).toEqual(CIV);
  });

  it('sends the token only to the origin kept beside it in the vault, whatever the plain connection list says', async () => {
    const { registry, connection, atlos, permissions } = await setup();
    permissions.granted.add('https://evil.test/*');
    const list = await connectionsItem.getValue();
    await connectionsItem.setValue(list.map((c) => ({ ...c, baseUrl: 'https://evil.test' })));
    await expect(registry.getClient(connection.id)).rejects.toMatchObject({ kind: 'invalid_token' });
    expect(atlos.created).toEqual([]);
  });

  it("binds a token stored before origins were kept to its connection's origin", async () => {
    const vault = createTokenVault(`registry-legacy-${++n}`);
    const store = createConnectionStore({ vault });
    const connection = await store.save({ baseUrl: 'https://platform.atlos.org', project: CIV, token: 'civ1' });
    const raw = await openDB(`registry-legacy-${n}`);
    await raw.put('tokens', { connectionId: connection.id, token: 'civ1' });
    raw.close();
    expect(await store.getCredentials(connection.id)).toEqual({ token: 'civ1', origin: 'https://platform.atlos.org' });
    expect(await vault.record(connection.id)).toEqual({ token: 'civ1', origin: 'https://platform.atlos.org' });
  });
});
