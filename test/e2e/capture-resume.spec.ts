/**
 * The capture engine survives the worker and the browser going away, in real Chromium with the
 * built extension: a capture interrupted mid-upload (browser and worker killed mid-request) and a
 * capture queued while Atlos was unreachable, then the browser closed and started again, each end
 * with the capture in Atlos exactly once with every file, also after the archiver has finished.
 * Build: `ATLOS_OUT_DIR=.output-engine npx wxt build --mode e2e`, then
 * `EXT_DIR=.output-engine/chrome-mv3-e2e npx playwright test test/e2e/capture-resume.spec.ts --project chromium`.
 */
import type { BrowserContext, Worker } from '@playwright/test';
import { connectProject } from './helpers/connect.ts';
import { expect, getServiceWorker, relaunch, test, type Standin } from './fixtures.ts';
import { expectCapturedOnce as expectCapturedOnceInAtlos } from '../support/captured-once.ts';

test.use({ standinOptions: { incidents: 20, archiver: 'manual' } });
test.setTimeout(240_000);

interface JobSummaryLike {
  id: string;
  state: string;
  step: string;
  sourceMaterialId?: string;
  archivedSourceMaterialId?: string;
  error?: { message: string };
}

async function connectionId(worker: Worker): Promise<string> {
  const stored = await worker.evaluate(() => (globalThis as any).chrome.storage.local.get('connections'));
  const list = (stored as { connections?: Array<{ id: string }> }).connections ?? [];
  expect(list).toHaveLength(1);
  return list[0]!.id;
}

async function startCapture(worker: Worker, request: Record<string, unknown>): Promise<string> {
  const { jobId } = await worker.evaluate((r) => (globalThis as any).__atlosTest.startCapture(r), request);
  return jobId as string;
}

async function jobs(worker: Worker): Promise<JobSummaryLike[]> {
  return worker.evaluate(() => (globalThis as any).__atlosTest.listJobs()) as Promise<JobSummaryLike[]>;
}

async function waitForJob(worker: Worker, jobId: string, state: string, timeout = 120_000): Promise<JobSummaryLike> {
  let last: JobSummaryLike | undefined;
  const read = async () => {
    last = (await jobs(worker).catch(() => [])).find((j) => j.id === jobId);
    // DEBUG_CAPTURE=1 prints every observation: the job's path through its states.
    if (process.env.DEBUG_CAPTURE) console.log(new Date().toISOString(), JSON.stringify(last));
    return last?.state;
  };
  await expect
    .poll(read, { timeout, message: `job ${jobId} should become ${state}` })
    .toBe(state)
    .catch((error: unknown) => {
      throw new Error(`${String(error)}\nlast seen: ${JSON.stringify(last)}`);
    });
  return last!;
}

/** Exactly once in Atlos (test/support/captured-once.ts), the metadata complete and every file verified by the server. */
function expectCapturedOnce(standin: Standin, slug: string, url: string, comment: string) {
  const { archived, metadata } = expectCapturedOnceInAtlos(standin, slug, url, comment);
  expect(metadata.schema).toBe('atlos-browser-capture/1');
  expect(metadata.archive.source_material_id).toBe(archived.id);
  expect(metadata.artifacts.length).toBeGreaterThanOrEqual(2);
  expect(metadata.artifacts.every((a: { server_verified: boolean }) => a.server_verified)).toBe(true);
}

async function setUp(
  context: BrowserContext,
  standin: Standin,
  fixtureServer: { url: string },
  openOptions: () => Promise<any>,
  tabIdOf: (p: any) => Promise<number>,
) {
  const options = await openOptions();
  await connectProject(options, { url: standin.url, token: standin.tokens.civEdit });
  const worker = await getServiceWorker(context);
  const page = await context.newPage();
  const url = `${fixtureServer.url}/article.html`;
  await page.goto(url);
  await page.bringToFront();
  const tabId = await tabIdOf(page);
  const slug = standin.known.civSlugs[0]!;
  const comment = `Resumed capture ${Date.now()}`;
  const request = {
    incident: { connectionId: await connectionId(worker), slug, description: 'e2e' },
    tabId,
    target: { kind: 'page', url, pageUrl: url },
    options: {
      archive: true,
      viewportScreenshot: true,
      fullPageScreenshot: true,
      pageArchive: true,
      originalMedia: false,
      comment,
    },
    source: 'popup',
  };
  return { worker, request, slug, url, comment };
}

test('worker killed mid-upload: the restarted worker resumes and the capture is in Atlos exactly once', async ({
  context,
  standin,
  fixtureServer,
  openOptions,
  tabIdOf,
}) => {
  const { worker, request, slug, url, comment } = await setUp(context, standin, fixtureServer, openOptions, tabIdOf);
  standin.control.injectFault({
    route: 'POST /api/v2/source_material/upload/:id',
    kind: 'stall',
    times: 1,
    stallMs: 120_000,
  });
  const jobId = await startCapture(worker, request);
  await expect.poll(() => standin.control.requests().some((r) => r.fault === 'stall'), { timeout: 30_000 }).toBe(true);

  // Kill the worker in the middle of the upload. Stopping only the worker makes Playwright's
  // persistent context report itself closed, and runtime.reload() disables a command-line-loaded
  // extension, so the browser is closed and started again on the same profile.
  const next = await relaunch(context);
  const fresh = await getServiceWorker(next);

  await waitForJob(fresh, jobId, 'done');
  expectCapturedOnce(standin, slug, url, comment);
  await standin.control.finishArchiveJobs();
  expectCapturedOnce(standin, slug, url, comment);
});

test('browser restart with a queued capture: sent once Atlos is reachable again', async ({
  context,
  standin,
  fixtureServer,
  openOptions,
  tabIdOf,
}) => {
  const { worker, request, slug, url, comment } = await setUp(context, standin, fixtureServer, openOptions, tabIdOf);
  standin.control.setOffline(true);
  const jobId = await startCapture(worker, request);
  const queued = await waitForJob(worker, jobId, 'waiting_network');
  expect(queued.error?.message).toMatch(/^Queued/);

  // Nothing reached Atlos while it was unreachable.
  expect(standin.control.state().sourceMaterial.filter((s) => s.source_url === url)).toEqual([]);

  standin.control.setOffline(false);
  const next = await relaunch(context);
  const fresh = await getServiceWorker(next);
  await waitForJob(fresh, jobId, 'done');
  expectCapturedOnce(standin, slug, url, comment);
  await standin.control.finishArchiveJobs();
  expectCapturedOnce(standin, slug, url, comment);
});
