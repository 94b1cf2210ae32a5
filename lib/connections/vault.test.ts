import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { createTokenVault, VAULT_DB_NAME } from './vault';

describe('token vault', () => {
  it('keeps tokens in the atlos-vault IndexedDB, keyed by connection', async () => {
    const vault = createTokenVault();
    await vault.put('c1', 'secret-token-aaaa=', 'https://a.test');
    await vault.put('c2', 'secret-token-bbbb=', 'https://a.test');
    expect(await vault.get('c1')).toBe('secret-token-aaaa=');
    expect((await vault.keys()).sort()).toEqual(['c1', 'c2']);
    const raw = await openDB(VAULT_DB_NAME);
    expect(await raw.get('tokens', 'c2')).toEqual({
      connectionId: 'c2',
      token: 'secret-token-bbbb=',
      origin: 'https://a.test',
    });
    raw.close();
    await vault.delete('c1');
    expect(await vault.get('c1')).toBeUndefined();
    await vault.delete('c2');
  });

  it('replaces a token in place', async () => {
    const vault = createTokenVault('vault-replace');
    await vault.put('c1', 'old', 'https://a.test');
    await vault.put('c1', 'new', 'https://a.test');
    expect(await vault.get('c1')).toBe('new');
    expect(await vault.keys()).toEqual(['c1']);
  });
});
