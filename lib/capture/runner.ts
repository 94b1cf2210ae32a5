/**
 * Drives one job to its end: waits out backoff (or for the network), runs the current step,
 * and on failure saves either the retry plan (retryable) or the failure (a person must act).
 */
import { i18n } from '#i18n';
import { newestFirst } from '../domain/order';
import { backoffDelay, type BackoffPolicy } from './backoff';
import { CaptureError, describeFailure } from './failure';
import type { KeyedQueue } from './incident-queue';
import { currentStep, isActive, type CaptureJob } from './job';
import type { KeyedLimiter, Limiter } from './limiter';
import type { NetworkWatch } from './network';
import { jobConnectionRef } from './follow-connection';
import { DEFAULT_SKEW_MS } from './reconcile';
import type { StepContext } from './step-context';
import { runStep } from './steps';
import type { CaptureEngineDeps } from './engine-types';

/** Unexplained errors are retried this many times before the job stops for a person to look at. */
export const MAX_UNEXPECTED_ATTEMPTS = 8;
/** At least the Atlos client's own request time limit (lib/atlos/client.ts), so a late record still falls in the window. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

export interface RunnerEnv {
  deps: CaptureEngineDeps;
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  random(): number;
  network: NetworkWatch;
  policy: BackoffPolicy;
  queue: KeyedQueue;
  limiter: Limiter;
  /** Uploads at once per Atlos instance. */
  uploads?: KeyedLimiter;
  /** Called to cut short every current wait (runPending). */
  wakers: Set<() => void>;
  isDisposed(): boolean;
  /** When the network last came back: jobs waiting for it since before then skip their backoff. */
  networkBackAt(): number;
  save(job: CaptureJob, claims?: string[], signal?: AbortSignal): Promise<void>;
}

export function createJobRunner(env: RunnerEnv): { drive(jobId: string, signal: AbortSignal): Promise<void> } {
  const { deps, now, sleep, random, network, policy, queue, limiter, wakers, save } = env;
  const { store } = deps;

  /** Waits `ms` or until woken (runPending) or aborted; offline, waits for the network instead. */
  async function pause(ms: number, signal: AbortSignal, untilOnline: boolean) {
    const local = new AbortController();
    const onAbort = () => local.abort(signal.reason);
    const wake = () => local.abort(new Error('woken'));
    signal.addEventListener('abort', onAbort, { once: true });
    wakers.add(wake);
    try {
      const waits = [sleep(ms, local.signal)];
      if (untilOnline) waits.push(network.whenOnline(local.signal));
      await Promise.race(waits);
    } catch {
      // woken or aborted: the caller looks at the signal
    } finally {
      local.abort();
      wakers.delete(wake);
      signal.removeEventListener('abort', onAbort);
    }
  }

  async function settle(job: CaptureJob, signal: AbortSignal): Promise<CaptureJob> {
    const { error: _e, nextAttemptAt: _n, inFlight: _i, ...rest } = job;
    const done: CaptureJob = { ...rest, state: 'done', attempts: 0, finishedAt: new Date(now()).toISOString() };
    await save(done, undefined, signal);
    await store.deleteBlobs(job.id);
    await pruneHistory();
    deps.onJobSettled?.(done);
    return done;
  }

  /** Keeps the newest finished captures; a batch counts as one, and one with items still going is kept whole. */
  async function pruneHistory() {
    const all = await store.all();
    const going = new Set(all.filter((j) => j.batch && j.state !== 'done').map((j) => j.batch!.id));
    const entries = new Map<string, CaptureJob[]>();
    for (const job of all.filter((j) => j.state === 'done').sort(newestFirst)) {
      const key = job.batch?.id ?? job.id;
      if (!going.has(key)) entries.set(key, [...(entries.get(key) ?? []), job]);
    }
    for (const old of [...entries.values()].slice(deps.historyLimit ?? 50).flat()) await store.delete(old.id);
    await store.pruneClaims(now() - 24 * 3600_000);
  }

  async function drive(jobId: string, signal: AbortSignal) {
    let job = await store.get(jobId);
    while (job && isActive(job) && !signal.aborted) {
      // Still being collected, or waiting for its turn in a batch: the collection starts the job after.
      if (currentStep(job) === 'collect') return;
      const networkReturned = job.state === 'waiting_network' && env.networkBackAt() >= Date.parse(job.updatedAt);
      const waitMs = networkReturned ? 0 : (job.nextAttemptAt ?? 0) - now();
      if (waitMs > 0) {
        await pause(waitMs, signal, job.state === 'waiting_network');
        job = await store.get(jobId);
        continue;
      }
      if (!network.isOnline()) {
        if (job.state !== 'waiting_network') {
          job = {
            ...job,
            state: 'waiting_network',
            error: { kind: 'network', message: i18n.t('capture_error_network') },
          };
          await save(job, undefined, signal);
        }
        await pause(policy.capMs, signal, true);
        continue;
      }
      job = await attempt(job, signal);
    }
  }

  /** Moves the job to the connection now serving its instance and project, if that changed. */
  async function followConnection(job: CaptureJob, signal: AbortSignal): Promise<CaptureJob> {
    if (!deps.connectionFor) return job;
    const { incident } = job.request;
    const found = await deps.connectionFor(jobConnectionRef(job));
    if (!found || (found.connectionId === incident.connectionId && (job.projectId ?? null) === found.projectId))
      return job;
    const next: CaptureJob = {
      ...job,
      projectId: job.projectId ?? found.projectId,
      request: { ...job.request, incident: { ...incident, connectionId: found.connectionId } },
    };
    await save(next, undefined, signal);
    return next;
  }

  /** Runs one step; on failure saves the retry plan or the failure and returns the job as stored. */
  async function attempt(job: CaptureJob, signal: AbortSignal): Promise<CaptureJob | undefined> {
    const release = deps.keepAlive?.hold();
    try {
      return await limiter.run(async () => {
        if (signal.aborted) return job;
        job = await followConnection(job, signal);
        const client = await deps.getClient(job.request.incident.connectionId).catch((error: unknown) => {
          // The connection is gone or refused: its own sentence says what to do. Other errors
          // (storage briefly unavailable) are retried like any unexplained error.
          const refused =
            error instanceof Error &&
            'kind' in error &&
            ['invalid_token', 'permission', 'not_found'].includes(String(error.kind));
          throw refused ? new CaptureError('connection', error.message) : error;
        });
        if (job.state !== 'running' || job.baseUrl !== client.baseUrl) {
          job = { ...job, state: 'running', baseUrl: client.baseUrl };
          await save(job, undefined, signal);
        }
        const ctx: StepContext = {
          client,
          store,
          queue,
          uploads: env.uploads,
          now,
          signal,
          skewMs: deps.skewMs ?? DEFAULT_SKEW_MS,
          requestTimeoutMs: deps.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
          custody: deps.custody,
          save: (next, claims) => save(next, claims, signal),
        };
        let next = await runStep(job, ctx);
        if (next.attempts || next.error || next.nextAttemptAt !== undefined) {
          const { error: _e, nextAttemptAt: _n, ...rest } = next;
          next = { ...rest, attempts: 0 };
          await save(next, undefined, signal);
        }
        return currentStep(next) === 'done' ? await settle(next, signal) : next;
      });
    } catch (error) {
      if (signal.aborted || env.isDisposed()) return undefined;
      const stored = await store.get(job.id);
      if (!stored) return undefined;
      const failure = describeFailure(error, currentStep(stored), stored.request.incident.slug);
      if (failure.aborted) return undefined;
      const problem = { kind: failure.kind, message: failure.message };
      const attempts = stored.attempts + 1;
      if (failure.retryable && !(failure.kind === 'unexpected' && attempts >= MAX_UNEXPECTED_ATTEMPTS)) {
        const next: CaptureJob = {
          ...stored,
          attempts,
          error: problem,
          nextAttemptAt: now() + backoffDelay(attempts, random, policy),
          state: failure.network ? 'waiting_network' : 'retrying',
        };
        await save(next, undefined, signal);
        return next;
      }
      const { nextAttemptAt: _n, ...rest } = stored;
      const failed: CaptureJob = { ...rest, state: 'failed', error: problem };
      await save(failed, undefined, signal);
      deps.onJobSettled?.(failed);
      return failed;
    } finally {
      release?.();
    }
  }

  return { drive };
}
