/**
 * The persisted capture job. Its current step is derived from the facts it records (which
 * source materials exist, which files Atlos holds, whether the metadata and comment were written),
 * so a worker that restarts anywhere resumes at the first thing not yet done.
 */
import type { CollectedArtifact, CollectedCapture } from '../domain/collected-capture';
import { i18n } from '#i18n';
import { outcomeOf, problemsOf, type JobProblem } from './outcome';
import type { CaptureRequest } from '../domain/capture-request';
import type { ArtifactKind } from '../domain/collected-capture';
import type { CustodyArtifactKind, CustodyState } from '../custody/capture-step';
import type { BatchRef } from '../domain/batch';
import type { JobState, JobStep, JobSummary } from './protocol';

/** One captured file; its bytes live in the blobs store under `blobKey` until the job is done. */
export interface JobArtifact extends Omit<CollectedArtifact, 'blob' | 'kind'> {
  kind: ArtifactKind | CustodyArtifactKind;
  blobKey: string;
  /** The bytes, base64, for the small files the custody step makes (lib/custody/capture-step.ts). */
  inline?: string;
  /** Id of the artifact Atlos created for this file, once known. */
  atlosArtifactId?: string;
  /** `file_hash_sha256` that Atlos reported for it. */
  serverSha256?: string;
}

/**
 * A create, upload or comment that was sent (or about to be) and whose answer is not recorded.
 * Its presence means "reconcile before sending again": the server may have acted.
 */
export interface InFlightSend {
  op: 'create_archived' | 'create' | 'upload' | 'comment';
  /** Index into `artifacts` for uploads. */
  index?: number;
  /** Client clock (ms) just before sending. */
  sentAt: number;
  /** The sending token's Atlos id, when known then: what it made is recognised by it. */
  tokenId?: string;
}

export interface CaptureJob {
  id: string;
  createdAt: string;
  updatedAt: string;
  request: CaptureRequest;
  /** Metadata namespace at the time of capture (settings may change later). */
  namespace: string;
  collected: Omit<CollectedCapture, 'artifacts'>;
  artifacts: JobArtifact[];
  state: JobState;
  /**
   * Collection is still running (or was cut off by a worker that stopped): `collected` holds
   * only what the click named until it ends, and the steps against Atlos wait.
   */
  collecting?: boolean;
  /**
   * A batch's tab item stored at the click whose turn to be collected has not come yet
   * (batch-collect.ts collects a batch's tabs one at a time, in order); the steps wait.
   */
  awaitingCollection?: boolean;
  /** Where the job sits in its batch (lib/domain/batch.ts); absent for a single capture. */
  batch?: BatchRef;
  /** Instance origin of the connection, for the incident link. */
  baseUrl?: string;
  /** Atlos project of the connection at the click (null: not known then); with `baseUrl`, what the job follows. */
  projectId?: string | null;
  /** The incident's UUID (source material lists carry it, not the slug). */
  incidentId?: string;
  archivedSourceMaterialId?: string;
  sourceMaterialId?: string;
  metadataWritten: boolean;
  commentPosted: boolean;
  commentUpdateId?: string;
  commentPostedAt?: number;
  /** The signed manifest and its timestamp (lib/custody). */
  custody?: CustodyState;
  inFlight?: InFlightSend;
  /** Failed attempts of the current step, for the backoff. */
  attempts: number;
  nextAttemptAt?: number;
  error?: { kind: string; message: string };
  finishedAt?: string;
}

export const ACTIVE_STATES: ReadonlySet<JobState> = new Set(['queued', 'running', 'waiting_network', 'retrying']);

export function isActive(job: Pick<CaptureJob, 'state'>): boolean {
  return ACTIVE_STATES.has(job.state);
}

export function commentOf(job: CaptureJob): string | undefined {
  const text = job.request.options.comment?.trim();
  return text ? text : undefined;
}

/** The first step not yet done. */
export function currentStep(job: CaptureJob): JobStep {
  if (job.collecting || job.awaitingCollection) return 'collect';
  if (job.request.options.archive && !job.archivedSourceMaterialId) return 'create_archived';
  if (!job.sourceMaterialId) return 'create';
  if (job.artifacts.some((a) => !a.atlosArtifactId)) return 'upload';
  if (!job.custody?.done) return 'manifest';
  if (!job.metadataWritten) return 'metadata';
  if (commentOf(job) && !job.commentPosted) return 'comment';
  return 'done';
}

export function progressOf(job: CaptureJob): { done: number; total: number } {
  const archive = job.request.options.archive ? 1 : 0;
  const comment = commentOf(job) ? 1 : 0;
  const total = archive + 1 + job.artifacts.length + 1 + comment;
  const done =
    (archive && job.archivedSourceMaterialId ? 1 : 0) +
    (job.sourceMaterialId ? 1 : 0) +
    job.artifacts.filter((a) => a.atlosArtifactId).length +
    (job.metadataWritten ? 1 : 0) +
    (comment && job.commentPosted ? 1 : 0);
  return { done, total };
}

export function incidentUrlOf(job: CaptureJob): string {
  return job.baseUrl ? `${job.baseUrl}/incidents/${job.request.incident.slug}` : '';
}

/** What of the request is missing or unverified (see outcome.ts). */
export function jobProblems(job: CaptureJob): JobProblem[] {
  return problemsOf({
    options: job.request.options,
    targetKind: job.request.target.kind,
    collectedProblems: job.collected.problems,
    artifacts: job.artifacts,
    notMadeMessage: i18n.t('capture_problem_notMade'),
    unverifiedMessage: (title) => i18n.t('capture_problem_unverified', [title]),
    finished: job.state === 'done',
    ...(job.custody?.problem ? { custodyProblem: job.custody.problem } : {}),
  });
}

export function summarize(job: CaptureJob): JobSummary {
  const problems = jobProblems(job);
  return {
    id: job.id,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    state: job.state,
    step: job.state === 'failed' || isActive(job) ? currentStep(job) : 'done',
    progress: progressOf(job),
    incident: job.request.incident,
    target: { kind: job.request.target.kind, url: job.request.target.url },
    incidentUrl: incidentUrlOf(job),
    problems,
    unsentFiles: job.state === 'done' ? 0 : job.artifacts.filter((a) => !a.atlosArtifactId).length,
    ...(job.state === 'done' ? { outcome: outcomeOf(problems) } : {}),
    ...(job.batch ? { batch: job.batch } : {}),
    ...(job.sourceMaterialId ? { sourceMaterialId: job.sourceMaterialId } : {}),
    ...(job.archivedSourceMaterialId ? { archivedSourceMaterialId: job.archivedSourceMaterialId } : {}),
    ...(job.error ? { error: job.error } : {}),
    ...(job.nextAttemptAt !== undefined && isActive(job)
      ? { nextAttemptAt: new Date(job.nextAttemptAt).toISOString() }
      : {}),
  };
}

/** A new job from what was collected at the click; blobs are stored separately under `blobKey`. */
export function newJob(args: {
  id: string;
  now: number;
  request: CaptureRequest;
  namespace: string;
  collected: CollectedCapture;
  baseUrl?: string;
  projectId?: string | null;
  /** Stored before collection: the steps wait until it ends. */
  collecting?: boolean;
  /** A batch's tab item: stored now, collected in its turn. */
  awaitingCollection?: boolean;
  batch?: BatchRef;
}): CaptureJob {
  const { artifacts, ...collected } = args.collected;
  const at = new Date(args.now).toISOString();
  return {
    id: args.id,
    createdAt: at,
    updatedAt: at,
    request: args.request,
    namespace: args.namespace,
    collected,
    artifacts: artifacts.map(({ blob: _blob, ...meta }, index) => ({ ...meta, blobKey: `${args.id}/${index}` })),
    state: args.collecting ? 'running' : 'queued',
    ...(args.collecting ? { collecting: true } : {}),
    ...(args.awaitingCollection ? { awaitingCollection: true } : {}),
    ...(args.batch ? { batch: args.batch } : {}),
    ...(args.baseUrl ? { baseUrl: args.baseUrl } : {}),
    ...(args.projectId !== undefined ? { projectId: args.projectId } : {}),
    metadataWritten: false,
    commentPosted: false,
    attempts: 0,
  };
}
