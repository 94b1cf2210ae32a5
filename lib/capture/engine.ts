/**
 * The capture engine: takes the artifacts at the click, stores the job with its bytes before any
 * network call, then carries it step by step to the end (steps.ts), saving after every step so a
 * worker killed at any moment resumes where it was (runPending on start, startup and alarms).
 *
 * Over a screen on purpose: the engine's public calls and the job-loop bookkeeping they share
 * (loops, wakers, disposal) read as one unit; the step work is in runner.ts and steps.ts, batches
 * in batch-wiring.ts.
 */
import { i18n } from '#i18n';
import { newestFirst } from '../domain/order';
import { sleep as abortableSleep } from '../domain/sleep';
import { DEFAULT_BACKOFF } from './backoff';
import { againToCollect, failedAtCollection } from './batch';
import { wireBatches } from './batch-wiring';
import { collectInto, DEFAULT_COLLECT_TIMEOUT_MS, finishInterrupted, placeholderCollected } from './collecting';
import { CaptureError } from './failure';
import { jobConnectionRef } from './follow-connection';
import { createKeyedQueue } from './incident-queue';
import { requestedKinds } from './outcome';
import { isActive, jobProblems, newJob, summarize, type CaptureJob } from './job';
import { createKeyedLimiter, createLimiter } from './limiter';
import { alwaysOnline } from './network';
import { createJobRunner } from './runner';
import type { CaptureEngine, CaptureEngineDeps } from './engine-types';
import type { IncidentRef } from '../domain/capture-request';

export type { CaptureEngine, CaptureEngineDeps } from './engine-types';

export function createCaptureEngine(deps: CaptureEngineDeps): CaptureEngine {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? abortableSleep;
  const random = deps.random ?? Math.random;
  const network = deps.network ?? alwaysOnline;
  const policy = deps.backoff ?? DEFAULT_BACKOFF;
  const queue = createKeyedQueue();
  const limiter = createLimiter(deps.maxConcurrentSteps ?? 4);
  const loops = new Map<string, { controller: AbortController; done: Promise<void> }>();
  /** Jobs whose collection runs in this worker (any other job marked collecting was cut off). */
  const collecting = new Set<string>();
  const collectTimeoutMs = deps.collectTimeoutMs ?? DEFAULT_COLLECT_TIMEOUT_MS;
  const wakers = new Set<() => void>();
  let disposed = false;
  /** When the network last came back: jobs waiting for it since before then skip their backoff. */
  let networkBackAt = -Infinity;
  const { drive } = createJobRunner({
    deps: { ...deps, onJobSettled: (job) => batches.jobSettled(job) },
    now,
    sleep,
    random,
    network,
    policy,
    queue,
    limiter,
    uploads: createKeyedLimiter(deps.maxUploadsPerInstance ?? 2),
    wakers,
    save,
    isDisposed: () => disposed,
    networkBackAt: () => networkBackAt,
  });

  const batches = wireBatches({
    deps,
    store,
    now,
    collecting,
    collectTimeoutMs,
    save: (job) => save(job),
    start,
    retryJob: (jobId) => engine.retryJob(jobId),
    where,
    reportActivity: () => void reportActivity(),
    isDisposed: () => disposed,
  });
  const { collection } = batches;

  /** The instance and project a new job of this incident's connection belongs to. */
  async function where(incident: IncidentRef): Promise<{ baseUrl?: string; projectId?: string | null }> {
    const found = await deps.connectionFor?.({ connectionId: incident.connectionId }).catch(() => undefined);
    const baseUrl =
      found?.baseUrl ??
      (await deps.getClient(incident.connectionId).then(
        (c) => c.baseUrl,
        () => undefined,
      ));
    return { ...(baseUrl ? { baseUrl } : {}), ...(found ? { projectId: found.projectId } : {}) };
  }

  async function save(job: CaptureJob, claims?: string[], signal?: AbortSignal): Promise<void> {
    if (disposed || signal?.aborted) throw new DOMException('The capture engine stopped.', 'AbortError');
    job.updatedAt = new Date(now()).toISOString();
    await store.put(job, claims);
    deps.onJobUpdated?.(summarize(job));
    void reportActivity();
  }

  async function reportActivity() {
    if (!deps.onActivity || disposed) return;
    const jobs = await store.all();
    const active = jobs.filter(isActive);
    const due = active.map((j) => j.nextAttemptAt).filter((t): t is number => t !== undefined);
    deps.onActivity({
      active: active.length,
      failed: jobs.filter((j) => j.state === 'failed').length,
      incomplete: jobs.filter((j) => j.state === 'done' && jobProblems(j).length > 0).length,
      ...(due.length ? { nextAttemptAt: Math.min(...due) } : {}),
    });
  }

  async function movedConnection(job: CaptureJob): Promise<boolean> {
    const found = await deps.connectionFor?.(jobConnectionRef(job)).catch(() => undefined);
    return found !== undefined && found.connectionId !== job.request.incident.connectionId;
  }

  function start(jobId: string) {
    if (disposed || loops.has(jobId) || collecting.has(jobId)) return;
    const controller = new AbortController();
    const done = drive(jobId, controller.signal)
      .catch((error) => {
        if (!controller.signal.aborted && !disposed) console.error('[capture] job loop stopped', error);
      })
      .finally(() => {
        if (loops.get(jobId)?.controller === controller) loops.delete(jobId);
      });
    loops.set(jobId, { controller, done });
  }

  const engine: CaptureEngine = {
    async startCapture(request) {
      const { metadataNamespace } = await deps.getCaptureDefaults();
      const facts = await where(request.incident);
      const id = deps.newId?.() ?? crypto.randomUUID();
      const collected = { ...placeholderCollected(request, now()), artifacts: [] };
      // Stored before collection starts: from here on, a stopped worker cannot lose the capture.
      const job = newJob({
        id,
        now: now(),
        request,
        namespace: metadataNamespace,
        collected,
        collecting: true,
        ...facts,
      });
      await store.create(job, []);
      collecting.add(id);
      deps.onJobUpdated?.(summarize(job));
      void reportActivity();
      try {
        const finished = await collectInto(
          {
            store,
            collect: deps.collect,
            timeoutMs: collectTimeoutMs,
            onSaved: (saved) => deps.onJobUpdated?.(summarize(saved)),
          },
          job,
          request,
        ).catch(async (error: unknown) => {
          await store.delete(id); // nothing was stored: the capture could not start, and says why
          void reportActivity();
          throw error;
        });
        if (requestedKinds(request.options, request.target.kind).length > 0 && finished.artifacts.length === 0) {
          // Never downgrade to a URL-only capture without the person's choice.
          await store.delete(id);
          void reportActivity();
          const why = finished.collected.problems.map((p) => p.message).join(' ') || '—';
          throw new CaptureError('nothing_captured', i18n.t('capture_error_nothingCaptured', [why]));
        }
        await save(finished);
      } finally {
        collecting.delete(id);
      }
      void deps.rememberIncident?.(request.incident).catch(() => undefined);
      start(id);
      return { jobId: id };
    },
    startBatch: (request) => batches.startBatch(request),
    retryBatch: (batchId) => batches.retryBatch(batchId),
    async listJobs() {
      return (await store.all()).sort(newestFirst).map(summarize);
    },
    async retryJob(jobId) {
      const job = await store.get(jobId);
      if (!job || job.state === 'done') return;
      if (failedAtCollection(job)) {
        await save(againToCollect(job));
        void collection.run();
        return;
      }
      const { error: _e, nextAttemptAt: _n, ...rest } = job;
      if (job.state === 'failed') await save({ ...rest, state: 'queued', attempts: 0 });
      else if (loops.has(jobId)) return wakeAll();
      start(jobId);
    },
    async dismissJob(jobId) {
      const loop = loops.get(jobId);
      loop?.controller.abort();
      await loop?.done;
      await store.delete(jobId);
      void reportActivity();
    },
    async runPending(options = {}) {
      if (options.networkBack) networkBackAt = now();
      for (const job of await store.all()) {
        if (job.collecting && !collecting.has(job.id)) {
          // A batch's tab is still there to be read (its grant is not the click's): nothing stored
          // yet, it is collected again in its turn; otherwise it goes on with what it has.
          const again = job.batch && job.artifacts.length === 0 && job.request.target.kind === 'page';
          await save(again ? againToCollect(withoutCollecting(job)) : finishInterrupted(job)).catch(() => undefined);
        }
        // A project connected again (a new connection): captures that stopped for want of their
        // connection go on. Only a different connection counts, so a refusal cannot loop.
        if (
          options.reconnected &&
          job.state === 'failed' &&
          job.error?.kind === 'connection' &&
          (await movedConnection(job))
        ) {
          const { error: _e, nextAttemptAt: _n, ...rest } = job;
          await save({ ...rest, state: 'queued', attempts: 0 }).catch(() => undefined);
        }
      }
      let waiting = false;
      for (const job of await store.all()) {
        if (job.awaitingCollection) waiting = true;
        else if (isActive(job)) start(job.id);
      }
      if (waiting) void collection.run();
      wakeAll();
      void reportActivity();
    },
    async whenIdle() {
      while (loops.size || collection.busy()) {
        await collection.idle();
        await Promise.all([...loops.values()].map((l) => l.done));
      }
    },
    dispose() {
      disposed = true;
      for (const { controller } of loops.values()) controller.abort();
      loops.clear();
    },
  };
  return engine;

  function withoutCollecting(job: CaptureJob): CaptureJob {
    const { collecting: _c, ...rest } = job;
    return rest;
  }

  function wakeAll() {
    for (const wake of [...wakers]) wake();
  }
}
