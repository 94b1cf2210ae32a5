/**
 * The capture engine: takes the artifacts at the click, stores the job with its bytes before any
 * network call, then carries it step by step to the end (steps.ts), saving after every step so a
 * worker killed at any moment resumes where it was (runPending on start, startup and alarms).
 */
import { i18n } from '#i18n';
import type { CollectedCapture } from '../artifacts/types';
import type { CustodyDeps } from '../custody/capture-step';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import type { CaptureClient } from './client-port';
import { CaptureError } from './failure';
import { createKeyedQueue } from './incident-queue';
import { isActive, newJob, summarize, type CaptureJob } from './job';
import type { JobsStore } from './jobs-store';
import { createLimiter } from './limiter';
import { alwaysOnline, type NetworkWatch } from './network';
import type { JobSummary } from './protocol';
import type { CaptureRequest, IncidentRef } from './request';
import { createJobRunner } from './runner';

export interface CaptureEngineDeps {
  store: JobsStore;
  getClient(connectionId: string): Promise<CaptureClient>;
  getCaptureDefaults(): Promise<{ metadataNamespace: string }>;
  collect(request: CaptureRequest): Promise<CollectedCapture>;
  rememberIncident?(incident: IncidentRef): Promise<void>;
  now?(): number;
  /** Rejects when `signal` aborts. */
  sleep?(ms: number, signal: AbortSignal): Promise<void>;
  random?(): number;
  newId?(): string;
  network?: NetworkWatch;
  backoff?: BackoffPolicy;
  skewMs?: number;
  /** Finished captures kept in the history. */
  historyLimit?: number;
  /** Steps running at once across all jobs. */
  maxConcurrentSteps?: number;
  keepAlive?: { hold(): () => void };
  onJobUpdated?(summary: JobSummary): void;
  /** A job reached `done` or `failed` (badge, notification). */
  onJobSettled?(job: CaptureJob): void;
  /** After any change: how many jobs are active or failed, and when the next one is due. */
  onActivity?(activity: { active: number; failed: number; nextAttemptAt?: number }): void;
  /** Signs each capture's manifest (lib/custody); without it captures carry no manifest. */
  custody?: CustodyDeps;
}

export interface CaptureEngine {
  startCapture(request: CaptureRequest): Promise<{ jobId: string }>;
  listJobs(): Promise<JobSummary[]>;
  retryJob(jobId: string): Promise<void>;
  /** Removes a job from the history; an active one is cancelled first. */
  dismissJob(jobId: string): Promise<void>;
  /** Starts every active job not running yet and wakes those waiting; `networkBack` skips backoff waits. */
  runPending(options?: { networkBack?: boolean }): Promise<void>;
  /** Resolves when no job is being driven (tests). */
  whenIdle(): Promise<void>;
  /** Stops everything at once, as if the worker were killed: nothing more is written. */
  dispose(): void;
}

const defaultSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

export function createCaptureEngine(deps: CaptureEngineDeps): CaptureEngine {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? defaultSleep;
  const random = deps.random ?? Math.random;
  const network = deps.network ?? alwaysOnline;
  const policy = deps.backoff ?? DEFAULT_BACKOFF;
  const queue = createKeyedQueue();
  const limiter = createLimiter(deps.maxConcurrentSteps ?? 4);
  const loops = new Map<string, { controller: AbortController; done: Promise<void> }>();
  const wakers = new Set<() => void>();
  let disposed = false;
  /** When the network last came back: jobs waiting for it since before then skip their backoff. */
  let networkBackAt = -Infinity;
  const { drive } = createJobRunner({
    deps, now, sleep, random, network, policy, queue, limiter, wakers, save,
    isDisposed: () => disposed,
    networkBackAt: () => networkBackAt,
  });

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
      ...(due.length ? { nextAttemptAt: Math.min(...due) } : {}),
    });
  }

  function start(jobId: string) {
    if (disposed || loops.has(jobId)) return;
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

  return {
    async startCapture(request) {
      // First, while the browser still grants access to the tab.
      const collected = await deps.collect(request);
      const { options } = request;
      const wanted = options.viewportScreenshot || options.fullPageScreenshot || options.pageArchive || options.originalMedia;
      if (wanted && !options.urlOnly && collected.artifacts.length === 0) {
        // Never downgrade to a URL-only capture without the person's choice.
        const why = collected.problems.map((p) => p.message).join(' ') || '—';
        throw new CaptureError('nothing_captured', i18n.t('capture_error_nothingCaptured', [why]));
      }
      const { metadataNamespace } = await deps.getCaptureDefaults();
      const baseUrl = await deps.getClient(request.incident.connectionId).then((c) => c.baseUrl, () => undefined);
      const id = deps.newId?.() ?? crypto.randomUUID();
      const job = newJob({ id, now: now(), request, namespace: metadataNamespace, collected, ...(baseUrl ? { baseUrl } : {}) });
      await store.create(job, collected.artifacts.map((a, i) => ({ key: job.artifacts[i]!.blobKey, blob: a.blob })));
      deps.onJobUpdated?.(summarize(job));
      void reportActivity();
      void deps.rememberIncident?.(request.incident).catch(() => undefined);
      start(id);
      return { jobId: id };
    },
    async listJobs() {
      return (await store.all()).sort(newestFirst).map(summarize);
    },
    async retryJob(jobId) {
      const job = await store.get(jobId);
      if (!job || job.state === 'done') return;
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
      for (const job of await store.all()) if (isActive(job)) start(job.id);
      wakeAll();
      void reportActivity();
    },
    async whenIdle() {
      while (loops.size) await Promise.all([...loops.values()].map((l) => l.done));
    },
    dispose() {
      disposed = true;
      for (const { controller } of loops.values()) controller.abort();
      loops.clear();
    },
  };

  function wakeAll() {
    for (const wake of [...wakers]) wake();
  }
}

const newestFirst = (a: CaptureJob, b: CaptureJob) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0);
