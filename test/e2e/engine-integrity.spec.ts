/**
 * No stranded evidence and no plain success for less than was asked, in real Chromium with the
 * built extension: the disconnect confirmation names the captures still waiting for that
 * connection, and connecting the same project again sends them; Dismiss of a capture whose files
 * never reached Atlos asks first; a capture missing a requested artifact says "Captured with
 * problems" and names it.
 * Build: `ATLOS_OUT_DIR=.output-engine npx wxt build --mode e2e`, then
 * `ATLOS_OUT_DIR=.output-engine npx playwright test test/e2e/engine-integrity.spec.ts --project chromium`.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { withoutCustodyFiles } from '../support/custody-files.ts';
import { connectProject } from './helpers/connect.ts';
import { expect, getServiceWorker, test, type Standin } from './fixtures.ts';

test.use({ standinOptions: { incidents: 20, archiver: 'manual' } });
test.setTimeout(180_000);

interface JobLike {
  id: string;
  state: string;
  outcome?: string;
  incident: { connectionId: string };
  problems?: Array<{ artifact: string }>;
}

const jobs = (worker: Worker) =>
  worker.evaluate(() => (globalThis as any).__atlosTest.listJobs()) as Promise<JobLike[]>;

async function waitForJob(worker: Worker, jobId: string, state: string): Promise<JobLike> {
  let last: JobLike | undefined;
  await expect
    .poll(async () => (last = (await jobs(worker)).find((j) => j.id === jobId))?.state, { timeout: 120_000 })
    .toBe(state);
  return last!;
}

async function connectionIds(worker: Worker): Promise<string[]> {
  const stored = await worker.evaluate(() => (globalThis as any).chrome.storage.local.get('connections'));
  return ((stored as { connections?: Array<{ id: string }> }).connections ?? []).map((c) => c.id);
}

async function setUp(
  context: BrowserContext,
  standin: Standin,
  fixtureUrl: string,
  openOptions: () => Promise<Page>,
  tabIdOf: (p: Page) => Promise<number>,
) {
  const options = await openOptions();
  await connectProject(options, { url: standin.url, token: standin.tokens.civEdit });
  const worker = await getServiceWorker(context);
  const page = await context.newPage();
  const url = `${fixtureUrl}/article.html`;
  await page.goto(url);
  await page.bringToFront();
  const [connectionId] = await connectionIds(worker);
  const request = (slug: string, options: Record<string, boolean> = {}) => ({
    incident: { connectionId, slug, description: 'e2e' },
    target: { kind: 'page', url, pageUrl: url },
    options: {
      archive: false,
      viewportScreenshot: true,
      fullPageScreenshot: false,
      pageArchive: false,
      originalMedia: false,
      ...options,
    },
    source: 'popup',
  });
  return { options, worker, page, url, tabId: await tabIdOf(page), request };
}

const start = async (worker: Worker, request: Record<string, unknown>) =>
  ((await worker.evaluate((r) => (globalThis as any).__atlosTest.startCapture(r), request)) as { jobId: string }).jobId;

test('disconnect warns about waiting captures; the same project connected again sends them', async ({
  context,
  standin,
  fixtureServer,
  openOptions,
  tabIdOf,
}) => {
  const { options, worker, tabId, request } = await setUp(context, standin, fixtureServer.url, openOptions, tabIdOf);
  const slug = standin.known.civSlugs[0]!;
  standin.control.setOffline(true);
  const jobId = await start(worker, { ...request(slug), tabId });
  await waitForJob(worker, jobId, 'waiting_network');

  await options.reload();
  const group = options.getByRole('group', { name: /Civilian Harm Monitor/ });
  await group.getByRole('button', { name: 'Disconnect' }).click();
  const dialog = group.getByRole('alertdialog');
  await expect(dialog).toContainText('Captures still waiting to reach Atlos through this connection: 1.');
  await dialog.getByRole('button', { name: 'Yes, disconnect' }).click();
  await expect(options.getByRole('group', { name: /Civilian Harm Monitor/ })).toHaveCount(0);

  standin.control.setOffline(false);
  await connectProject(options, { url: standin.url, token: standin.tokens.civEdit });
  await worker.evaluate(() => (globalThis as any).__atlosTest.runPending({ networkBack: true }));
  const done = await waitForJob(worker, jobId, 'done');
  expect(done.incident.connectionId).toBe((await connectionIds(worker))[0]);
  const mine = standin.control
    .state(['sourceMaterial'])
    .sourceMaterial.filter((s) => s.source_url === request(slug).target.url);
  expect(mine).toHaveLength(1);
  expect(withoutCustodyFiles(mine[0]!.artifacts).map((a) => a.title)).toEqual([
    expect.stringMatching(/^Visible-area screenshot/),
  ]);
});

test('Dismiss of a capture whose files never reached Atlos asks first', async ({
  context,
  standin,
  fixtureServer,
  openOptions,
  openPopup,
  tabIdOf,
}) => {
  const { worker, tabId, request } = await setUp(context, standin, fixtureServer.url, openOptions, tabIdOf);
  const jobId = await start(worker, { ...request(standin.known.civDeletedSlug), tabId });
  await waitForJob(worker, jobId, 'failed');
  const popup = await openPopup(tabId);
  const item = popup.getByRole('listitem').filter({ hasText: standin.known.civDeletedSlug });
  const dismiss = item.getByRole('button', { name: /^Dismiss capture of / });
  await dismiss.click();
  await expect(item.getByRole('alert')).toContainText('never reached Atlos');
  expect((await jobs(worker)).some((j) => j.id === jobId)).toBe(true);
  await item.getByRole('button', { name: 'Dismiss anyway' }).click();
  await expect.poll(async () => (await jobs(worker)).some((j) => j.id === jobId)).toBe(false);
});

test('a requested artifact that cannot be made: Captured with problems, named in the popup', async ({
  context,
  standin,
  fixtureServer,
  openOptions,
  openPopup,
  tabIdOf,
}) => {
  const { worker, tabId, request, page } = await setUp(context, standin, fixtureServer.url, openOptions, tabIdOf);
  const slug = standin.known.civSlugs[1]!;
  // Original media is asked for a page whose target is an image that does not exist.
  const missing = `${fixtureServer.url}/no-such-image.png`;
  const jobId = await start(worker, {
    ...request(slug, { originalMedia: true }),
    target: { kind: 'image', url: missing, pageUrl: page.url(), mediaUrl: missing },
    tabId,
  });
  const done = await waitForJob(worker, jobId, 'done');
  expect(done.outcome).toBe('incomplete');
  expect(done.problems?.map((p) => p.artifact)).toContain('original_media');
  const popup = await openPopup(tabId);
  const item = popup.getByRole('listitem').filter({ hasText: slug });
  await expect(item).toContainText('Captured with problems: Original media');
});

test('everything asked for reached Atlos and was verified: plain Captured, no problems', async ({
  context,
  standin,
  fixtureServer,
  openOptions,
  tabIdOf,
}) => {
  const { worker, tabId, request } = await setUp(context, standin, fixtureServer.url, openOptions, tabIdOf);
  const slug = standin.known.civSlugs[2]!;
  const jobId = await start(worker, { ...request(slug, { fullPageScreenshot: true, pageArchive: true }), tabId });
  const done = await waitForJob(worker, jobId, 'done');
  expect(done).toMatchObject({ outcome: 'complete', problems: [] });
});
