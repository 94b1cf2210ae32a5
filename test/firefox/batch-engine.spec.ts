/**
 * Batch capture on Firefox ESR with the built add-on: 8 open tabs, one of them a browser page,
 * into one incident. Firefox's `tabs.captureTab` renders tabs in the background, so no tab is
 * brought to the front (no `tabs.onActivated` event during the batch). Driven through the e2e
 * hook `__atlosTest` on the background page (lib/capture/register.ts).
 * Build: `npx wxt build -b firefox --mv3 --mode e2e`, then
 * `npx playwright test --project=firefox test/firefox/batch-engine.spec.ts`.
 */
import type { Page } from 'puppeteer-core';
import { withoutCustodyFiles } from '../support/custody-files.ts';
import { expect, tabIdOf, test } from './fixtures.ts';
import { connectThroughOptions, poll } from './helpers.ts';

test.use({ standinOptions: { incidents: 20, archiver: 'manual' } });
test.setTimeout(300_000);

interface JobLike {
  id: string;
  state: string;
  outcome?: string;
  sourceMaterialId?: string;
  target: { url: string };
  batch?: { id: string; index: number };
  error?: { message: string };
  problems?: unknown[];
}

/** Calls the background's test hook; JSON round trip so nothing of its compartment leaks out. */
function hook<T>(page: Page, name: 'startBatch' | 'listJobs', arg?: unknown): Promise<T> {
  return page.evaluate(
    async (name: string, arg: unknown) => {
      const background = await (globalThis as any).browser.runtime.getBackgroundPage();
      return JSON.parse(JSON.stringify(await background.__atlosTest[name](arg)));
    },
    name,
    arg,
  ) as Promise<T>;
}

test('8 tabs, one a browser page: 7 source materials with their files, 1 reported, no tab switched', async ({
  firefox,
  standin,
  fixtureServer,
  openExtensionPage,
}) => {
  const options = await openExtensionPage('options.html');
  await connectThroughOptions(options, { url: standin.url, token: standin.tokens.civEdit });
  const items: Array<{ kind: 'tab'; tabId: number; url: string; title: string }> = [];
  for (let i = 0; i < 8; i++) {
    if (i === 2) {
      // A browser page, opened by the add-on (the tab's address is hidden from it: no host access there).
      const url = 'about:blank';
      const tabId = await options.evaluate(
        async (url: string) =>
          ((await (globalThis as any).browser.tabs.create({ url, active: false })) as { id: number }).id,
        url,
      );
      items.push({ kind: 'tab', tabId, url, title: 'blank' });
      continue;
    }
    const url = `${fixtureServer.url}/article.html?tab=${i}`;
    const page = await firefox.newPage();
    await page.goto(url);
    items.push({ kind: 'tab', tabId: await tabIdOf(options, url), url, title: url });
  }
  await options.bringToFront();
  const connectionId = await options.evaluate(
    async () => (await (globalThis as any).browser.storage.local.get('connections')).connections[0].id as string,
  );
  await options.evaluate(() => {
    (globalThis as any).__activations = 0;
    (globalThis as any).browser.tabs.onActivated.addListener(() => (globalThis as any).__activations++);
  });
  const slug = standin.known.civSlugs[0]!;
  const { batchId } = await hook<{ batchId: string }>(options, 'startBatch', {
    incident: { connectionId, slug, description: 'firefox batch' },
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
  const jobs = await poll(
    async () => {
      const mine = (await hook<JobLike[]>(options, 'listJobs')).filter((j) => j.batch?.id === batchId);
      const settled = mine.length === 8 && mine.every((j) => j.state === 'done' || j.state === 'failed');
      return settled ? mine.sort((a, b) => a.batch!.index - b.batch!.index) : null;
    },
    'every item of the batch to settle',
    180_000,
  );
  expect(jobs.map((j) => j.state)).toEqual(['done', 'done', 'failed', 'done', 'done', 'done', 'done', 'done']);
  expect(jobs[2]!.error!.message).toMatch(/browser/i);
  const state = standin.control.state();
  const incident = state.incidents.find((i) => i.slug === slug)!;
  const onIncident = state.sourceMaterial.filter((s) => s.incident_id === incident.id);
  expect(onIncident).toHaveLength(7);
  for (const job of jobs.filter((j) => j.state === 'done')) {
    expect(job.outcome, `${job.target.url}: ${JSON.stringify(job.problems)}`).toBe('complete');
    const mine = onIncident.find((s) => s.id === job.sourceMaterialId)!;
    const metadata = mine.metadata.browser_capture as Record<string, any>;
    expect(metadata.tool.browser).toMatch(/^Firefox \d+/);
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
  }
  expect(await options.evaluate(() => (globalThis as any).__activations)).toBe(0);
});
