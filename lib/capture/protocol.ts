/** Capture messages between pages and the background; see lib/messaging.ts. */
import type { JobOutcome, JobProblem } from './outcome';
import type { CaptureRequest, IncidentRef, TargetKind } from '../domain/capture-request';
import type { BatchRef, BatchRequest } from '../domain/batch';

export type { JobOutcome, JobProblem } from './outcome';

export type JobState = 'queued' | 'running' | 'waiting_network' | 'retrying' | 'failed' | 'done';
export type JobStep =
  'collect' | 'create_archived' | 'create' | 'upload' | 'manifest' | 'metadata' | 'comment' | 'done';

/** What pages show of a capture job (never blobs, never tokens). */
export interface JobSummary {
  id: string;
  createdAt: string;
  updatedAt: string;
  state: JobState;
  step: JobStep;
  /** Steps finished out of all steps of this job, for a progress bar. */
  progress: { done: number; total: number };
  incident: IncidentRef;
  target: { kind: TargetKind; url: string };
  /** `<Atlos URL>/incidents/<SLUG>` */
  incidentUrl: string;
  sourceMaterialId?: string;
  archivedSourceMaterialId?: string;
  /**
   * Once done: `complete` only when everything asked for reached Atlos and was verified
   * ("Captured"); otherwise `incomplete` ("Captured with problems", see `problems`).
   */
  outcome?: JobOutcome;
  /** Each requested artifact that is missing or unverified, and why (empty when complete). */
  problems?: JobProblem[];
  /** Captured files not (yet) in Atlos: dismissing the job would delete them from the browser. */
  unsentFiles?: number;
  /** Set while failed or retrying: a sentence a person can act on. */
  error?: { kind: string; message: string };
  /** When the next automatic attempt is due (retrying / waiting_network). */
  nextAttemptAt?: string;
  /** Set on each job of a batch: which batch, and where in it. */
  batch?: BatchRef;
}

/** Whether the tab can be captured, and why not (browser pages, web store, PDF viewer, file:). */
export interface TabInspection {
  tabId: number;
  url: string;
  title: string;
  capturable: boolean;
  /** Why it cannot be captured, in words; a URL-only capture may still be offered. */
  reason?: string;
  urlOnlyPossible: boolean;
}

export interface CaptureProtocol {
  startCapture(request: CaptureRequest): { jobId: string };
  listJobs(): JobSummary[];
  retryJob(data: { jobId: string }): void;
  dismissJob(data: { jobId: string }): void;
  inspectTab(data: { tabId: number }): TabInspection;
  /**
   * Stores one job per item before it answers (durable from the click), then collects the tabs one
   * at a time and sends every item. Rejects with a sentence a person can act on when `items` is
   * empty or longer than the batch size cap (settings).
   */
  startBatch(request: BatchRequest): { batchId: string; jobIds: string[] };
  /** Retries every failed job of the batch. */
  retryBatch(data: { batchId: string }): void;
  /** Background → pages: a job changed. Pages listen; nobody listening is fine. */
  jobUpdated(job: JobSummary): void;
}
