import { describe, expect, it } from 'vitest';
import type { JobSummary } from '../lib/capture/protocol';
import type { BatchRef } from '../lib/domain/batch';
import { batchSummary, countBatch, groupBatches } from './batch-summary';

let next = 0;
function job(state: JobSummary['state'], batch?: BatchRef, extra: Partial<JobSummary> = {}): JobSummary {
  next += 1;
  return {
    id: `job-${next}`,
    createdAt: 'a',
    updatedAt: 'b',
    state,
    step: state === 'done' ? 'done' : 'collect',
    progress: { done: 0, total: 4 },
    incident: { connectionId: 'c1', slug: 'K7Q2ZP' },
    target: { kind: 'link', url: `https://a.example/${next}` },
    incidentUrl: 'https://atlos.test/incidents/K7Q2ZP',
    ...(batch ? { batch } : {}),
    ...extra,
  } as JobSummary;
}
const ref = (index: number, id = 'b1', size = 20): BatchRef => ({ id, index, size });

describe('groupBatches', () => {
  it('keeps single captures apart and each batch as one group in batch order', () => {
    const single = job('done');
    const list = [
      job('queued', ref(2)),
      single,
      job('done', ref(0)),
      job('running', ref(1)),
      job('failed', ref(0, 'b2', 2)),
    ];
    const { singles, batches } = groupBatches(list);
    expect(singles).toEqual([single]);
    expect(batches.map((b) => [b.id, b.size, b.jobs.map((j) => j.batch!.index)])).toEqual([
      ['b1', 20, [0, 1, 2]],
      ['b2', 2, [0]],
    ]);
  });
});

describe('countBatch and batchSummary', () => {
  it('reads like "12 of 20 captured, 1 with problems, 2 queued"', () => {
    const jobs = [
      ...Array.from({ length: 12 }, (_, i) => job('done', ref(i), { outcome: 'complete' })),
      job('done', ref(12), {
        outcome: 'incomplete',
        problems: [{ artifact: 'page_archive', message: 'x' }],
      } as Partial<JobSummary>),
      job('queued', ref(13)),
      job('waiting_network', ref(14)),
    ];
    const counts = countBatch({ jobs, size: 20 });
    expect(counts).toEqual({ total: 20, captured: 12, withProblems: 1, failed: 0, queued: 2, running: 0 });
    expect(batchSummary(counts)).toBe('12 of 20 captured, 1 with problems, 2 queued');
  });

  it('counts failures, retries (queued) and running jobs; never fewer items than jobs', () => {
    const jobs = [job('failed', ref(0)), job('retrying', ref(1)), job('running', ref(2)), job('done', ref(3))];
    const counts = countBatch({ jobs, size: 2 });
    expect(counts).toEqual({ total: 4, captured: 1, withProblems: 0, failed: 1, queued: 1, running: 1 });
    expect(batchSummary(counts)).toBe('1 of 4 captured, 1 failed, 1 queued, 1 in progress');
  });
});
