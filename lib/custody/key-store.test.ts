import { describe, expect, it } from 'vitest';
import { createKeyStore } from './key-store';
import { sign, verifySignature } from './signing';

let n = 0;
const freshStore = () => createKeyStore(`custody-test-${++n}-${Math.random()}`);

describe('key store', () => {
  it('makes one non-extractable key on first use and keeps it', async () => {
    const store = freshStore();
    const [a, b] = await Promise.all([store.current(), store.current()]);
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.privateKey.extractable).toBe(false);
    expect((await store.current()).fingerprint).toBe(a.fingerprint);
    expect(await store.publicKeys()).toHaveLength(1);
  });

  it('signs with a stored key that verifies with its public key', async () => {
    const store = freshStore();
    const key = await store.current();
    const data = new TextEncoder().encode('bytes');
    expect(await verifySignature(key, data, await sign(key, data))).toBe(true);
  });

  it('rotation makes a new current key and keeps the old public key', async () => {
    let t = Date.parse('2026-12-01T00:00:00Z');
    const store = createKeyStore(`custody-rotate-${Math.random()}`, () => (t += 1000));
    const first = await store.current();
    const second = await store.rotate();
    expect(second.fingerprint).not.toBe(first.fingerprint);
    expect((await store.current()).fingerprint).toBe(second.fingerprint);
    const keys = await store.publicKeys();
    expect(keys.map((k) => k.fingerprint)).toEqual([second.fingerprint, first.fingerprint]);
    expect(keys[1]!.retiredAt).toBeDefined();
    expect(keys[0]).not.toHaveProperty('privateKey');
  });
});
