/**
 * Collects the tab items of batches: one batch at a time, its items one at a time in item order
 * (the next one may begin once the previous one no longer needs its tab in front, while it still
 * reads the page's facts and archive), each exactly as a single capture is collected
 * (collecting.ts: every artifact stored as it comes, a time limit). An item that can never be
 * captured fails with the reason; the others go on to the steps against Atlos as soon as they are
 * collected. One run at a time; a run asked for while one goes on runs again after it.
 */
import type { BatchCollector } from '../batch/collector';
import { collectInto } from './collecting';
import type { CaptureJob } from './job';
import type { JobsStore } from './jobs-store';

export interface BatchCollectionEnv {
  store: JobsStore;
  openCollector(): Promise<BatchCollector>;
  timeoutMs: number;
  /** Jobs whose collection runs in this worker (shared with the engine). */
  collecting: Set<string>;
  save(job: CaptureJob): Promise<void>;
  onSaved(job: CaptureJob): void;
  /** Starts the job's steps against Atlos. */
  start(jobId: string): void;
  /** A job that ended without reaching Atlos (could not be captured at all). */
  onFailed(job: CaptureJob): void;
  isDisposed(): boolean;
  keepAlive?: { hold(): () => void } | undefined;
}

/** Items collected at once at most: one getting ready, one in front, one finishing behind it. */
const IN_FLIGHT = 3;

export const NOT_CAPTURED = 'not_captured';

export interface BatchCollection {
  /** Collects every item waiting for its turn; resolves when none is left. */
  run(): Promise<void>;
  /** Whether a run is going on, and its end (tests). */
  busy(): boolean;
  idle(): Promise<void>;
}

export function createBatchCollection(env: BatchCollectionEnv): BatchCollection {
  let running: Promise<void> | undefined;
  let again = false;

  function run(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await collectWaiting();
      } while (again && !env.isDisposed());
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  async function collectWaiting() {
    const waiting = (await env.store.all()).filter((job) => job.awaitingCollection && job.batch);
    const batches = new Map<string, CaptureJob[]>();
    for (const job of waiting.sort(byBatchOrder)) {
      const id = job.batch!.id;
      batches.set(id, [...(batches.get(id) ?? []), job]);
    }
    for (const jobs of batches.values()) {
      if (env.isDisposed()) return;
      await collectBatch(jobs);
    }
  }

  async function collectBatch(jobs: CaptureJob[]) {
    const release = env.keepAlive?.hold();
    const collector = await env.openCollector();
    const inFlight: Array<Promise<void>> = [];
    // Each item's turn in front comes when the one before it released the front (or ended).
    let turn: Promise<void> = Promise.resolve();
    try {
      for (const { id } of jobs) {
        if (env.isDisposed()) break;
        const job = await env.store.get(id);
        if (!job?.awaitingCollection) continue; // dismissed, or collected by another run
        let release = () => {};
        const front = new Promise<void>((resolve) => (release = resolve));
        // Never before its own turn: an item that ends early (a tab gone) must not let the next
        // one take the front from the item still being captured.
        const ownTurn = turn;
        const released = () => void ownTurn.then(release);
        inFlight.push(collectItem(job, collector, released, ownTurn).finally(released));
        turn = front;
        if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
      }
      await Promise.all(inFlight);
    } finally {
      await collector.close();
      release?.();
    }
  }

  async function collectItem(
    job: CaptureJob,
    collector: BatchCollector,
    released: () => void,
    turn: Promise<void>,
  ): Promise<void> {
    const { awaitingCollection: _waiting, ...rest } = job;
    const started: CaptureJob = { ...rest, collecting: true, state: 'running' };
    env.collecting.add(job.id);
    try {
      await env.save(started);
      const finished = await collectInto(
        {
          // A stopped engine writes nothing more: its successor may already own the job.
          store: {
            create: (next, blobs) =>
              env.isDisposed()
                ? Promise.reject(new DOMException('The capture engine stopped.', 'AbortError'))
                : env.store.create(next, blobs),
          },
          collect: (request, progress) =>
            collector.collect(request, {
              onArtifact: progress?.onArtifact ?? (async () => undefined),
              signal: progress?.signal ?? new AbortController().signal,
              released,
              turn,
            }),
          timeoutMs: env.timeoutMs,
          onSaved: env.onSaved,
        },
        started,
        started.request,
      ).catch(async (error: unknown) => {
        if (env.isDisposed()) throw error;
        // Nothing could be taken and the browser says why (a browser page, for one): the item
        // fails with that reason, and Retry collects it again.
        const stored = (await env.store.get(job.id)) ?? started;
        const { collecting: _c, ...left } = stored;
        const message = error instanceof Error ? error.message : String(error);
        const failed: CaptureJob = { ...left, state: 'failed', error: { kind: NOT_CAPTURED, message } };
        await env.save(failed);
        env.onFailed(failed);
        return undefined;
      });
      if (!finished) return;
      await env.save(finished);
    } catch (error) {
      if (!env.isDisposed()) console.error('[capture] batch item could not be collected', error);
      return;
    } finally {
      env.collecting.delete(job.id);
    }
    env.start(job.id);
  }

  return { run, busy: () => running !== undefined, idle: () => running ?? Promise.resolve() };
}

function byBatchOrder(a: CaptureJob, b: CaptureJob): number {
  return (
    a.createdAt.localeCompare(b.createdAt) || a.batch!.id.localeCompare(b.batch!.id) || a.batch!.index - b.batch!.index
  );
}
