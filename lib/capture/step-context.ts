/** What every step of a capture job is given (steps.ts, manifest-step.ts). */
import type { CustodyDeps } from '../custody/capture-step';
import type { CaptureClient } from './client-port';
import type { KeyedQueue } from './incident-queue';
import type { CaptureJob } from './job';
import type { JobsStore } from './jobs-store';
import type { KeyedLimiter } from './limiter';

export interface StepContext {
  client: CaptureClient;
  store: Pick<JobsStore, 'blob' | 'claimOwner' | 'all' | 'tokenId' | 'setTokenId'>;
  queue: KeyedQueue;
  /** Uploads at once per Atlos instance (keyed by its origin): a batch never floods an instance. */
  uploads?: KeyedLimiter | undefined;
  now(): number;
  signal: AbortSignal;
  skewMs: number;
  /** The longest a create or comment request may take: the end of the window in which its record can appear. */
  requestTimeoutMs: number;
  /** Persists the job (and claims); throws once the engine is gone so nothing stale is written. */
  save(job: CaptureJob, claims?: string[]): Promise<void>;
  /** Signs the manifest and gets the timestamp; without it the manifest step is skipped. */
  custody?: CustodyDeps | undefined;
}
