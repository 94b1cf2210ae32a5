/**
 * A batch of 20 tabs, visible area only, in Chrome: from `startBatch` (the engine's e2e hook) until
 * every tab is collected, against the floor measured in the same run: activating each of the same
 * 20 tabs and calling `captureVisibleTab` at the browser's rate (2 per second,
 * MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND; spaced like lib/artifacts/pacer.ts). Both are timed
 * inside the service worker, so the polling of the measurement costs nothing on the browser's side.
 * The worker's JS heap (CDP Runtime.getHeapUsage, after a garbage collection) is sampled before
 * and after each batch: it should stay flat (files go to IndexedDB, not the heap).
 */
import type { Page } from 'playwright-core';
import { attachToWorker, connectCdp, tabIdOf } from './browser.ts';
import { median, notAvailable, round, sleep, type Figure } from './figures.ts';
import type { Scenario } from './scenario.ts';

const TABS = 20;
const TARGET = 1.15;
const BATCH_RUNS = Math.max(1, Number(process.env.BENCH_BATCH_RUNS ?? 3));
const MB = 1024 * 1024;

export const BATCH_ROWS = [
  {
    id: 'batch.visible20',
    label: `Batch of ${TABS} tabs (visible area)`,
    unit: 'ms' as const,
    target: `≤ ${TARGET}× baseline (activate + captureVisibleTab at 2/s)`,
  },
  {
    id: 'batch.workerHeap',
    label: `Worker JS heap growth across a ${TABS}-tab batch`,
    unit: 'MB' as const,
    target: 'flat (< 5 MB)',
  },
];

/** In the worker: the floor, activating each tab and capturing it, spaced as the browser allows. */
async function floorMs(scenario: Scenario, tabIds: number[]): Promise<number> {
  return scenario.browser.worker.evaluate(async (ids: number[]) => {
    const chrome = (globalThis as any).chrome;
    const started = performance.now();
    let last = -Infinity;
    for (const id of ids) {
      const tab = await chrome.tabs.update(id, { active: true });
      // As lib/artifacts/pacer.ts: the browser counts calls as they arrive, so a call may still be
      // refused under load; it is retried at the next slot.
      for (let attempt = 0; ; attempt++) {
        const wait = last + 505 - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        last = performance.now();
        try {
          await chrome.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
          break;
        } catch (error) {
          if (attempt > 2 || !/MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND/.test(String(error))) throw error;
        }
      }
    }
    return performance.now() - started;
  }, tabIds);
}

/** In the worker: startBatch until no item of the batch is still being collected. */
async function batchMs(scenario: Scenario, request: unknown): Promise<{ ms: number; batchId: string }> {
  return scenario.browser.worker.evaluate(async (r) => {
    const hook = (globalThis as any).__atlosTest;
    const started = performance.now();
    const { batchId } = await hook.startBatch(r);
    for (;;) {
      const jobs = (await hook.listJobs()).filter((j: any) => j.batch?.id === batchId);
      if (jobs.every((j: any) => j.step !== 'collect' || j.state === 'failed')) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { ms: performance.now() - started, batchId };
  }, request);
}

async function settled(scenario: Scenario, batchId: string): Promise<string[]> {
  for (let i = 0; i < 600; i++) {
    const jobs = (await scenario.browser.worker.evaluate(() => (globalThis as any).__atlosTest.listJobs())) as any[];
    const mine = jobs.filter((j) => j.batch?.id === batchId);
    if (mine.every((j) => j.state === 'done' || j.state === 'failed')) return mine.map((j) => j.outcome ?? j.state);
    await sleep(500);
  }
  throw new Error('the batch did not settle in 5 minutes');
}

export async function measureBatch(scenario: Scenario): Promise<Figure[]> {
  const na = (reason: string) => BATCH_ROWS.map((r) => notAvailable(r.id, r.label, r.unit, r.target, reason));
  if (!scenario.connectionId) return na(`not connected: ${scenario.connectError}`);
  const { browser, fixtures } = scenario;
  const hasHook = await browser.worker.evaluate(
    () => typeof (globalThis as any).__atlosTest?.startBatch === 'function',
  );
  if (!hasHook) return na('engine test hook __atlosTest.startBatch missing');
  const pages: Page[] = [];
  const cdp = await connectCdp(browser.cdpUrl);
  try {
    const items = [];
    for (let i = 0; i < TABS; i++) {
      const page = await browser.context.newPage();
      await page.goto(`${fixtures.url}/article.html?batch=${i}`);
      pages.push(page);
      items.push({ kind: 'tab', tabId: await tabIdOf(browser.worker, page), url: page.url(), title: `Tab ${i}` });
    }
    const session = await attachToWorker(cdp, browser.extensionId);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage', {}, session).catch(() => undefined);
      const usage = await cdp.send<{ usedSize: number }>('Runtime.getHeapUsage', {}, session);
      return usage.usedSize / MB;
    };
    const request = {
      incident: {
        connectionId: scenario.connectionId,
        slug: scenario.recentSlugs[1] ?? scenario.standin.known.civSlugs[1],
      },
      options: {
        archive: false,
        viewportScreenshot: true,
        fullPageScreenshot: false,
        pageArchive: false,
        originalMedia: false,
      },
      items,
      source: 'popup',
    };
    const tabIds = items.map((item) => item.tabId);
    const ratios: number[] = [];
    const floors: number[] = [];
    const times: number[] = [];
    const growth: number[] = [];
    const heaps: string[] = [];
    for (let run = -1; run < BATCH_RUNS; run++) {
      const floor = await floorMs(scenario, tabIds);
      await sleep(600); // the rate limit's window passes before the batch starts
      const before = await heap();
      const { ms, batchId } = await batchMs(scenario, request);
      const outcomes = await settled(scenario, batchId);
      const after = await heap();
      if (run < 0) continue; // warm-up
      if (outcomes.some((o) => o !== 'complete')) throw new Error(`batch items ended ${outcomes.join(',')}`);
      floors.push(floor);
      times.push(ms);
      ratios.push(ms / floor);
      growth.push(after - before);
      heaps.push(`${round(before)}→${round(after)}`);
    }
    return [
      {
        ...BATCH_ROWS[0]!,
        value: round(median(times), 0),
        baseline: round(median(floors), 0),
        pass: median(ratios) <= TARGET,
        note: `median ratio ${round(median(ratios), 2)}× (runs ${ratios.map((r) => round(r, 2)).join(', ')}); every item "Captured"`,
        samples: times.map((t) => round(t, 0)),
      },
      {
        ...BATCH_ROWS[1]!,
        value: round(median(growth), 2),
        pass: median(growth) < 5,
        note: `heap before→after each batch (MB, after GC): ${heaps.join(', ')}`,
        samples: growth.map((g) => round(g, 2)),
      },
    ];
  } finally {
    cdp.close();
    for (const page of pages) await page.close().catch(() => undefined);
  }
}
