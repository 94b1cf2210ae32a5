// @vitest-environment node
/**
 * The capture engine against the local Atlos stand-in over real HTTP: faults at every step and of
 * every kind, offline then online, a worker killed mid-step, refusals that need a person, and the
 * archiver finishing afterwards without wiping the browser's files (the separate user_provided version).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { FaultKind } from '../standin/server';
import { useStandin } from '../standin/test-helpers';
import { captureRequest, engineFor, expectInAtlosOnce } from './capture-helpers';

const standin = useStandin({ incidents: 30, archiver: 'manual' });

let n = 0;
const nextUrl = () => `https://news.example/${Date.now()}/${++n}`;

const CREATE = 'POST /api/v2/source_material/new/:slug';
const UPLOAD = 'POST /api/v2/source_material/upload/:id';
const METADATA = 'POST /api/v2/source_material/metadata/:id/:namespace';
const COMMENT = 'POST /api/v2/add_comment/:slug';
const KINDS: FaultKind[] = ['http500', 'html502', 'reset', 'stall', 'lost_response'];

const STEPS = [
  { step: 'create direct', route: CREATE, archive: true, times: 1 },
  { step: 'create user_provided', route: CREATE, archive: false, times: 1 },
  { step: 'first upload', route: UPLOAD, archive: true, times: 1 },
  { step: 'every upload', route: UPLOAD, archive: false, times: 3 },
  { step: 'metadata', route: METADATA, archive: true, times: 1 },
  { step: 'comment', route: COMMENT, archive: true, times: 1 },
];

async function until(condition: () => boolean | Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('a capture over real HTTP', () => {
  it.each([true, false])(
    'archive %s: files and metadata on the user_provided version survive the archiver',
    async (archive) => {
      const { make, store } = await engineFor(standin);
      const engine = make();
      const slug = standin.known.civSlugs[0]!;
      const { jobId } = await engine.startCapture(captureRequest(slug, nextUrl(), { archive, comment: `Note ${n}` }));
      await engine.whenIdle();
      const [summary] = await engine.listJobs();
      expect(summary).toMatchObject({ id: jobId, state: 'done', incidentUrl: `${standin.url}/incidents/${slug}` });
      await standin.control.finishArchiveJobs();
      const job = (await store.get(jobId))!;
      expectInAtlosOnce(standin.control.state(), job);
      if (archive) {
        const archived = standin.control.state().sourceMaterial.find((s) => s.id === job.archivedSourceMaterialId)!;
        expect(archived.status).toBe('complete');
      }
    },
  );
});

describe.each(STEPS)('fault at $step', ({ route, archive, times }) => {
  it.each(KINDS)('%s: the capture ends in Atlos exactly once', async (kind) => {
    const { make, store } = await engineFor(standin);
    const engine = make();
    standin.control.injectFault({ route, kind, times, stallMs: 2_500 });
    const slug = standin.known.civSlugs[1]!;
    const { jobId } = await engine.startCapture(
      captureRequest(slug, nextUrl(), { archive, comment: `Fault ${kind} ${n}` }),
    );
    await engine.whenIdle();
    expect(standin.control.faultStats().injected).toBe(times);
    const job = (await store.get(jobId))!;
    expect(job.state).toBe('done');
    await standin.control.finishArchiveJobs();
    expectInAtlosOnce(standin.control.state(), job);
  });
});

describe('network and worker interruptions', () => {
  it('offline: the job waits as Queued, then completes once the network is back', async () => {
    const { make, store } = await engineFor(standin);
    const engine = make();
    standin.control.setOffline(true);
    const { jobId } = await engine.startCapture(captureRequest(standin.known.civSlugs[2]!, nextUrl()));
    await until(async () => (await store.get(jobId))!.state === 'waiting_network');
    expect((await engine.listJobs())[0]!.error?.message).toMatch(/^Queued/);
    standin.control.setOffline(false);
    await engine.runPending({ networkBack: true });
    await engine.whenIdle();
    const job = (await store.get(jobId))!;
    expect(job.state).toBe('done');
    expectInAtlosOnce(standin.control.state(), job);
  });

  it.each([
    { step: 'create', route: CREATE },
    { step: 'upload', route: UPLOAD },
    { step: 'metadata', route: METADATA },
    { step: 'comment', route: COMMENT },
  ])('worker killed while $step hangs: a new worker on the same database finishes it once', async ({ route }) => {
    const { make, store } = await engineFor(standin);
    const first = make();
    standin.control.injectFault({ route, kind: 'stall', times: 1, stallMs: 60_000 });
    const { jobId } = await first.startCapture(
      captureRequest(standin.known.civSlugs[3]!, nextUrl(), { comment: `Killed ${n}` }),
    );
    await until(() => standin.control.requests().some((r) => r.fault === 'stall'));
    first.dispose();
    const second = make();
    await second.runPending();
    await second.whenIdle();
    const job = (await store.get(jobId))!;
    expect(job.state).toBe('done');
    await standin.control.finishArchiveJobs();
    expectInAtlosOnce(standin.control.state(), job);
  });

  it('worker killed right after Atlos acted on a create (lost answer): adopted, not created twice', async () => {
    const { make, store } = await engineFor(standin);
    const first = make();
    standin.control.injectFault({ route: CREATE, kind: 'lost_response', times: 1 });
    const { jobId } = await first.startCapture(captureRequest(standin.known.civSlugs[3]!, nextUrl()));
    await until(async () => (await store.get(jobId))!.attempts > 0);
    first.dispose();
    const second = make();
    await second.runPending();
    await second.whenIdle();
    const job = (await store.get(jobId))!;
    expect(job.state).toBe('done');
    expectInAtlosOnce(standin.control.state(), job);
  });
});

describe('refusals a person must fix', () => {
  it('a deleted incident fails with a plain message and nothing is created', async () => {
    const { make, store } = await engineFor(standin);
    const engine = make();
    const slug = standin.known.civDeletedSlug;
    const { jobId } = await engine.startCapture(captureRequest(slug, nextUrl()));
    await engine.whenIdle();
    const job = (await store.get(jobId))!;
    expect(job.state).toBe('failed');
    expect(job.error?.message).toContain(`Incident ${slug} was not found`);
    expect(standin.control.state().sourceMaterial.filter((s) => s.source_url === job.request.target.url)).toEqual([]);
  });

  it('a read-only token fails, and Retry succeeds once the project has a token that may edit', async () => {
    let token = standin.tokens.civRead;
    const { make, store } = await engineFor(standin, { token: () => token });
    const engine = make();
    const { jobId } = await engine.startCapture(
      captureRequest(standin.known.civSlugs[4]!, nextUrl(), { comment: `Read-only ${n}` }),
    );
    await engine.whenIdle();
    const failed = (await store.get(jobId))!;
    expect(failed.state).toBe('failed');
    expect(failed.error?.message).toMatch(/was not found, or this token may not add to it/);
    token = standin.tokens.civEdit;
    await engine.retryJob(jobId);
    await engine.whenIdle();
    const job = (await store.get(jobId))!;
    expect(job.state).toBe('done');
    expectInAtlosOnce(standin.control.state(), job);
  });
});
