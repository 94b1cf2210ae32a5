/** What the capture engine needs (dependencies as parameters) and what it offers; see engine.ts. */
import type { BatchCollector } from '../batch/collector';
import type { BatchRequest } from '../domain/batch';
import type { CollectedCapture, ToolInfo } from '../domain/collected-capture';
import type { CustodyDeps } from '../custody/capture-step';
import type { BackoffPolicy } from './backoff';
import type { CaptureClient } from './client-port';
import type { CollectProgress } from './collecting';
import type { JobConnectionRef, ResolvedConnection } from './follow-connection';
import type { CaptureJob } from './job';
import type { JobsStore } from './jobs-store';
import type { NetworkWatch } from './network';
import type { JobSummary } from './protocol';
import type { CaptureRequest, IncidentRef } from '../domain/capture-request';

export interface CaptureEngineDeps {
  store: JobsStore;
  getClient(connectionId: string): Promise<CaptureClient>;
  /**
   * The connection a job belongs to now: its own, or the one re-made for the same instance and
   * project (follow-connection.ts). Without it, a job stays with its connection id.
   */
  connectionFor?(ref: JobConnectionRef): Promise<ResolvedConnection | undefined>;
  /** The batch size cap defaults to DEFAULT_BATCH_SIZE_CAP (lib/settings.ts). */
  getCaptureDefaults(): Promise<{ metadataNamespace: string; batchSizeCap?: number }>;
  /** Takes the artifacts; may report each one early through `progress` (see collecting.ts). */
  collect(request: CaptureRequest, progress?: CollectProgress): Promise<CollectedCapture>;
  /**
   * Opened once per batch to collect its tabs in turn (lib/batch); without it, each tab item is
   * collected with `collect`.
   */
  openBatchCollector?(): Promise<BatchCollector>;
  /** The tool's own facts for the metadata of items collected without a tab (a batch's links). */
  toolInfo?(): ToolInfo;
  /** Time limit of the whole collection (default DEFAULT_COLLECT_TIMEOUT_MS). */
  collectTimeoutMs?: number;
  rememberIncident?(incident: IncidentRef): Promise<void>;
  now?(): number;
  /** Rejects when `signal` aborts. */
  sleep?(ms: number, signal: AbortSignal): Promise<void>;
  random?(): number;
  newId?(): string;
  network?: NetworkWatch;
  backoff?: BackoffPolicy;
  skewMs?: number;
  /** Longest a create or comment request may take (reconciliation's window, reconcile.ts). */
  requestTimeoutMs?: number;
  /** Finished captures kept in the history. */
  historyLimit?: number;
  /** Steps running at once across all jobs. */
  maxConcurrentSteps?: number;
  /** Uploads running at once to one Atlos instance, across all jobs (default 2). */
  maxUploadsPerInstance?: number;
  keepAlive?: { hold(): () => void };
  /** Signs each capture's manifest (lib/custody); without it captures carry no manifest. */
  custody?: CustodyDeps;
  onJobUpdated?(summary: JobSummary): void;
  /** A job that is not part of a batch reached `done` or `failed` (badge, notification). */
  onJobSettled?(job: CaptureJob): void;
  /** The last item of a batch settled: every job of the batch, in item order (one notification). */
  onBatchSettled?(jobs: CaptureJob[]): void;
  /** After any change: how many jobs are active or failed, and when the next one is due. */
  onActivity?(activity: { active: number; failed: number; incomplete: number; nextAttemptAt?: number }): void;
}

export interface CaptureEngine {
  startCapture(request: CaptureRequest): Promise<{ jobId: string }>;
  /** Stores every item's job, then collects and sends them (lib/capture/batch.ts). */
  startBatch(request: BatchRequest): Promise<{ batchId: string; jobIds: string[] }>;
  /** Retries every failed job of the batch. */
  retryBatch(batchId: string): Promise<void>;
  listJobs(): Promise<JobSummary[]>;
  retryJob(jobId: string): Promise<void>;
  /** Removes a job from the history; an active one is cancelled first. */
  dismissJob(jobId: string): Promise<void>;
  /**
   * Starts every active job not running yet and wakes those waiting; `networkBack` skips backoff
   * waits; `reconnected` also restarts jobs that failed because their connection was gone.
   */
  runPending(options?: { networkBack?: boolean; reconnected?: boolean }): Promise<void>;
  /** Resolves when no job is being driven (tests). */
  whenIdle(): Promise<void>;
  /** Stops everything at once, as if the worker were killed: nothing more is written. */
  dispose(): void;
}
