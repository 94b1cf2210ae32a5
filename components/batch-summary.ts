/**
 * A batch in the recent-captures list is one row: its jobs grouped by `batch.id`, counted, and
 * summed up in one line ("12 of 20 captured, 1 with problems, 2 queued"). Pure, so the counting is
 * tested apart from the markup.
 */
import { i18n } from '#i18n';
import type { JobSummary } from '../lib/capture/protocol';
import { isIncomplete } from './job-text';

export interface BatchGroup {
  id: string;
  /** Items the batch was started with (a dismissed job leaves the list, not the batch). */
  size: number;
  /** In batch order. */
  jobs: JobSummary[];
  incident: JobSummary['incident'];
  incidentUrl: string;
}

export interface BatchCounts {
  total: number;
  /** Everything asked for reached Atlos and was verified. */
  captured: number;
  /** Done, but something asked for is missing ("Captured with problems"). */
  withProblems: number;
  failed: number;
  /** Not started yet, waiting for the network, or waiting for the next attempt. */
  queued: number;
  running: number;
}

/** Splits jobs into single captures (in the given order) and batches (in order of their newest job). */
export function groupBatches(jobs: readonly JobSummary[]): { singles: JobSummary[]; batches: BatchGroup[] } {
  const singles: JobSummary[] = [];
  const batches = new Map<string, BatchGroup>();
  for (const job of jobs) {
    if (!job.batch) {
      singles.push(job);
      continue;
    }
    const group = batches.get(job.batch.id) ?? {
      id: job.batch.id,
      size: job.batch.size,
      jobs: [],
      incident: job.incident,
      incidentUrl: job.incidentUrl,
    };
    group.size = Math.max(group.size, job.batch.size);
    group.jobs.push(job);
    batches.set(job.batch.id, group);
  }
  for (const group of batches.values()) group.jobs.sort((a, b) => (a.batch?.index ?? 0) - (b.batch?.index ?? 0));
  return { singles, batches: [...batches.values()] };
}

export function countBatch(group: Pick<BatchGroup, 'jobs' | 'size'>): BatchCounts {
  const counts: BatchCounts = {
    total: Math.max(group.size, group.jobs.length),
    captured: 0,
    withProblems: 0,
    failed: 0,
    queued: 0,
    running: 0,
  };
  for (const job of group.jobs) {
    if (job.state === 'done') {
      if (isIncomplete(job)) counts.withProblems += 1;
      else counts.captured += 1;
    } else if (job.state === 'failed') counts.failed += 1;
    else if (job.state === 'running') counts.running += 1;
    else counts.queued += 1;
  }
  return counts;
}

/** e.g. "12 of 20 captured, 1 with problems, 2 queued": the parts that are not zero, after the first. */
export function batchSummary(counts: BatchCounts): string {
  const parts = [i18n.t('batch_summaryCaptured', [String(counts.captured), String(counts.total)])];
  if (counts.withProblems) parts.push(i18n.t('batch_summaryProblems', [String(counts.withProblems)]));
  if (counts.failed) parts.push(i18n.t('batch_summaryFailed', [String(counts.failed)]));
  if (counts.queued) parts.push(i18n.t('batch_summaryQueued', [String(counts.queued)]));
  if (counts.running) parts.push(i18n.t('batch_summaryRunning', [String(counts.running)]));
  return parts.join(', ');
}
