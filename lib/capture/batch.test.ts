import { describe, expect, it, vi } from 'vitest';
import type { BatchCollector } from '../batch/collector';
import type { BatchItem, BatchRequest } from '../domain/batch';
import type { CaptureRequest } from '../domain/capture-request';
import type { CaptureJob } from './job';
import { collected } from './testing/fixtures';
import { setupEngine } from './testing/setup';

const tab = (n: number): BatchItem => ({
  kind: 'tab',
  tabId: 100 + n,
  url: `https://news.example/${n}`,
  title: `Story ${n}`,
});
const link = (n: number): BatchItem => ({
  kind: 'link',
  url: `https://posts.example/${n}`,
  text: `Post ${n}`,
  position: n,
});

function batchRequest(items: BatchItem[], comment?: string): BatchRequest {
  return {
    incident: { connectionId: 'conn-1', slug: 'ABC123', description: 'Shelling near the bridge' },
    options: {
      archive: false,
      viewportScreenshot: true,
      fullPageScreenshot: false,
      pageArchive: false,
      originalMedia: false,
      ...(comment ? { comment } : {}),
    },
    items,
    ...(items.some((i) => i.kind === 'link') ? { from: { pageUrl: 'https://search.example/?q=x', tabId: 9 } } : {}),
    source: 'popup',
  };
}

/** A collector that records the order and overlap of its calls; `refuse` tab ids reject like a browser page. */
function recordingCollector(refuse: number[] = []) {
  const log: string[] = [];
  let open = 0;
  let overlap = 0;
  const collector: BatchCollector = {
    async collect(request: CaptureRequest, progress) {
      open++;
      overlap = Math.max(overlap, open);
      log.push(`collect ${request.tabId}`);
      try {
        if (refuse.includes(request.tabId)) throw new Error('This tab shows a browser page.');
        const result = await collected(request, ['viewport bytes']);
        progress.released();
        return result;
      } finally {
        open--;
      }
    },
    close: async () => void log.push('close'),
  };
  return { collector, log, overlap: () => overlap };
}

describe('batches in the engine', () => {
  it('stores every item before answering, collects the tabs in order, sends each once and tells the end once', async () => {
    const rec = recordingCollector();
    const batches: CaptureJob[][] = [];
    const t = await setupEngine({
      openBatchCollector: async () => rec.collector,
      onBatchSettled: (j) => batches.push(j),
    });
    const items = [tab(1), tab(2), tab(3), tab(4)];
    const { batchId, jobIds } = await t.engine.startBatch(batchRequest(items, 'From the feed'));
    const stored = await t.store.all();
    expect(stored.map((j) => j.id).sort()).toEqual([...jobIds].sort());
    expect(stored.every((j) => j.batch?.id === batchId && j.batch.size === 4)).toBe(true);
    await t.engine.whenIdle();
    expect(rec.log).toEqual(['collect 101', 'collect 102', 'collect 103', 'collect 104', 'close']);
    const jobs = await Promise.all(jobIds.map((id) => t.job(id)));
    expect(jobs.map((j) => [j.state, j.batch!.index, j.request.target.url])).toEqual(
      items.map((item, index) => ['done', index, item.url]),
    );
    expect(t.atlos.sourceMaterials.map((s) => s.source_url).sort()).toEqual(items.map((i) => i.url).sort());
    expect(t.atlos.sourceMaterials.every((s) => s.artifacts.length === 1)).toBe(true);
    // The batch's comment once, not once per item.
    expect(t.atlos.updates.filter((u) => u.type === 'comment').map((u) => u.explanation)).toEqual(['From the feed']);
    expect(t.settled).toEqual([]);
    await vi.waitFor(() => expect(batches).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map((j) => j.id)).toEqual(jobIds);
    const summaries = await t.engine.listJobs();
    expect(summaries.find((s) => s.id === jobIds[2])!.batch).toEqual({ id: batchId, index: 2, size: 4 });
  });

  it('sends links without collecting anything: archive on, no files, the page and link recorded', async () => {
    const rec = recordingCollector();
    const t = await setupEngine({ openBatchCollector: async () => rec.collector });
    const { jobIds } = await t.engine.startBatch(batchRequest([link(1), link(2), link(3)]));
    await t.engine.whenIdle();
    expect(rec.log).toEqual([]);
    const jobs = await Promise.all(jobIds.map((id) => t.job(id)));
    expect(jobs.every((j) => j.state === 'done' && j.archivedSourceMaterialId && j.artifacts.length === 0)).toBe(true);
    expect(t.atlos.sourceMaterials.filter((s) => s.upload_type === 'direct')).toHaveLength(3);
    const metadata = t.atlos.sourceMaterials.find((s) => s.id === jobs[1]!.sourceMaterialId)!.metadata
      .browser_capture as { target: unknown; archive: unknown; problems: unknown[] };
    expect(metadata.target).toEqual({
      kind: 'link',
      url: 'https://posts.example/2',
      page_url: 'https://search.example/?q=x',
      link_text: 'Post 2',
      link_position: 2,
    });
    expect(metadata.archive).toEqual({ requested: true, source_material_id: jobs[1]!.archivedSourceMaterialId });
    expect(metadata.problems).toEqual([]);
  });

  it('an item that ends before its turn does not take the front from the one being captured', async () => {
    const log: string[] = [];
    const t = await setupEngine({
      openBatchCollector: async () => ({
        async collect(request, progress) {
          if (request.tabId === 102) throw new Error('This tab shows a browser page.');
          await progress.turn;
          log.push(`front ${request.tabId}`);
          await new Promise((r) => setTimeout(r, 30));
          log.push(`released ${request.tabId}`);
          progress.released();
          return collected(request, ['viewport bytes']);
        },
        close: async () => undefined,
      }),
    });
    await t.engine.startBatch(batchRequest([tab(1), tab(2), tab(3)]));
    await t.engine.whenIdle();
    expect(log).toEqual(['front 101', 'released 101', 'front 103', 'released 103']);
  });

  it('refuses an empty batch and one over the cap, storing nothing', async () => {
    const t = await setupEngine({
      getCaptureDefaults: async () => ({ metadataNamespace: 'browser_capture', batchSizeCap: 3 }),
    });
    await expect(t.engine.startBatch(batchRequest([]))).rejects.toThrow(/at least one/);
    await expect(t.engine.startBatch(batchRequest([link(1), link(2), link(3), link(4)]))).rejects.toThrow(
      /4 items.*at most 3/,
    );
    expect(await t.store.all()).toEqual([]);
  });

  it('fails an item that cannot be captured with the reason, goes on with the others, and retries it', async () => {
    let rec = recordingCollector([102]);
    const t = await setupEngine({ openBatchCollector: async () => rec.collector });
    const { batchId, jobIds } = await t.engine.startBatch(batchRequest([tab(1), tab(2), tab(3)]));
    await t.engine.whenIdle();
    const failed = await t.job(jobIds[1]!);
    expect(failed).toMatchObject({ state: 'failed', error: { message: 'This tab shows a browser page.' } });
    expect((await t.job(jobIds[2]!)).state).toBe('done');
    expect(t.atlos.sourceMaterials).toHaveLength(2);
    rec = recordingCollector();
    await t.engine.retryBatch(batchId);
    await t.engine.whenIdle();
    expect(rec.log).toEqual(['collect 102', 'close']);
    expect((await t.job(jobIds[1]!)).state).toBe('done');
    expect(t.atlos.sourceMaterials).toHaveLength(3);
  });

  it('resumes a batch after the worker stopped: each item lands once', async () => {
    let calls = 0;
    const t = await setupEngine({
      openBatchCollector: async () => ({
        async collect(request, progress) {
          calls++;
          // The worker dies while the second tab is collected.
          if (calls === 2) return new Promise<never>(() => t.engine.dispose());
          const result = await collected(request, ['viewport bytes']);
          progress.released();
          return result;
        },
        close: async () => undefined,
      }),
    });
    const { jobIds } = await t.engine.startBatch(batchRequest([tab(1), tab(2), tab(3), link(4)]));
    await vi.waitFor(() => expect(calls).toBe(2));
    const engine = t.restart();
    await engine.runPending();
    await engine.whenIdle();
    const jobs = await Promise.all(jobIds.map((id) => t.job(id)));
    expect(jobs.map((j) => j.state)).toEqual(['done', 'done', 'done', 'done']);
    // The interrupted one had stored nothing: its tab is collected again, then the one after it. The
    // first tab hands the front to the second before its result is saved, so the worker may die
    // before that save too: then the first is collected again as well, and still lands once.
    expect([4, 5]).toContain(calls);
    expect(jobs.slice(0, 3).map((j) => [j.artifacts.length, j.collected.problems])).toEqual([
      [1, []],
      [1, []],
      [1, []],
    ]);
    const urls = t.atlos.sourceMaterials.filter((s) => s.upload_type === 'user_provided').map((s) => s.source_url);
    expect(urls.sort()).toEqual(jobs.map((j) => j.request.target.url).sort());
  });
});
