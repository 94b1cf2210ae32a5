// @vitest-environment node
/**
 * The soak test of the capture protocol (docs/capture-protocol.md): at least 50 captures on several incidents, some at the
 * same time on the same incident, archive on and off, while 30% of all API calls fail in the five
 * ways the stand-in knows. Every capture must end in Atlos exactly once with all its files and its
 * metadata, also after the archiver finished. Prints: captures, faults injected, duplicates, losses.
 */
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import type { CaptureJob } from '../../lib/capture/job';
import { useStandin } from '../standin/test-helpers';
import { captureRequest, engineFor, expectInAtlosOnce } from './capture-helpers';

const CAPTURES = 56;
const SEED = 20261127;

const standin = useStandin({ incidents: 40, archiver: 'auto', archiveDurationMs: 300 }, { reset: false });

it(`${CAPTURES} captures under 30% mixed faults end in Atlos exactly once`, { timeout: 240_000 }, async () => {
  const { make, store } = await engineFor(standin, { maxConcurrentSteps: 6, historyLimit: CAPTURES * 2 });
  const engine = make();
  const slugs = standin.known.civSlugs.slice(0, 5);
  standin.control.randomFaults({
    rate: 0.3,
    seed: SEED,
    kinds: ['http500', 'html502', 'reset', 'stall', 'lost_response'],
    stallMs: 2_000,
  });

  // Waves of concurrent captures; each wave puts several on the same incident at once.
  const ids: string[] = [];
  for (let wave = 0; wave < CAPTURES / 8; wave++) {
    const starts = [];
    for (let k = 0; k < 8; k++) {
      const i = wave * 8 + k;
      const slug = slugs[i % 3 === 0 ? 0 : i % slugs.length]!;
      // Two captures of the same URL on the same incident, to try the claim bookkeeping.
      const url = i % 11 === 1 ? `https://soak.example/repeated/${wave}` : `https://soak.example/item/${i}`;
      const comment = i % 4 === 0 ? `Soak comment ${i}` : undefined;
      starts.push(
        engine.startCapture(captureRequest(slug, url, { archive: i % 2 === 0, ...(comment ? { comment } : {}) })),
      );
    }
    ids.push(...(await Promise.all(starts)).map((s) => s.jobId));
  }
  await engine.whenIdle();
  const faults = standin.control.faultStats();
  standin.control.randomFaults(null);
  await standin.control.finishArchiveJobs();

  const jobs = (await Promise.all(ids.map((id) => store.get(id)))) as CaptureJob[];
  const state = standin.control.state();
  let duplicates = 0;
  let losses = 0;
  for (const job of jobs) {
    const incident = state.incidents.find((i) => i.slug === job.request.incident.slug)!;
    const sameUrlJobs = jobs.filter(
      (j) => j.request.incident.slug === job.request.incident.slug && j.request.target.url === job.request.target.url,
    );
    const versions = state.sourceMaterial.filter(
      (s) => s.incident_id === incident.id && s.source_url === job.request.target.url,
    );
    const expected = sameUrlJobs.length * (job.request.options.archive ? 2 : 1);
    const browserVersion = state.sourceMaterial.find((s) => s.id === job.sourceMaterialId) as any;
    const held = new Map<string, number>();
    for (const a of (browserVersion?.artifacts ?? []) as Array<{ file_hash_sha256: string }>)
      held.set(a.file_hash_sha256, (held.get(a.file_hash_sha256) ?? 0) + 1);
    for (const a of job.artifacts) {
      const count = held.get(a.sha256) ?? 0;
      if (count === 0) losses++;
      if (count > 1) duplicates += count - 1;
    }
    if (!browserVersion?.metadata?.browser_capture) losses++;
    if (versions.length > expected) duplicates += (versions.length - expected) / sameUrlJobs.length;
    if (versions.length < expected) losses += (expected - versions.length) / sameUrlJobs.length;
    const comment = job.request.options.comment;
    if (comment) {
      const posted = state.updates.filter((u) => u.type === 'comment' && u.explanation === comment).length;
      if (posted > 1) duplicates += posted - 1;
      if (posted === 0) losses++;
    }
  }
  const files = jobs.reduce((sum, j) => sum + j.artifacts.length, 0);
  console.log(
    `[capture soak] captures: ${jobs.length}, files: ${files}, API requests: ${standin.control.requests().length}, ` +
      `faults injected: ${faults.injected} ${JSON.stringify(faults.byKind)}, duplicates: ${duplicates}, losses: ${losses}`,
  );

  expect(jobs).toHaveLength(CAPTURES);
  expect(jobs.map((j) => j.state)).toEqual(jobs.map(() => 'done'));
  expect(faults.injected).toBeGreaterThan(CAPTURES);
  expect(duplicates).toBe(0);
  expect(losses).toBe(0);
  for (const job of jobs) {
    const sameUrl = jobs.filter(
      (j) => j.request.incident.slug === job.request.incident.slug && j.request.target.url === job.request.target.url,
    );
    expectInAtlosOnce(state, job, sameUrl.length);
  }
});
