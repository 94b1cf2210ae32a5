/**
 * The engine's batch parts wired together (engine.ts stays about single jobs): the collection of
 * batch tabs (batch-collect.ts), `startBatch` / `retryBatch` (batch.ts), and the end of a job told
 * once for a single capture and once per batch (when its last item settles).
 */
import { sequentialCollector } from '../batch/collector';
import type { IncidentRef } from '../domain/capture-request';
import { DEFAULT_BATCH_SIZE_CAP } from '../settings';
import { createBatchEngine, settledBatch } from './batch';
import { createBatchCollection } from './batch-collect';
import type { CaptureEngineDeps } from './engine-types';
import { summarize, type CaptureJob } from './job';
import type { JobsStore } from './jobs-store';

export interface BatchWiringEnv {
  deps: CaptureEngineDeps;
  store: JobsStore;
  now(): number;
  /** Jobs whose collection runs in this worker (shared with the engine). */
  collecting: Set<string>;
  collectTimeoutMs: number;
  save(job: CaptureJob): Promise<void>;
  start(jobId: string): void;
  retryJob(jobId: string): Promise<void>;
  where(incident: IncidentRef): Promise<{ baseUrl?: string; projectId?: string | null }>;
  reportActivity(): void;
  isDisposed(): boolean;
}

export function wireBatches(env: BatchWiringEnv) {
  const { deps, store } = env;
  const collection = createBatchCollection({
    store,
    openCollector: async () => deps.openBatchCollector?.() ?? sequentialCollector(deps.collect),
    timeoutMs: env.collectTimeoutMs,
    collecting: env.collecting,
    save: env.save,
    onSaved: (job) => deps.onJobUpdated?.(summarize(job)),
    start: env.start,
    onFailed: jobSettled,
    isDisposed: env.isDisposed,
    keepAlive: deps.keepAlive,
  });
  const batches = createBatchEngine({
    store,
    now: env.now,
    newId: () => deps.newId?.() ?? crypto.randomUUID(),
    jobFacts: async (incident) => {
      const { metadataNamespace, batchSizeCap } = await deps.getCaptureDefaults();
      return {
        namespace: metadataNamespace,
        batchSizeCap: batchSizeCap ?? DEFAULT_BATCH_SIZE_CAP,
        ...(await env.where(incident)),
      };
    },
    toolInfo: deps.toolInfo,
    announce: (jobs) => {
      for (const job of jobs) deps.onJobUpdated?.(summarize(job));
      env.reportActivity();
    },
    save: env.save,
    start: env.start,
    retryJob: env.retryJob,
    collectWaiting: () => collection.run(),
    rememberIncident: (incident) => void deps.rememberIncident?.(incident).catch(() => undefined),
  });

  /** What each batch's end was told with, so items settling together tell it once. */
  const toldBatches = new Map<string, string>();
  let batchChecks: Promise<void> = Promise.resolve();
  /** A single capture's end is told at once; a batch's only when its last item settles. */
  function jobSettled(job: CaptureJob) {
    if (!job.batch) return deps.onJobSettled?.(job);
    const batchId = job.batch.id;
    batchChecks = batchChecks
      .then(async () => {
        const jobs = await settledBatch(store, batchId);
        const told = jobs?.map((j) => `${j.id}:${j.state}:${j.updatedAt}`).join();
        if (!jobs || env.isDisposed() || toldBatches.get(batchId) === told) return;
        toldBatches.set(batchId, told!);
        deps.onBatchSettled?.(jobs);
      })
      .catch(() => undefined);
  }

  return { collection, startBatch: batches.startBatch, retryBatch: batches.retryBatch, jobSettled };
}
