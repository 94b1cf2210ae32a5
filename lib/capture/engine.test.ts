import { describe, expect, it, vi } from 'vitest';
import { AtlosError } from '../atlos/errors';
import { expectCapturedOnce } from './testing/expectations';
import { captureRequest } from './testing/fixtures';
import { setupEngine } from './testing/setup';

describe('capture engine: the flow of one capture', () => {
  it('with archiving: a direct source material for Atlos, the files and metadata on a separate user_provided one', async () => {
    const t = await setupEngine();
    const { jobId } = await t.engine.startCapture(captureRequest({ archive: true, comment: 'Seen on the news' }));
    await t.engine.whenIdle();
    const job = await t.job(jobId);
    expect(job.state).toBe('done');
    expect(t.atlos.sourceMaterials.map((s) => s.upload_type)).toEqual(['direct', 'user_provided']);
    expectCapturedOnce(t.atlos.sourceMaterials, job);
    expect(t.atlos.updates.filter((u) => u.type === 'comment').map((u) => u.explanation)).toEqual(['Seen on the news']);
    expect(await t.store.blob(job.artifacts[0]!.blobKey)).toBeUndefined();
    expect(t.settled.map((j) => j.state)).toEqual(['done']);
  });

  it('without archiving: one source material', async () => {
    const t = await setupEngine();
    const { jobId } = await t.engine.startCapture(captureRequest({ archive: false }));
    await t.engine.whenIdle();
    const job = await t.job(jobId);
    expect(job.state).toBe('done');
    expect(t.atlos.sourceMaterials).toHaveLength(1);
    expectCapturedOnce(t.atlos.sourceMaterials, job);
    expect(t.atlos.count('comment')).toBe(0);
  });

  it('stores the job and its bytes before any network call', async () => {
    let seenBeforeFirstCall: unknown;
    const t = await setupEngine();
    const original = t.atlos.client.createSourceMaterial;
    t.atlos.client.createSourceMaterial = async (...args) => {
      const jobs = await t.store.all();
      seenBeforeFirstCall ??= { jobs: jobs.length, blob: await t.store.blob(jobs[0]!.artifacts[0]!.blobKey) };
      return original(...args);
    };
    await t.engine.startCapture(captureRequest());
    await t.engine.whenIdle();
    expect(seenBeforeFirstCall).toMatchObject({ jobs: 1, blob: expect.any(Blob) });
  });

  it('refuses to start when nothing could be captured instead of silently sending the URL only', async () => {
    const t = await setupEngine({
      collect: async () => ({
        ...(await import('./testing/fixtures').then((f) => f.collected(captureRequest(), []))),
        problems: [{ artifact: 'viewport_screenshot', message: 'The tab was closed.' }],
      }),
    });
    await expect(t.engine.startCapture(captureRequest())).rejects.toThrow(/The tab was closed/);
    expect(await t.store.all()).toEqual([]);
    expect(t.atlos.calls).toEqual([]);
  });

  it('an explicit URL-only capture goes through with no files', async () => {
    const t = await setupEngine({ collect: (r) => import('./testing/fixtures').then((f) => f.collected(r, [])) });
    const request = captureRequest({ archive: true });
    request.options.urlOnly = true;
    const { jobId } = await t.engine.startCapture(request);
    await t.engine.whenIdle();
    expect((await t.job(jobId)).state).toBe('done');
    expect(t.atlos.sourceMaterials).toHaveLength(2);
  });
});

describe('capture engine: failures', () => {
  it('retries 5xx with backoff and full jitter, then succeeds', async () => {
    const t = await setupEngine();
    t.atlos.faults.push({ op: 'upload', when: 'before', times: 3, error: new AtlosError('server', { status: 502 }) });
    const { jobId } = await t.engine.startCapture(captureRequest({ archive: false }));
    await t.engine.whenIdle();
    expect((await t.job(jobId)).state).toBe('done');
    // random() = 0.5 → half of 2 s, 4 s, 8 s.
    expect(t.clock.slept).toEqual([1000, 2000, 4000]);
    expectCapturedOnce(t.atlos.sourceMaterials, await t.job(jobId));
  });

  it('an unreachable network shows as waiting_network (Queued) with the reason', async () => {
    const t = await setupEngine();
    const states: string[] = [];
    t.engine.dispose();
    t.atlos.faults.push({ op: 'create', when: 'before', times: 1, error: new AtlosError('network') });
    const engine = (await import('./engine')).createCaptureEngine({
      store: t.store,
      getClient: async () => t.atlos.client,
      getCaptureDefaults: async () => ({ metadataNamespace: 'browser_capture' }),
      collect: (r) => import('./testing/fixtures').then((f) => f.collected(r)),
      now: t.clock.now,
      sleep: t.clock.sleep,
      random: () => 0,
      onJobUpdated: (s) => states.push(s.state),
    });
    const { jobId } = await engine.startCapture(captureRequest());
    await engine.whenIdle();
    expect(states).toContain('waiting_network');
    expect(states.at(-1)).toBe('done');
    expect((await t.job(jobId)).state).toBe('done');
  });

  it('waits for the browser to be online before trying', async () => {
    let online = false;
    let goOnline: () => void = () => {};
    const t = await setupEngine({
      network: {
        isOnline: () => online,
        whenOnline: (signal) =>
          new Promise((resolve, reject) => {
            goOnline = () => {
              online = true;
              resolve();
            };
            signal.addEventListener('abort', () => reject(signal.reason), { once: true });
          }),
      },
      sleep: (_ms, signal) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true })),
    });
    const { jobId } = await t.engine.startCapture(captureRequest());
    // Polled, not slept: on a loaded machine collection may take longer than any fixed pause.
    await vi.waitFor(async () => expect((await t.job(jobId)).state).toBe('waiting_network'), { timeout: 10_000 });
    expect(t.atlos.calls).toEqual([]);
    goOnline();
    await t.engine.whenIdle();
    expect((await t.job(jobId)).state).toBe('done');
  });

  it('a deleted incident fails with a plain message, and Retry succeeds once it is restored', async () => {
    const t = await setupEngine();
    t.atlos.incidents[0]!.deleted = true;
    const { jobId } = await t.engine.startCapture(captureRequest());
    await t.engine.whenIdle();
    const failed = await t.job(jobId);
    expect(failed.state).toBe('failed');
    expect(failed.error?.message).toMatch(/Incident ABC123 was not found/);
    expect(t.settled.map((j) => j.state)).toEqual(['failed']);
    t.atlos.incidents[0]!.deleted = false;
    await t.engine.retryJob(jobId);
    await t.engine.whenIdle();
    expectCapturedOnce(t.atlos.sourceMaterials, await t.job(jobId));
    expect(t.atlos.sourceMaterials).toHaveLength(2);
  });

  it('Retry resumes at the failed step without redoing finished ones', async () => {
    const t = await setupEngine();
    t.atlos.faults.push({
      op: 'comment',
      when: 'before',
      times: 1,
      error: new AtlosError('permission', { status: 401, serverMessage: 'api token not authorized to post comment' }),
    });
    const { jobId } = await t.engine.startCapture(captureRequest({ comment: 'note' }));
    await t.engine.whenIdle();
    const failed = await t.job(jobId);
    expect(failed.state).toBe('failed');
    expect(failed.error?.message).toMatch(/may not do this on incident ABC123/);
    const before = {
      create: t.atlos.count('create'),
      upload: t.atlos.count('upload'),
      metadata: t.atlos.count('metadata'),
    };
    await t.engine.retryJob(jobId);
    await t.engine.whenIdle();
    expect((await t.job(jobId)).state).toBe('done');
    expect({
      create: t.atlos.count('create'),
      upload: t.atlos.count('upload'),
      metadata: t.atlos.count('metadata'),
    }).toEqual(before);
    expect(t.atlos.updates.filter((u) => u.type === 'comment')).toHaveLength(1);
  });

  it('an invalid token fails and says to reconnect', async () => {
    const t = await setupEngine();
    t.atlos.faults.push({ op: 'create', when: 'before', error: new AtlosError('invalid_token', { status: 401 }) });
    const { jobId } = await t.engine.startCapture(captureRequest());
    await t.engine.whenIdle();
    expect((await t.job(jobId)).error?.message).toMatch(/Reconnect the project/);
  });

  it('a connection that is gone fails with the registry sentence', async () => {
    const t = await setupEngine({
      getClient: async () => {
        throw new AtlosError('invalid_token');
      },
    });
    const { jobId } = await t.engine.startCapture(captureRequest());
    await t.engine.whenIdle();
    const job = await t.job(jobId);
    expect(job.state).toBe('failed');
    expect(job.error?.kind).toBe('connection');
  });

  it('a SHA-256 mismatch reported by Atlos is an error, not accepted', async () => {
    const t = await setupEngine();
    t.atlos.corruptNextUpload();
    const { jobId } = await t.engine.startCapture(captureRequest({ archive: false }));
    await t.engine.whenIdle();
    const job = await t.job(jobId);
    expect(job.state).toBe('failed');
    expect(job.error?.kind).toBe('hash_mismatch');
    expect(job.error?.message).toMatch(/different SHA-256 for "Visible-area screenshot/);
    await t.engine.retryJob(jobId);
    await t.engine.whenIdle();
    expect((await t.job(jobId)).state).toBe('done');
    expect((await t.job(jobId)).artifacts.every((a) => a.serverSha256 === a.sha256)).toBe(true);
  });
});

describe('capture engine: history', () => {
  it('lists newest first, dismisses, and keeps only the last finished captures', async () => {
    // The client a connection hands out knows its token; nothing the engine stores or shows may.
    const token = 'tok_Zq81nVb3wK0pLs2dYx7Rm4Tc9Ua6Fe5G_never_shown';
    const t = await setupEngine({ historyLimit: 2, getClient: async () => ({ ...t.atlos.client, token }) as never });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      t.clock.advance(1000);
      ids.push((await t.engine.startCapture(captureRequest({ url: `https://e.test/${i}`, archive: false }))).jobId);
      await t.engine.whenIdle();
    }
    expect((await t.engine.listJobs()).map((j) => j.id)).toEqual([ids[2], ids[1]]);
    const [latest] = await t.engine.listJobs();
    expect(latest).toMatchObject({
      state: 'done',
      step: 'done',
      progress: { done: 4, total: 4 },
      incidentUrl: 'https://atlos.test/incidents/ABC123',
    });
    expect(JSON.stringify(await t.engine.listJobs())).not.toContain(token);
    expect(JSON.stringify(await t.job(ids[2]!))).not.toContain(token);
    await t.engine.dismissJob(ids[2]!);
    expect((await t.engine.listJobs()).map((j) => j.id)).toEqual([ids[1]]);
  });
});

describe('capture engine: unexplained errors', () => {
  it('are retried a few times, then stop the job with the message instead of looping forever', async () => {
    const t = await setupEngine();
    const original = t.atlos.client.setMetadata;
    let calls = 0;
    t.atlos.client.setMetadata = async () => {
      calls++;
      throw new TypeError('Something odd happened');
    };
    const { jobId } = await t.engine.startCapture(captureRequest({ archive: false }));
    await t.engine.whenIdle();
    const job = await t.job(jobId);
    expect(job.state).toBe('failed');
    expect(job.error).toEqual({ kind: 'unexpected', message: 'Something odd happened' });
    expect(calls).toBe(8);
    t.atlos.client.setMetadata = original;
    await t.engine.retryJob(jobId);
    await t.engine.whenIdle();
    expect((await t.job(jobId)).state).toBe('done');
  });

  it('a storage hiccup while getting the client is retried, not a failed capture', async () => {
    const t0 = await setupEngine();
    let calls = 0;
    const t = await setupEngine({
      getClient: async () => {
        // The first call is startCapture's (for the incident link); the second is the first step's.
        if (++calls <= 2) {
          throw new DOMException('The database connection is closing.', 'InvalidStateError');
        }
        return t0.atlos.client;
      },
    });
    const { jobId } = await t.engine.startCapture(captureRequest({ archive: false }));
    await t.engine.whenIdle();
    expect((await t.job(jobId)).state).toBe('done');
    expect(calls).toBeGreaterThan(2);
  });
});
