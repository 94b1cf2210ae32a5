/**
 * Where API tokens live: the extension origin's IndexedDB, and nowhere else.
 *
 * Why not `storage.local`: content scripts can read `storage.local` in Firefox, and in Chrome
 * unless `setAccessLevel` restricts it; content scripts share the web page's renderer process.
 * IndexedDB is per origin, and a content script runs with the page's origin, so the
 * `chrome-extension://…` / `moz-extension://…` database is out of its reach in both browsers.
 * Only the background opens the vault (pages never need a token back).
 *
 * Each record also holds the instance origin the token was validated against: the token is only
 * ever sent there, even if the connection list in plain extension storage were changed.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** A token and the one origin it may be sent to (absent only in records made before origins were kept). */
export interface VaultRecord {
  token: string;
  origin?: string;
}

interface VaultSchema extends DBSchema {
  tokens: { key: string; value: { connectionId: string } & VaultRecord };
}

export const VAULT_DB_NAME = 'atlos-vault';

export interface TokenVault {
  get(connectionId: string): Promise<string | undefined>;
  /** The token with the origin it is bound to. */
  record(connectionId: string): Promise<VaultRecord | undefined>;
  put(connectionId: string, token: string, origin: string): Promise<void>;
  delete(connectionId: string): Promise<void>;
  /** Connection ids holding a token, to drop tokens whose connection is gone. */
  keys(): Promise<string[]>;
}

/** `dbName` is for tests, which give each case a fresh database. */
export function createTokenVault(dbName = VAULT_DB_NAME): TokenVault {
  let db: Promise<IDBPDatabase<VaultSchema>> | undefined;
  const open = () =>
    (db ??= openDB<VaultSchema>(dbName, 1, {
      upgrade(database) {
        database.createObjectStore('tokens', { keyPath: 'connectionId' });
      },
      // A handle the browser closed (e.g. the database was deleted) must not poison later calls.
      terminated() {
        db = undefined;
      },
    }));
  return {
    async get(connectionId) {
      return (await (await open()).get('tokens', connectionId))?.token;
    },
    async record(connectionId) {
      const stored = await (await open()).get('tokens', connectionId);
      return stored ? { token: stored.token, ...(stored.origin ? { origin: stored.origin } : {}) } : undefined;
    },
    async put(connectionId, token, origin) {
      await (await open()).put('tokens', { connectionId, token, origin });
    },
    async delete(connectionId) {
      await (await open()).delete('tokens', connectionId);
    },
    async keys() {
      return (await (await open()).getAllKeys('tokens')) as string[];
    },
  };
}
