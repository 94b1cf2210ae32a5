/**
 * Capture jobs, their file bytes and the Atlos objects they claimed, in the extension's own
 * IndexedDB (db `atlos-capture-jobs`). Survives service-worker termination and browser restarts.
 * Bytes are kept as ArrayBuffers: they structured-clone everywhere (Chromium, Firefox, fake-indexeddb).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CaptureJob } from './job';

export const JOBS_DB_NAME = 'atlos-capture-jobs';

interface StoredBlob {
  key: string;
  jobId: string;
  type: string;
  /** A Blob since the artifacts' memory work (records from before hold an ArrayBuffer). */
  data: ArrayBuffer | Blob;
}

/** An Atlos object (source material, comment) that belongs to one job, so no other job adopts it. */
export interface Claim {
  key: string;
  jobId: string;
  at: number;
}

/** What Atlos told us about a connection's token: its id, learned from a record we made. */
interface TokenFact {
  connectionId: string;
  tokenId: string;
}

interface CaptureDb extends DBSchema {
  jobs: { key: string; value: CaptureJob };
  blobs: { key: string; value: StoredBlob; indexes: { byJob: string } };
  claims: { key: string; value: Claim };
  tokens: { key: string; value: TokenFact };
}

export interface JobsStore {
  /** Stores a new job and all its bytes atomically. */
  create(job: CaptureJob, blobs: Array<{ key: string; blob: Blob }>): Promise<void>;
  /** Stores several new jobs (without bytes) in one transaction: all of them, or none. */
  createAll(jobs: CaptureJob[]): Promise<void>;
  /** Saves the job, and records `claims` (keys) as its own in the same transaction. */
  put(job: CaptureJob, claims?: string[]): Promise<void>;
  get(id: string): Promise<CaptureJob | undefined>;
  all(): Promise<CaptureJob[]>;
  blob(key: string): Promise<Blob | undefined>;
  deleteBlobs(jobId: string): Promise<void>;
  delete(jobId: string): Promise<void>;
  claimOwner(key: string): Promise<string | undefined>;
  /**
   * Forgets claims of jobs that no longer exist and were made before `olderThan`: a claim never
   * expires while its job exists, so another job cannot adopt what this one made.
   */
  pruneClaims(olderThan: number): Promise<void>;
  /** The Atlos id of the connection's token, once learned (see reconcile.ts). */
  tokenId(connectionId: string): Promise<string | undefined>;
  setTokenId(connectionId: string, tokenId: string): Promise<void>;
  close(): void;
}

export async function openJobsStore(name = JOBS_DB_NAME): Promise<JobsStore> {
  const db: IDBPDatabase<CaptureDb> = await openDB<CaptureDb>(name, 2, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        database.createObjectStore('jobs', { keyPath: 'id' });
        database.createObjectStore('blobs', { keyPath: 'key' }).createIndex('byJob', 'jobId');
        database.createObjectStore('claims', { keyPath: 'key' });
      }
      if (oldVersion < 2) database.createObjectStore('tokens', { keyPath: 'connectionId' });
    },
  });

  // Probed once per store: does a Blob come back out as a Blob with its bytes?
  let blobProbe: Promise<boolean> | undefined;
  const keepsBlobs = () =>
    (blobProbe ??= (async () => {
      const key = '__atlos_blob_probe';
      try {
        await db.put('blobs', { key, jobId: key, type: '', data: new Blob(['1']) });
        const back = await db.get('blobs', key);
        await db.delete('blobs', key);
        return back?.data instanceof Blob && (await back.data.text()) === '1';
      } catch {
        return false;
      }
    })());

  return {
    async create(job, blobs) {
      // The Blob itself is stored (Chrome and Firefox IndexedDB keep Blobs, written by the
      // browser): reading it into an ArrayBuffer first put a second full copy of a large video
      // in the worker's heap (memory stays flat however many files are stored). No await before the transaction, so it stays open.
      // Where a store cannot keep Blobs (fake-indexeddb under happy-dom), the bytes are read first.
      const asBlob = await keepsBlobs();
      const stored: StoredBlob[] = [];
      for (const { key, blob } of blobs) {
        stored.push({ key, jobId: job.id, type: blob.type, data: asBlob ? blob : await blob.arrayBuffer() });
      }
      const tx = db.transaction(['jobs', 'blobs'], 'readwrite');
      await Promise.all([
        ...stored.map((b) => tx.objectStore('blobs').put(b)),
        tx.objectStore('jobs').put(job),
        tx.done,
      ]);
    },
    async createAll(jobs) {
      const tx = db.transaction('jobs', 'readwrite');
      await Promise.all([...jobs.map((job) => tx.store.put(job)), tx.done]);
    },
    async put(job, claims = []) {
      const tx = db.transaction(['jobs', 'claims'], 'readwrite');
      const at = Date.now();
      await Promise.all([
        tx.objectStore('jobs').put(job),
        ...claims.map((key) => tx.objectStore('claims').put({ key, jobId: job.id, at })),
        tx.done,
      ]);
    },
    get: (id) => db.get('jobs', id),
    all: () => db.getAll('jobs'),
    async blob(key) {
      const stored = await db.get('blobs', key);
      return stored ? new Blob([stored.data], { type: stored.type }) : undefined;
    },
    async deleteBlobs(jobId) {
      const tx = db.transaction('blobs', 'readwrite');
      const keys = await tx.store.index('byJob').getAllKeys(jobId);
      await Promise.all([...keys.map((key) => tx.store.delete(key)), tx.done]);
    },
    async delete(jobId) {
      const tx = db.transaction(['jobs', 'blobs'], 'readwrite');
      const keys = await tx.objectStore('blobs').index('byJob').getAllKeys(jobId);
      await Promise.all([
        ...keys.map((key) => tx.objectStore('blobs').delete(key)),
        tx.objectStore('jobs').delete(jobId),
        tx.done,
      ]);
    },
    async claimOwner(key) {
      return (await db.get('claims', key))?.jobId;
    },
    async pruneClaims(olderThan) {
      const tx = db.transaction(['claims', 'jobs'], 'readwrite');
      const [claims, jobIds] = await Promise.all([
        tx.objectStore('claims').getAll(),
        tx.objectStore('jobs').getAllKeys(),
      ]);
      const live = new Set(jobIds);
      const stale = claims.filter((c) => c.at < olderThan && !live.has(c.jobId));
      await Promise.all([...stale.map((c) => tx.objectStore('claims').delete(c.key)), tx.done]);
    },
    async tokenId(connectionId) {
      return (await db.get('tokens', connectionId))?.tokenId;
    },
    async setTokenId(connectionId, tokenId) {
      await db.put('tokens', { connectionId, tokenId });
    },
    close: () => db.close(),
  };
}
