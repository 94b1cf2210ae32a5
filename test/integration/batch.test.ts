// @vitest-environment node
/**
 * Batches in the capture engine against the local Atlos stand-in over real HTTP: tab items with
 * one that cannot be captured, link items sent to Atlos's archiver, a failed item retried, at most
 * two uploads at a time, and an engine stopped mid-batch whose successor lands each item once.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { BatchCollector } from '../../lib/batch/collector';
import type { BatchItem, BatchRequest } from '../../lib/domain/batch';
import type { CaptureMetadata } from '../../lib/metadata/schema';
import { useStandin } from '../standin/test-helpers';
import { collectReal, engineFor, expectInAtlosOnce, standinClient } from './capture-helpers';

const standin = useStandin({ incidents: 30, archiver: 'manual' });

let run = 0;
const tabItems = (count: number, base: string): BatchItem[] =>
  Array.from({ length: count }, (_, i) => ({
    kind: 'tab',
    tabId: 100 + i,
    url: `${base}/tab/${i}`,
    title: `Tab ${i}`,
  }));
const linkItems = (count: number, base: string): BatchItem[] =>
  Array.from({ length: count }, (_, i) => ({
    kind: 'link',
    url: `${base}/post/${i}`,
    text: `Post ${i}`,
    position: i + 1,
  }));

function batch(slug: string, items: BatchItem[]): BatchRequest {
  return {
    incident: { connectionId: 'civ', slug, description: 'Test incident' },
    options: {
      archive: false,
      viewportScreenshot: true,
      fullPageScreenshot: true,
      pageArchive: true,
      originalMedia: false,
    },
    items,
    from: { pageUrl: 'https://search.example/results', tabId: 1 },
    source: 'popup',
  };
}

/** Collects with real PNG and HTML bytes; tab ids in `browserPages` reject as a browser page would. */
function collector(browserPages: number[] = []): BatchCollector {
  return {
    async collect(request, progress) {
      if (browserPages.includes(request.tabId)) throw new Error('This is a browser page; it cannot be captured.');
      const result = await collectReal(request);
      progress.released();
      return result;
    },
    close: async () => undefined,
  };
}

const sourceMaterialsOf = (slug: string) => {
  const state = standin.control.state();
  const incident = state.incidents.find((i) => i.slug === slug)!;
  return state.sourceMaterial.filter((s) => s.incident_id === incident.id) as any[];
};

describe('a batch over real HTTP', () => {
  it('8 tabs, one of them a browser page: 7 source materials with their files, 1 reported, then retried', async () => {
    const base = `https://news.example/b${Date.now()}-${++run}`;
    let pages = [103];
    let uploading = 0;
    let mostUploading = 0;
    const { make, store } = await engineFor(standin, {
      openBatchCollector: async () => collector(pages),
      getClient: async () => {
        const client = standinClient(standin);
        const upload = client.uploadFile.bind(client);
        client.uploadFile = async (...args) => {
          mostUploading = Math.max(mostUploading, ++uploading);
          try {
            return await upload(...args);
          } finally {
            uploading--;
          }
        };
        return client;
      },
    });
    const engine = make();
    const slug = standin.known.civSlugs[2]!;
    const { batchId, jobIds } = await engine.startBatch(batch(slug, tabItems(8, base)));
    await engine.whenIdle();
    const jobs = await Promise.all(jobIds.map(async (id) => (await store.get(id))!));
    expect(jobs.map((j) => j.state)).toEqual(['done', 'done', 'done', 'failed', 'done', 'done', 'done', 'done']);
    expect(jobs[3]!.error!.message).toMatch(/browser page/);
    for (const job of jobs.filter((j) => j.state === 'done')) {
      expect(job.artifacts).toHaveLength(3);
      expectInAtlosOnce(standin.control.state(), job);
    }
    expect(sourceMaterialsOf(slug).filter((s) => s.source_url.startsWith(base))).toHaveLength(7);
    expect(mostUploading).toBeGreaterThan(0);
    expect(mostUploading).toBeLessThanOrEqual(2);

    pages = [];
    await engine.retryBatch(batchId);
    await engine.whenIdle();
    const retried = (await store.get(jobIds[3]!))!;
    expect(retried.state).toBe('done');
    expectInAtlosOnce(standin.control.state(), retried);
    expect(sourceMaterialsOf(slug).filter((s) => s.source_url.startsWith(base))).toHaveLength(8);
  });

  it('15 links: 15 source materials, each with Atlos archiving it, the page and the link in the metadata', async () => {
    const base = `https://posts.example/l${Date.now()}-${++run}`;
    const { make, store } = await engineFor(standin, { openBatchCollector: async () => collector() });
    const engine = make();
    const slug = standin.known.civSlugs[3]!;
    const { jobIds } = await engine.startBatch(batch(slug, linkItems(15, base)));
    await engine.whenIdle();
    await standin.control.finishArchiveJobs();
    for (const [index, id] of jobIds.entries()) {
      const job = (await store.get(id))!;
      expect(job.state).toBe('done');
      expectInAtlosOnce(standin.control.state(), job);
      const mine = sourceMaterialsOf(slug).find((s) => s.id === job.sourceMaterialId);
      const metadata = mine.metadata.browser_capture as CaptureMetadata;
      expect(metadata.target).toEqual({
        kind: 'link',
        url: `${base}/post/${index}`,
        page_url: 'https://search.example/results',
        link_text: `Post ${index}`,
        link_position: index + 1,
      });
      expect(metadata.archive).toEqual({ requested: true, source_material_id: job.archivedSourceMaterialId });
      expect(metadata.artifacts).toEqual([]);
    }
    const direct = sourceMaterialsOf(slug).filter((s) => s.source_url.startsWith(base) && s.upload_type === 'direct');
    expect(direct).toHaveLength(15);
  });

  it('an engine stopped mid-batch: a new one on the same store lands each item exactly once', async () => {
    const base = `https://news.example/r${Date.now()}-${++run}`;
    let collected = 0;
    let stop: () => void = () => {};
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const { make, store } = await engineFor(standin, {
      openBatchCollector: async () => ({
        async collect(request, progress) {
          if (++collected === 4) stop();
          const result = await collectReal(request);
          progress.released();
          return result;
        },
        close: async () => undefined,
      }),
    });
    const first = make();
    const slug = standin.known.civSlugs[4]!;
    const items = [...tabItems(6, base), ...linkItems(6, base)];
    const { jobIds } = await first.startBatch(batch(slug, items));
    await stopped;
    first.dispose();
    const second = make();
    await second.runPending();
    await second.whenIdle();
    await standin.control.finishArchiveJobs();
    for (const id of jobIds) {
      const job = (await store.get(id))!;
      expect(job.state, job.request.target.url).toBe('done');
      expectInAtlosOnce(standin.control.state(), job);
    }
    const urls = sourceMaterialsOf(slug)
      .filter((s) => s.upload_type === 'user_provided' && s.source_url.startsWith(base))
      .map((s) => s.source_url)
      .sort();
    expect(urls).toEqual(items.map((i) => i.url).sort());
  });
});
