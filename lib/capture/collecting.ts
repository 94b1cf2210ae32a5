/**
 * Durable from the click: the job (with the request the click made) is stored before collection
 * starts, and each artifact is added to the stored job as soon as it exists (when the collector
 * reports it through `onArtifact`, else when collection returns). Collection has a time limit;
 * a collection cut short by it, or by a worker that stopped, goes on with what it has and reports
 * every requested artifact it did not get as a problem (it cannot be taken again without the
 * click's grant).
 */
import { i18n } from '#i18n';
import {
  pageFactsUnknown,
  type CaptureProblem,
  type CollectedArtifact,
  type CollectedCapture,
} from '../domain/collected-capture';
import type { CaptureJob } from './job';
import type { JobsStore } from './jobs-store';
import { requestedKinds } from './outcome';
import type { CaptureRequest } from '../domain/capture-request';

/** What the engine hands the collector besides the request; a collector may use neither. */
export interface CollectProgress {
  /** Called with each artifact as soon as it is made, so it is stored even if collection never ends. */
  onArtifact(artifact: CollectedArtifact): Promise<void>;
  /** Aborted when the engine's time limit for collection is reached. */
  signal: AbortSignal;
}

/** Backstop for a collector that never returns (each of its phases has its own, shorter limit). */
export const DEFAULT_COLLECT_TIMEOUT_MS = 4 * 60_000;

/** Page facts until the collector returns (or for good, if it never does): only what the click named. */
export function placeholderCollected(request: CaptureRequest, now: number): Omit<CollectedCapture, 'artifacts'> {
  const { target } = request;
  return {
    capturedAt: new Date(now).toISOString(),
    tool: { name: 'Atlos Capture', version: '', browser: '', user_agent: globalThis.navigator?.userAgent ?? '' },
    target: { kind: target.kind, url: target.url, page_url: target.pageUrl },
    ...pageFactsUnknown(target.pageUrl),
    selection: null,
    problems: [],
  };
}

/** Each requested artifact neither collected nor explained, reported as cut short. */
export function cutShortProblems(
  job: Pick<CaptureJob, 'request' | 'artifacts' | 'collected'>,
  message: string,
): CaptureProblem[] {
  return requestedKinds(job.request.options, job.request.target.kind)
    .filter(
      (kind) => !job.artifacts.some((a) => a.kind === kind) && !job.collected.problems.some((p) => p.artifact === kind),
    )
    .map((kind) => ({ artifact: kind, message }));
}

/** A job whose collection stopped without an answer (worker stopped): goes on with what it has. */
export function finishInterrupted(job: CaptureJob): CaptureJob {
  const problems = cutShortProblems(job, i18n.t('capture_problem_interrupted'));
  const { collecting: _collecting, ...rest } = job;
  return { ...rest, collected: { ...job.collected, problems: [...job.collected.problems, ...problems] } };
}

/**
 * Stores artifacts on the job one at a time, in order (callbacks may overlap), each with its bytes
 * in the same transaction. `job()` is the job as last stored.
 */
export function createArtifactSaver(
  store: Pick<JobsStore, 'create'>,
  initial: CaptureJob,
  onSaved: (job: CaptureJob) => void,
) {
  let job = initial;
  const saved = new Set<CollectedArtifact>();
  let chain: Promise<unknown> = Promise.resolve();
  const add = (artifact: CollectedArtifact): Promise<void> => {
    const run = chain.then(async () => {
      if (saved.has(artifact)) return;
      saved.add(artifact);
      const { blob, ...meta } = artifact;
      const blobKey = `${job.id}/${job.artifacts.length}`;
      const next: CaptureJob = { ...job, artifacts: [...job.artifacts, { ...meta, blobKey }] };
      await store.create(next, [{ key: blobKey, blob }]);
      job = next;
      onSaved(job);
    });
    chain = run.catch(() => undefined);
    return run;
  };
  return {
    add,
    /** Waits for every artifact handed over so far. */
    settled: () => chain,
    job: () => job,
    setJob(next: CaptureJob) {
      job = next;
    },
  };
}

export interface CollectIntoDeps {
  store: Pick<JobsStore, 'create'>;
  collect(request: CaptureRequest, progress?: CollectProgress): Promise<CollectedCapture>;
  timeoutMs: number;
  onSaved(job: CaptureJob): void;
}

/**
 * Runs the collector with its time limit, storing each artifact as it comes, and returns the job
 * with the page facts and problems (one cut short says what it did not get). A collector that
 * throws before any artifact was stored rethrows: the capture could not start.
 */
export async function collectInto(
  deps: CollectIntoDeps,
  job: CaptureJob,
  request: CaptureRequest,
): Promise<CaptureJob> {
  const saver = createArtifactSaver(deps.store, job, deps.onSaved);
  const limit = new AbortController();
  const timer = setTimeout(
    () => limit.abort(new DOMException('Collection took too long.', 'TimeoutError')),
    deps.timeoutMs,
  );
  let result: CollectedCapture | undefined;
  try {
    result = await Promise.race([
      deps.collect(request, { onArtifact: saver.add, signal: limit.signal }),
      new Promise<undefined>((resolve) =>
        limit.signal.addEventListener('abort', () => resolve(undefined), { once: true }),
      ),
    ]);
    for (const artifact of result?.artifacts ?? []) await saver.add(artifact);
  } catch (error) {
    await saver.settled();
    if (saver.job().artifacts.length === 0) throw error;
    result = undefined;
  } finally {
    clearTimeout(timer);
  }
  await saver.settled();
  const { collecting: _collecting, ...current } = saver.job();
  if (!result) {
    const minutes = String(Math.max(1, Math.round(deps.timeoutMs / 60_000)));
    const problems = cutShortProblems(current, i18n.t('capture_problem_timedOut', [minutes]));
    return { ...current, collected: { ...current.collected, problems: [...current.collected.problems, ...problems] } };
  }
  const { artifacts: _artifacts, ...facts } = result;
  const withFacts: CaptureJob = { ...current, collected: facts };
  const unexplained = cutShortProblems(withFacts, i18n.t('capture_problem_notMade'));
  return { ...withFacts, collected: { ...facts, problems: [...facts.problems, ...unexplained] } };
}
