/**
 * The install's signing keys in the extension origin's IndexedDB (out of reach of content scripts,
 * like the token vault in lib/connections/vault.ts). The private key is a non-extractable
 * CryptoKey, stored as the structured clone IndexedDB keeps, so its bytes never reach JavaScript.
 * Rotation makes a new current key and keeps every old public key, so older manifests still verify.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { generateSigningKey, type PublicKeyInfo, type SigningKey } from './signing.ts';

export const CUSTODY_DB_NAME = 'atlos-custody';

export interface StoredKey extends SigningKey {
  createdAt: string;
  /** Set when a newer key replaced it; it signs nothing after that. */
  retiredAt?: string;
}

export interface PublicKeyRecord extends PublicKeyInfo {
  createdAt: string;
  retiredAt?: string;
}

interface CustodySchema extends DBSchema {
  keys: { key: string; value: StoredKey; indexes: { createdAt: string } };
}

export interface KeyStore {
  /** The key that signs now; made on first use. */
  current(): Promise<SigningKey>;
  /** Retires the current key (kept for verification) and makes a new one. */
  rotate(): Promise<PublicKeyRecord>;
  /** Every public key this install has had, newest first. */
  publicKeys(): Promise<PublicKeyRecord[]>;
}

export function createKeyStore(dbName = CUSTODY_DB_NAME, now: () => number = Date.now): KeyStore {
  let db: Promise<IDBPDatabase<CustodySchema>> | undefined;
  let making: Promise<SigningKey> | undefined;
  const open = () =>
    (db ??= openDB<CustodySchema>(dbName, 1, {
      upgrade(database) {
        database.createObjectStore('keys', { keyPath: 'fingerprint' }).createIndex('createdAt', 'createdAt');
      },
      terminated() {
        db = undefined;
      },
    }));

  const all = async () => (await (await open()).getAll('keys')).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  const live = async () => (await all()).find((key) => !key.retiredAt);

  async function makeKey(): Promise<StoredKey> {
    const key: StoredKey = { ...(await generateSigningKey()), createdAt: new Date(now()).toISOString() };
    await (await open()).put('keys', key);
    return key;
  }

  const publicOf = ({ privateKey: _p, ...record }: StoredKey): PublicKeyRecord => record;

  return {
    async current() {
      const existing = await live();
      if (existing) return existing;
      // Two captures at once must not each make a key.
      making ??= makeKey().finally(() => (making = undefined));
      return making;
    },
    async rotate() {
      const database = await open();
      for (const key of await all()) {
        if (!key.retiredAt) await database.put('keys', { ...key, retiredAt: new Date(now()).toISOString() });
      }
      return publicOf(await makeKey());
    },
    async publicKeys() {
      return (await all()).map(publicOf);
    },
  };
}
