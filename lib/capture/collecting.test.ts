/**
 * Durable from the click: the job is stored before collection starts, each artifact as soon as
 * the collector reports it; a worker that stops mid-collection or a collector that never returns
 * loses nothing collected, and the rest is reported as problems ("Captured with problems").
 */
import { describe, expect, it, vi } from 'vitest';
import type { CollectedCapture } from '../domain/collected-capture';
import type { CollectProgress } from './collecting';
import { summarize } from './job';
import type { CaptureRequest } from '../domain/capture-request';
import { artifact, captureRequest, collected } from './testing/fixtures';
import { setupEngine } from './testing/setup';

const never = new Promise<never>(() => undefined);

describe('durable from the click', () => {
  it("stores the job with the click's request before the collector runs", async () => {
    let seen: unknown;
    const t = await setupEngine({
      collect: async (request) => {
        const [job] = await t.store.all();
        seen = job && { request: job.request, step: summarize(job).step, artifacts: job.artifacts.length };
        return collected(request);
      },
    });
    const request = captureRequest({ archive: false });
    await t.engine.startCapture(request);
    expect(seen).toEqual({ request, step: 'collect', artifacts: 0 });
    await t.engine.whenIdle();
  });

  it('stores each artifact the collector reports early, with its bytes, before collection ends', async () => {
    const stored: number[] = [];
    const t = await setupEngine({
      collect: async (request: CaptureRequest, progress?: CollectProgress) => {
        const result = await collected(request);
        for (const a of result.artifacts) {
          await progress!.onArtifact(a);
          const [job] = await t.store.all();
          stored.push((await t.store.blob(job!.artifacts.at(-1)!.blobKey))!.size);
        }
        return result;
      },
    });
    const { jobId } = await t.engine.startCapture(captureRequest({ archive: false }));
    await t.engine.whenIdle();
    const job = await t.job(jobId);
    expect(stored).toEqual(job.artifacts.map((a) => a.size));
    expect(job.artifacts).toHaveLength(2); // reported early and returned: stored once
    expect(summarize(job).outcome).toBe('complete');
  });

  it('a worker that stops mid-collection: the next one sends what was collected and names the rest', async () => {
    let reported = false;
    const t = await setupEngine({
      collect: async (request: CaptureRequest, progress?: CollectProgress) => {
        await progress!.onArtifact(await artifact('viewport_screenshot', `v ${request.target.url}`));
        reported = true;
        return never; // e.g. a frame that never answers; then the browser stops the worker
      },
    });
    void t.engine.startCapture(captureRequest({ archive: false })).catch(() => undefined);
    await vi.waitFor(() => expect(reported).toBe(true), { timeout: 10_000, interval: 2 });
    const engine = t.restart();
    await engine.runPending();
    await engine.whenIdle();
    const [job] = await t.store.all();
    expect(job!.state).toBe('done');
    expect(t.atlos.sourceMaterials[0]!.artifacts.map((a) => a.file_hash_sha256)).toEqual([job!.artifacts[0]!.sha256]);
    const summary = summarize(job!);
    expect(summary.outcome).toBe('incomplete');
    expect(summary.problems).toEqual([
      { artifact: 'full_page_screenshot', message: expect.stringContaining('the capture stopped before it was taken') },
    ]);
  });

  it('a collector that never returns: the capture goes on after the time limit with what it has', async () => {
    const t = await setupEngine({
      collectTimeoutMs: 500, // long enough for the first artifact to be stored on a busy machine
      collect: async (request: CaptureRequest, progress?: CollectProgress) => {
        await progress!.onArtifact(await artifact('viewport_screenshot', `v ${request.target.url}`));
        return never;
      },
    });
    const { jobId } = await t.engine.startCapture(captureRequest({ archive: false }));
    await t.engine.whenIdle();
    const summary = summarize(await t.job(jobId));
    expect(summary).toMatchObject({ state: 'done', outcome: 'incomplete' });
    expect(summary.problems![0]!.message).toMatch(/not ready after 1 minute/);
  });

  it('a collector that fails before anything was stored: the capture does not start and no job is left', async () => {
    const t = await setupEngine({
      collect: async (): Promise<CollectedCapture> => {
        throw new Error('No tab with id 7');
      },
    });
    await expect(t.engine.startCapture(captureRequest())).rejects.toThrow('No tab with id 7');
    expect(await t.store.all()).toEqual([]);
  });
});
