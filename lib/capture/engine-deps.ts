/**
 * What the capture engine is built from. Kept apart from engine.ts so the job runner (runner.ts),
 * which engine.ts creates, can name these dependencies without importing the engine back.
 */
import type { CaptureRequest, IncidentRef } from '../domain/capture-request';
import type { CollectedCapture } from '../domain/collected-capture';
import type { BackoffPolicy } from './backoff';
import type { CaptureClient } from './client-port';
import type { CaptureJob } from './job';
import type { JobsStore } from './jobs-store';
import type { NetworkWatch } from './network';
import type { JobSummary } from './protocol';

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
}
