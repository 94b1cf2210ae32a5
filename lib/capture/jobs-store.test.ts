import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { openJobsStore } from './jobs-store';

describe('jobs store', () => {
  it('opens a database made by the first version, keeping its jobs, and adds the token facts', async () => {
    const name = `jobs-upgrade-${Math.random()}`;
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('jobs', { keyPath: 'id' });
        db.createObjectStore('blobs', { keyPath: 'key' }).createIndex('byJob', 'jobId');
        db.createObjectStore('claims', { keyPath: 'key' });
      },
    });
    await v1.put('jobs', { id: 'old-job', state: 'failed' });
    v1.close();
    const store = await openJobsStore(name);
    expect((await store.get('old-job'))?.state).toBe('failed');
    expect(await store.tokenId('c1')).toBeUndefined();
    await store.setTokenId('c1', 'token-id-1');
    expect(await store.tokenId('c1')).toBe('token-id-1');
    store.close();
  });

  it('keeps claims of existing jobs however old, and forgets old claims of jobs that are gone', async () => {
    const store = await openJobsStore(`jobs-claims-${Math.random()}`);
    await store.put({ id: 'live' } as never, ['source-material:a']);
    await store.put({ id: 'gone' } as never, ['source-material:b']);
    await store.delete('gone');
    await store.pruneClaims(Date.now() + 1);
    expect(await store.claimOwner('source-material:a')).toBe('live');
    expect(await store.claimOwner('source-material:b')).toBeUndefined();
    store.close();
  });
});
