/**
 * Batches in the engine: `startBatch` stores one job per item in one transaction before it
 * answers (durable from the click, each job carrying its place in the batch), starts the link
 * items' steps at once and hands the tab items to the batch collection (batch-collect.ts);
 * `retryBatch` retries the failed items; a batch whose last item settles is reported once.
 */
import type { BatchRequest } from '../domain/batch';
import type { ToolInfo } from '../domain/collected-capture';
import { NOT_CAPTURED } from './batch-collect';
import { batchRefusal, itemCollected, itemRequest } from './batch-items';
import { isActive, newJob, type CaptureJob } from './job';
import type { JobsStore } from './jobs-store';

export interface BatchEngineEnv {
  store: JobsStore;
  now(): number;
  newId(): string;
  /** Namespace, instance and project as for a single capture (engine.ts). */
  jobFacts(incident: BatchRequest['incident']): Promise<{
    namespace: string;
    batchSizeCap: number;
    baseUrl?: string;
    projectId?: string | null;
  }>;
  toolInfo?: (() => ToolInfo) | undefined;
  /** Announces new jobs (pages, badge). */
  announce(jobs: CaptureJob[]): void;
  save(job: CaptureJob): Promise<void>;
  start(jobId: string): void;
  retryJob(jobId: string): Promise<void>;
  /** Collects the tab items waiting for their turn (batch-collect.ts). */
  collectWaiting(): Promise<void>;
  rememberIncident(incident: BatchRequest['incident']): void;
}

/** A batch item that failed before anything reached Atlos because it could not be collected. */
export function failedAtCollection(job: CaptureJob): boolean {
  return job.batch !== undefined && job.state === 'failed' && job.error?.kind === NOT_CAPTURED;
}

export function createBatchEngine(env: BatchEngineEnv) {
  async function startBatch(request: BatchRequest): Promise<{ batchId: string; jobIds: string[] }> {
    const facts = await env.jobFacts(request.incident);
    const refusal = batchRefusal(request, facts.batchSizeCap);
    if (refusal) throw new Error(refusal);
    const batchId = env.newId();
    const now = env.now();
    const tool = env.toolInfo?.();
    const jobs = request.items.map((item, index) => {
      const itemReq = itemRequest(request, item, index);
      return newJob({
        id: env.newId(),
        now,
        request: itemReq,
        namespace: facts.namespace,
        collected: { ...itemCollected(itemReq, item, now, tool), artifacts: [] },
        awaitingCollection: item.kind === 'tab',
        batch: { id: batchId, index, size: request.items.length },
        ...(facts.baseUrl ? { baseUrl: facts.baseUrl } : {}),
        ...(facts.projectId !== undefined ? { projectId: facts.projectId } : {}),
      });
    });
    await env.store.createAll(jobs);
    env.announce(jobs);
    env.rememberIncident(request.incident);
    for (const job of jobs) if (!job.awaitingCollection) env.start(job.id);
    if (jobs.some((job) => job.awaitingCollection)) void env.collectWaiting();
    return { batchId, jobIds: jobs.map((job) => job.id) };
  }

  async function retryBatch(batchId: string): Promise<void> {
    const failed = (await env.store.all()).filter((job) => job.batch?.id === batchId && job.state === 'failed');
    let recollect = false;
    for (const job of failed) {
      if (failedAtCollection(job)) {
        await env.save(againToCollect(job));
        recollect = true;
      } else await env.retryJob(job.id);
    }
    if (recollect) void env.collectWaiting();
  }

  return { startBatch, retryBatch };
}

/** The item goes back to its turn in the batch's collection. */
export function againToCollect(job: CaptureJob): CaptureJob {
  const { error: _e, nextAttemptAt: _n, ...rest } = job;
  return { ...rest, state: 'queued', attempts: 0, awaitingCollection: true };
}

/** When every item of the batch has settled (done or failed): all its jobs, else undefined. */
export async function settledBatch(store: JobsStore, batchId: string): Promise<CaptureJob[] | undefined> {
  const jobs = (await store.all()).filter((job) => job.batch?.id === batchId);
  return jobs.some(isActive) ? undefined : jobs.sort((a, b) => a.batch!.index - b.batch!.index);
}
