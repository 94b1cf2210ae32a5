/**
 * Batch capture in real Chromium with the built extension, driven through the e2e build's
 * `__atlosTest` hook (lib/capture/register.ts): 8 open tabs, one of them a browser page, into one
 * incident; and a 20-link batch with the browser closed and started again in the middle.
 * Build: `npx wxt build --mode e2e`, then `npx playwright test --project chromium test/e2e/batch-engine.spec.ts`.
 */
import type { Worker } from '@playwright/test';
import { connectProject } from './helpers/connect.ts';
import { DECLINED_ALL_SITES, expect, getServiceWorker, relaunch, test } from './fixtures.ts';
import { withoutCustodyFiles } from '../support/custody-files.ts';

test.use({ standinOptions: { incidents: 20, archiver: 'manual' } });
test.setTimeout(240_000);

interface JobLike {
  id: string;
  state: string;
  outcome?: string;
  sourceMaterialId?: string;
  archivedSourceMaterialId?: string;
  target: { url: string };
  batch?: { id: string; index: number; size: number };
  error?: { message: string };
  problems?: Array<{ artifact: string; message: string }>;
}

const hook = (worker: Worker) => ({
  startBatch: (request: unknown) =>
    worker.evaluate((r) => (globalThis as any).__atlosTest.startBatch(r), request) as Promise<{
      batchId: string;
      jobIds: string[];
    }>,
  jobs: () => worker.evaluate(() => (globalThis as any).__atlosTest.listJobs()).catch(() => []) as Promise<JobLike[]>,
});

async function connectionId(worker: Worker): Promise<string> {
  const stored = await worker.evaluate(() => (globalThis as any).chrome.storage.local.get('connections'));
  return (stored as { connections: Array<{ id: string }> }).connections[0]!.id;
}

/** Waits until every job of the batch has settled and returns them in item order. */
async function settledBatch(worker: Worker, batchId: string, size: number): Promise<JobLike[]> {
  let last: JobLike[] = [];
  await expect
    .poll(
      async () => {
        last = (await hook(worker).jobs()).filter((j) => j.batch?.id === batchId);
        return last.length === size && last.every((j) => j.state === 'done' || j.state === 'failed');
      },
      { timeout: 180_000, message: 'every item of the batch should settle' },
    )
    .toBe(true)
    .catch((error: unknown) => {
      throw new Error(`${String(error)}\nlast seen: ${JSON.stringify(last.map((j) => [j.target.url, j.state]))}`);
    });
  return last.sort((a, b) => a.batch!.index - b.batch!.index);
}

test('8 selected tabs, one a browser page: 7 source materials with their files, 1 reported; the person is put back', async ({
  context,
  standin,
  fixtureServer,
  openOptions,
  tabIdOf,
}) => {
  await connectProject(await openOptions(), { url: standin.url, token: standin.tokens.civEdit });
  const worker = await getServiceWorker(context);
  const items: Array<{ kind: 'tab'; tabId: number; url: string; title: string }> = [];
  for (let i = 0; i < 8; i++) {
    const page = await context.newPage();
    const url = i === 4 ? 'chrome://version/' : `${fixtureServer.url}/article.html?tab=${i}`;
    await page.goto(url);
    items.push({ kind: 'tab', tabId: await tabIdOf(page), url, title: await page.title() });
  }
  const home = await context.newPage();
  await home.goto(`${fixtureServer.url}/article.html?home`);
  await home.bringToFront();
  const homeTabId = await tabIdOf(home);
  const slug = standin.known.civSlugs[0]!;
  const { batchId, jobIds } = await hook(worker).startBatch({
    incident: { connectionId: await connectionId(worker), slug, description: 'e2e' },
    options: {
      archive: false,
      viewportScreenshot: true,
      fullPageScreenshot: false,
      pageArchive: true,
      originalMedia: false,
    },
    items,
    source: 'popup',
  });
  expect(jobIds).toHaveLength(8);
  const jobs = await settledBatch(worker, batchId, 8);

  expect(jobs.map((j) => j.state)).toEqual(['done', 'done', 'done', 'done', 'failed', 'done', 'done', 'done']);
  expect(jobs[4]!.error!.message).toMatch(/browser/i);
  const state = standin.control.state();
  const incident = state.incidents.find((i) => i.slug === slug)!;
  const onIncident = state.sourceMaterial.filter((s) => s.incident_id === incident.id);
  expect(onIncident).toHaveLength(7);
  for (const job of jobs.filter((j) => j.state === 'done')) {
    expect(job.outcome, `${job.target.url}: ${JSON.stringify(job.problems)}`).toBe('complete');
    const mine = onIncident.find((s) => s.id === job.sourceMaterialId)!;
    expect(mine.source_url).toBe(job.target.url);
    const metadata = mine.metadata.browser_capture as Record<string, any>;
    expect(metadata.artifacts.map((a: { kind: string }) => a.kind).sort()).toEqual([
      'page_archive',
      'viewport_screenshot',
    ]);
    expect(metadata.artifacts.every((a: { server_verified: boolean }) => a.server_verified)).toBe(true);
    expect(
      withoutCustodyFiles(mine.artifacts)
        .map((a) => a.file_hash_sha256)
        .sort(),
    ).toEqual(metadata.artifacts.map((a: { sha256: string }) => a.sha256).sort());
    expect(metadata.page.url).toBe(job.target.url);
  }

  // Back where the person was, and one notification for the batch (none per item).
  const active = await worker.evaluate(async () => {
    const [tab] = await (globalThis as any).chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id as number | undefined;
  });
  expect(active).toBe(homeTabId);
  await expect
    .poll(() => worker.evaluate(async () => Object.keys(await (globalThis as any).chrome.notifications.getAll())))
    .toEqual([`atlos-capture:batch:${batchId}`]);
});

test('a browser restart in the middle of a 20-link batch: each link in Atlos exactly once, each archived', async ({
  context,
  standin,
  fixtureServer,
  openOptions,
}) => {
  await connectProject(await openOptions(), { url: standin.url, token: standin.tokens.civEdit });
  const worker = await getServiceWorker(context);
  const slug = standin.known.civSlugs[1]!;
  const urls = Array.from({ length: 20 }, (_, i) => `${fixtureServer.url}/article.html?link=${i}`);
  const { batchId, jobIds } = await hook(worker).startBatch({
    incident: { connectionId: await connectionId(worker), slug, description: 'e2e' },
    options: {
      archive: false,
      viewportScreenshot: true,
      fullPageScreenshot: true,
      pageArchive: true,
      originalMedia: false,
    },
    items: urls.map((url, i) => ({ kind: 'link', url, text: `Link ${i}`, position: i + 1 })),
    from: { pageUrl: `${fixtureServer.url}/article.html`, tabId: -1 },
    source: 'context-menu',
  });
  expect(jobIds).toHaveLength(20);
  const userProvided = () =>
    standin.control
      .state()
      .sourceMaterial.filter((s) => s.upload_type === 'user_provided' && urls.includes(s.source_url ?? ''));
  // Polled often: a fast machine finishes 20 links within the default poll's 1 s steps.
  await expect.poll(() => userProvided().length, { timeout: 60_000, intervals: [20] }).toBeGreaterThanOrEqual(3);
  // Atlos stops answering from here on (requests are held, never handled), so the browser surely closes
  // mid-batch, with requests in flight.
  standin.control.injectFault({ kind: 'stall', times: 100_000, stallMs: 300_000 });
  const atRestart = userProvided().length;
  const next = await relaunch(context);
  expect(atRestart, 'the browser should close mid-batch').toBeLessThan(20);
  standin.control.clearFaults();

  const fresh = await getServiceWorker(next);
  const jobs = await settledBatch(fresh, batchId, 20);
  expect(jobs.every((j) => j.state === 'done')).toBe(true);
  await standin.control.finishArchiveJobs();
  const state = standin.control.state();
  const incident = state.incidents.find((i) => i.slug === slug)!;
  for (const [i, url] of urls.entries()) {
    const versions = state.sourceMaterial.filter((s) => s.incident_id === incident.id && s.source_url === url);
    expect(versions.map((v) => v.upload_type).sort(), url).toEqual(['direct', 'user_provided']);
    const mine = versions.find((v) => v.upload_type === 'user_provided')!;
    const metadata = mine.metadata.browser_capture as Record<string, any>;
    expect(metadata.target).toMatchObject({ kind: 'link', url, link_text: `Link ${i}`, link_position: i + 1 });
    expect(metadata.archive).toEqual({
      requested: true,
      source_material_id: versions.find((v) => v.upload_type === 'direct')!.id,
    });
  }
});

test.describe('with access to all sites declined', () => {
  test.use({ grants: DECLINED_ALL_SITES });

  test('tabs in the background go on with their address only, each saying access was declined and how to allow it', async ({
    context,
    standin,
    fixtureServer,
    openOptions,
    tabIdOf,
  }) => {
    await connectProject(await openOptions(), { url: standin.url, token: standin.tokens.civEdit });
    const worker = await getServiceWorker(context);
    const items = [];
    for (let i = 0; i < 3; i++) {
      const page = await context.newPage();
      const url = `${fixtureServer.url}/article.html?declined=${i}`;
      await page.goto(url);
      items.push({ kind: 'tab', tabId: await tabIdOf(page), url, title: `Tab ${i}` });
    }
    const home = await context.newPage();
    await home.goto(`${fixtureServer.url}/article.html?home`);
    await home.bringToFront();
    const slug = standin.known.civSlugs[2]!;
    const { batchId } = await hook(worker).startBatch({
      incident: { connectionId: await connectionId(worker), slug, description: 'e2e' },
      options: {
        archive: false,
        viewportScreenshot: true,
        fullPageScreenshot: false,
        pageArchive: true,
        originalMedia: false,
      },
      items,
      source: 'popup',
    });
    const jobs = await settledBatch(worker, batchId, 3);
    for (const job of jobs) {
      expect(job.state).toBe('done');
      expect(job.outcome).toBe('incomplete');
      expect(job.problems!.map((p) => p.artifact).sort()).toEqual(['page_archive', 'viewport_screenshot']);
      for (const problem of job.problems!) expect(problem.message).toMatch(/access to all sites was declined.*Allow/);
    }
    const state = standin.control.state();
    const incident = state.incidents.find((i) => i.slug === slug)!;
    const onIncident = state.sourceMaterial.filter((s) => s.incident_id === incident.id);
    expect(onIncident.map((s) => s.source_url).sort()).toEqual(items.map((i) => i.url).sort());
    expect(onIncident.every((s) => withoutCustodyFiles(s.artifacts).length === 0)).toBe(true);
  });
});
