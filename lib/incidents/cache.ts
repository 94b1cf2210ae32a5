/**
 * Incident summaries seen in any Atlos response, per connection, in extension-origin IndexedDB
 * (db `atlos-incidents`). The picker matches them locally before the network answers. Summaries
 * hold no secrets; the cache is bounded so a busy investigator's cache cannot grow without end.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { IncidentOption } from './types';

export interface CachedIncident extends IncidentOption {
  /** When an Atlos response last contained this incident (ms since epoch). */
  seenAt: number;
}

interface IncidentCacheSchema extends DBSchema {
  incidents: {
    key: [string, string];
    value: CachedIncident;
    indexes: { byConnection: string; bySeenAt: number };
  };
}

export const INCIDENT_CACHE_DB = 'atlos-incidents';
export const MAX_CACHED_INCIDENTS = 5000;

export interface IncidentCache {
  put(options: readonly IncidentOption[]): Promise<void>;
  get(connectionId: string, slug: string): Promise<CachedIncident | undefined>;
  /** Every cached incident, most recently seen first (bounded by MAX_CACHED_INCIDENTS). */
  all(): Promise<CachedIncident[]>;
  forgetConnection(connectionId: string): Promise<void>;
  close(): void;
}

export function openIncidentCache({
  name = INCIDENT_CACHE_DB,
  limit = MAX_CACHED_INCIDENTS,
  now = Date.now,
}: { name?: string; limit?: number; now?: () => number } = {}): IncidentCache {
  let db: Promise<IDBPDatabase<IncidentCacheSchema>> | null = null;
  const database = () =>
    (db ??= openDB<IncidentCacheSchema>(name, 1, {
      upgrade(upgrading) {
        const store = upgrading.createObjectStore('incidents', { keyPath: ['connectionId', 'slug'] });
        store.createIndex('byConnection', 'connectionId');
        store.createIndex('bySeenAt', 'seenAt');
      },
    }));

  async function prune(handle: IDBPDatabase<IncidentCacheSchema>): Promise<void> {
    const count = await handle.count('incidents');
    if (count <= limit) return;
    const tx = handle.transaction('incidents', 'readwrite');
    let excess = count - limit;
    // Oldest first: the least recently seen incidents go.
    for (
      let cursor = await tx.store.index('bySeenAt').openCursor();
      cursor && excess > 0;
      cursor = await cursor.continue()
    ) {
      await cursor.delete();
      excess -= 1;
    }
    await tx.done;
  }

  return {
    async put(options) {
      if (options.length === 0) return;
      const handle = await database();
      const tx = handle.transaction('incidents', 'readwrite');
      const seenAt = now();
      await Promise.all(
        options.map((option, index) => {
          // Keep the response order among equal timestamps: earlier in the list = seen later.
          const entry: CachedIncident = { ...option, seenAt: seenAt - index / 1000 };
          return tx.store.put(entry);
        }),
      );
      await tx.done;
      await prune(handle);
    },
    async get(connectionId, slug) {
      return (await database()).get('incidents', [connectionId, slug]);
    },
    async all() {
      const list = await (await database()).getAllFromIndex('incidents', 'bySeenAt');
      return list.reverse();
    },
    async forgetConnection(connectionId) {
      const handle = await database();
      const tx = handle.transaction('incidents', 'readwrite');
      for (
        let cursor = await tx.store.index('byConnection').openCursor(connectionId);
        cursor;
        cursor = await cursor.continue()
      ) {
        await cursor.delete();
      }
      await tx.done;
    },
    close() {
      void db?.then((handle) => handle.close());
      db = null;
    },
  };
}
