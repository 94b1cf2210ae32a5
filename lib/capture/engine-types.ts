/** What the capture engine needs (dependencies as parameters) and what it offers; see engine.ts. */
import type { CollectedCapture } from '../domain/collected-capture';
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
  getCaptureDefaults(): Promise<{ metadataNamespace: string }>;
  /** Takes the artifacts; may report each one early through `progress` (see collecting.ts). */
  collect(request: CaptureRequest, progress?: CollectProgress): Promise<CollectedCapture>;
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
  keepAlive?: { hold(): () => void };
  /** Signs each capture's manifest (lib/custody); without it captures carry no manifest. */
  custody?: CustodyDeps;
  onJobUpdated?(summary: JobSummary): void;
  /** A job reached `done` or `failed` (badge, notification). */
  onJobSettled?(job: CaptureJob): void;
  /** After any change: how many jobs are active or failed, and when the next one is due. */
  onActivity?(activity: { active: number; failed: number; incomplete: number; nextAttemptAt?: number }): void;
}

export interface CaptureEngine {
  startCapture(request: CaptureRequest): Promise<{ jobId: string }>;
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
