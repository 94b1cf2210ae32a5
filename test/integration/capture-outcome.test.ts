// @vitest-environment node
/**
 * "Captured" means everything asked for is in Atlos, verified; anything less is "Captured with
 * problems", with each missing artifact named in the summary and in the metadata written to
 * Atlos. A worker that stops mid-collection loses nothing collected. Real HTTP, local stand-in.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { CollectProgress } from '../../lib/capture/collecting';
import { summarize } from '../../lib/capture/job';
import type { CaptureRequest } from '../../lib/domain/capture-request';
import type { CaptureMetadata } from '../../lib/metadata/schema';
import { useStandin } from '../standin/test-helpers';
import { captureRequest, collectReal, engineFor } from './capture-helpers';

const standin = useStandin({ incidents: 10, archiver: 'manual' });
let n = 0;
const nextUrl = () => `https://outcome.example/${Date.now()}/${++n}`;

function metadataOf(sourceMaterialId: string) {
  const sm = standin.control.state(['sourceMaterial']).sourceMaterial.find((s) => s.id === sourceMaterialId)!;
  return { sm, metadata: (sm.metadata as Record<string, unknown>).browser_capture as CaptureMetadata };
}

describe('the outcome of a capture', () => {
  it('everything asked for, uploaded and verified: complete', async () => {
    const { make, store } = await engineFor(standin);
    const engine = make();
    const { jobId } = await engine.startCapture(
      captureRequest(standin.known.civSlugs[0]!, nextUrl(), { archive: false }),
    );
    await engine.whenIdle();
    expect(summarize((await store.get(jobId))!)).toMatchObject({ state: 'done', outcome: 'complete', problems: [] });
  });

  it('a screenshot that could not be taken: Captured with problems, named in the summary and in Atlos', async () => {
    const collect = async (request: CaptureRequest) => {
      const full = await collectReal(request);
      return {
        ...full,
        artifacts: full.artifacts.filter((a) => a.kind !== 'full_page_screenshot'),
        problems: [
          {
            artifact: 'full_page_screenshot' as const,
            message: 'The full-page screenshot could not be taken: the tab changed.',
          },
        ],
      };
    };
    const { make, store } = await engineFor(standin, { collect });
    const engine = make();
    const { jobId } = await engine.startCapture(
      captureRequest(standin.known.civSlugs[1]!, nextUrl(), { archive: false }),
    );
    await engine.whenIdle();
    const job = (await store.get(jobId))!;
    expect(summarize(job)).toMatchObject({
      state: 'done',
      outcome: 'incomplete',
      problems: [
        { artifact: 'full_page_screenshot', message: 'The full-page screenshot could not be taken: the tab changed.' },
      ],
    });
    const { sm, metadata } = metadataOf(job.sourceMaterialId!);
    expect(sm.artifacts).toHaveLength(2);
    expect(metadata.problems).toEqual([
      { artifact: 'full_page_screenshot', message: 'The full-page screenshot could not be taken: the tab changed.' },
    ]);
  });

  it('a worker stopped mid-collection: the next one sends what was collected and names the rest', async () => {
    let reported = false;
    const collect = async (request: CaptureRequest, progress?: CollectProgress) => {
      const full = await collectReal(request);
      await progress!.onArtifact(full.artifacts[0]!);
      reported = true;
      return new Promise<never>(() => undefined);
    };
    const { make, store } = await engineFor(standin, { collect });
    const first = make();
    void first
      .startCapture(captureRequest(standin.known.civSlugs[2]!, nextUrl(), { archive: true }))
      .catch(() => undefined);
    while (!reported) await new Promise((r) => setTimeout(r, 5));
    first.dispose();
    const second = make();
    await second.runPending();
    await second.whenIdle();
    const [job] = await store.all();
    const summary = summarize(job!);
    expect(summary).toMatchObject({ state: 'done', outcome: 'incomplete' });
    expect(summary.problems!.map((p) => p.artifact)).toEqual(['full_page_screenshot', 'page_archive']);
    const { sm, metadata } = metadataOf(job!.sourceMaterialId!);
    expect(sm.artifacts.map((a) => a.file_hash_sha256)).toEqual([job!.artifacts[0]!.sha256]);
    expect(metadata.problems.map((p) => p.artifact)).toEqual(['full_page_screenshot', 'page_archive']);
    expect(job!.archivedSourceMaterialId).toBeTruthy();
  });
});
