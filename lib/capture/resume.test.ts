/**
 * Exactly once: lost answers and killed workers at every step end with every capture in
 * (the fake) Atlos once, with all its files, metadata and comment.
 */
import { describe, expect, it, vi } from 'vitest';
import { AtlosError } from '../atlos/errors';
import type { FakeFault } from './testing/fake-atlos';
import { expectCapturedOnce } from './testing/expectations';
import { captureRequest, collected } from './testing/fixtures';
import { setupEngine } from './testing/setup';

const steps: Array<{ name: string; fault: Omit<FakeFault, 'when'> }> = [
  { name: 'create (archived)', fault: { op: 'create', archive: true } },
  { name: 'create (browser files)', fault: { op: 'create', archive: false } },
  { name: 'upload', fault: { op: 'upload' } },
  { name: 'metadata', fault: { op: 'metadata' } },
  { name: 'comment', fault: { op: 'comment' } },
];

/** Polls until the condition holds (a generous bound: the machine running the tests may be busy). */
async function until(condition: () => boolean) {
  await vi.waitFor(() => expect(condition()).toBe(true), { timeout: 10_000, interval: 2 });
}

function expectComplete(t: Awaited<ReturnType<typeof setupEngine>>, job: Parameters<typeof expectCapturedOnce>[1]) {
  expect(job.state).toBe('done');
  const { sameUrl } = expectCapturedOnce(t.atlos.sourceMaterials, job);
  expect(sameUrl).toHaveLength(job.request.options.archive ? 2 : 1);
  expect(t.atlos.updates.filter((u) => u.explanation === job.request.options.comment)).toHaveLength(1);
}

describe.each(steps)('$name', ({ fault }) => {
  it.each(['network', 'timeout', 'server'] as const)(
    'answer lost after Atlos acted (%s): reconciled, not sent twice',
    async (kind) => {
      const t = await setupEngine();
      t.atlos.faults.push({
        ...fault,
        when: 'after',
        error: new AtlosError(kind, { status: kind === 'server' ? 502 : undefined }),
      });
      const { jobId } = await t.engine.startCapture(captureRequest({ comment: 'Lost once' }));
      await t.engine.whenIdle();
      expectComplete(t, await t.job(jobId));
    },
  );

  it('failed before Atlos acted: sent again', async () => {
    const t = await setupEngine();
    t.atlos.faults.push({ ...fault, when: 'before', times: 2, error: new AtlosError('server', { status: 500 }) });
    const { jobId } = await t.engine.startCapture(captureRequest({ comment: 'Failed twice' }));
    await t.engine.whenIdle();
    expectComplete(t, await t.job(jobId));
  });

  it.each([true, false])(
    'worker killed mid-request (Atlos acted: %s): a new worker resumes, exactly once',
    async (acted) => {
      const t = await setupEngine();
      let fired = false;
      t.atlos.faults.push({ ...fault, when: 'hang', acted, onFire: () => (fired = true) });
      const { jobId } = await t.engine.startCapture(captureRequest({ comment: 'Killed once' }));
      await until(() => fired);
      const engine = t.restart();
      await engine.runPending();
      await engine.whenIdle();
      expectComplete(t, await t.job(jobId));
    },
  );
});

describe('reconciling among several jobs', () => {
  it('two captures of the same URL on one incident, both answers lost: two source materials, one each', async () => {
    const t = await setupEngine();
    t.atlos.faults.push({ op: 'create', when: 'after', times: 2 });
    const request = captureRequest({ archive: false });
    const a = await t.engine.startCapture(request);
    const b = await t.engine.startCapture(request);
    await t.engine.whenIdle();
    const jobA = await t.job(a.jobId);
    const jobB = await t.job(b.jobId);
    expect(jobA.sourceMaterialId).not.toBe(jobB.sourceMaterialId);
    expect(t.atlos.sourceMaterials).toHaveLength(2);
    for (const job of [jobA, jobB]) expectCapturedOnce(t.atlos.sourceMaterials, job);
  });

  it('the same comment from two captures, both answers lost: posted twice, not three or one times', async () => {
    const t = await setupEngine();
    t.atlos.faults.push({ op: 'comment', when: 'after', times: 2 }, { op: 'updates', when: 'before', times: 1 });
    await t.engine.startCapture(captureRequest({ archive: false, comment: 'Same words', url: 'https://a.test/1' }));
    await t.engine.startCapture(captureRequest({ archive: false, comment: 'Same words', url: 'https://a.test/2' }));
    await t.engine.whenIdle();
    expect(t.atlos.updates.filter((u) => u.explanation === 'Same words')).toHaveLength(2);
  });

  it('two files with identical bytes: both uploaded even when one answer is lost', async () => {
    const t = await setupEngine({
      collect: async (r) => {
        const c = await collected(r, ['same', 'same']);
        return c;
      },
    });
    t.atlos.faults.push({ op: 'upload', when: 'after', times: 1 }, { op: 'upload', when: 'after', times: 1 });
    const { jobId } = await t.engine.startCapture(captureRequest({ archive: false }));
    await t.engine.whenIdle();
    const job = await t.job(jobId);
    expect(job.artifacts[0]!.sha256).toBe(job.artifacts[1]!.sha256);
    expectCapturedOnce(t.atlos.sourceMaterials, job);
    expect(t.atlos.sourceMaterials[0]!.artifacts).toHaveLength(2);
  });

  it('creations on one incident never overlap; other incidents go on in parallel', async () => {
    const t = await setupEngine();
    const running = new Map<string, number>();
    let overlapSameIncident = 0;
    let overlapAcross = 0;
    let sawBothIncidents = () => {};
    const bothIncidents = new Promise<void>((resolve) => (sawBothIncidents = resolve));
    const original = t.atlos.client.createSourceMaterial;
    t.atlos.client.createSourceMaterial = async (slug, ...rest) => {
      running.set(slug, (running.get(slug) ?? 0) + 1);
      if (running.get(slug)! > 1) overlapSameIncident++;
      if ([...running.values()].filter((n) => n > 0).length > 1) {
        overlapAcross++;
        sawBothIncidents();
      }
      try {
        // Each creation waits (up to 2 s) for one on the other incident to start, so the overlap that
        // must be allowed is seen even when a busy machine spaces the jobs out.
        await Promise.race([bothIncidents, new Promise((r) => setTimeout(r, 2000))]);
        return await original(slug, ...rest);
      } finally {
        running.set(slug, running.get(slug)! - 1);
      }
    };
    const starts = [];
    for (let i = 0; i < 6; i++)
      starts.push(
        t.engine.startCapture(captureRequest({ slug: i % 2 ? 'ABC123' : 'XYZ789', url: `https://c.test/${i}` })),
      );
    const ids = (await Promise.all(starts)).map((s) => s.jobId);
    await t.engine.whenIdle();
    expect(overlapSameIncident).toBe(0);
    expect(overlapAcross).toBeGreaterThan(0);
    for (const id of ids) expectCapturedOnce(t.atlos.sourceMaterials, await t.job(id));
    expect(t.atlos.sourceMaterials).toHaveLength(12);
  });
});
