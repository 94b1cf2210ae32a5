/**
 * A browser restart in the middle of a 20-link batch on Firefox ESR: Firefox is closed once a few links have
 * reached Atlos, launched again on the same profile directory with the add-on installed again, and the
 * background page started with it resumes the batch from IndexedDB (lib/capture/register.ts runs the pending
 * jobs on start). Each link ends in Atlos exactly once, archived. Mirrors the Chromium test in
 * test/e2e/batch-engine.spec.ts. Driven through the e2e hook `__atlosTest` on the background page.
 * The reinstalled add-on has the same `moz-extension://` origin, to which its storage belongs, because the id
 * and the UUID are fixed (fixtures.ts: `extensions.webextensions.uuids`, `keepUuidOnUninstall`); Firefox
 * otherwise gives each install a random UUID.
 * Build: `npx wxt build -b firefox --mv3 --mode e2e`, then
 * `npx playwright test --project=firefox test/firefox/batch-restart.spec.ts`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { expect, firefoxExtensionDir, launchFirefox, openExtensionPage, test } from './fixtures.ts';
import { connectThroughOptions, poll } from './helpers.ts';

test.use({ standinOptions: { incidents: 20, archiver: 'manual' } });
test.setTimeout(420_000);

interface JobLike {
  id: string;
  state: string;
  batch?: { id: string; index: number };
  error?: { message: string };
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

test('a browser restart in the middle of a 20-link batch: each link in Atlos exactly once, each archived', async ({
  standin,
  fixtureServer,
}) => {
  const profile = await mkdtemp(join(tmpdir(), 'atlos-ff-restart-'));
  let firefox: Browser | undefined;
  try {
    firefox = await launchFirefox({}, { userDataDir: profile });
    await firefox.installExtension(firefoxExtensionDir());
    const options = await openExtensionPage(firefox, fixtureServer, 'options.html');
    await connectThroughOptions(options, { url: standin.url, token: standin.tokens.civEdit });
    const connectionId = await options.evaluate(
      async () => (await (globalThis as any).browser.storage.local.get('connections')).connections[0].id as string,
    );
    const slug = standin.known.civSlugs[1]!;
    const urls = Array.from({ length: 20 }, (_, i) => `${fixtureServer.url}/article.html?link=${i}`);
    const { batchId, jobIds } = await hook<{ batchId: string; jobIds: string[] }>(options, 'startBatch', {
      incident: { connectionId, slug, description: 'e2e' },
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
    await poll(async () => userProvided().length >= 3, 'a few links in Atlos', 120_000);
    // Atlos stops answering from here on (requests are held, never handled), so Firefox surely closes
    // mid-batch, with requests in flight.
    standin.control.injectFault({ kind: 'stall', times: 100_000, stallMs: 300_000 });
    const atRestart = userProvided().length;
    await firefox.close();
    firefox = undefined;
    expect(atRestart, 'the browser should close mid-batch').toBeLessThan(20);
    standin.control.clearFaults();

    // The same profile again; a temporary add-on does not outlive the browser, so it is installed again.
    // Its storage is still there: the connection (storage.local) and the batch's jobs (IndexedDB).
    firefox = await launchFirefox({}, { userDataDir: profile });
    await firefox.installExtension(firefoxExtensionDir());
    const again = await openExtensionPage(firefox, fixtureServer, 'options.html');
    expect(
      await again.evaluate(
        async () => ((await (globalThis as any).browser.storage.local.get('connections')).connections ?? []).length,
      ),
      'the connection after the restart',
    ).toBe(1);
    expect(
      (await hook<JobLike[]>(again, 'listJobs')).filter((j) => j.batch?.id === batchId),
      'the batch after the restart',
    ).toHaveLength(20);
    const jobs = await poll(
      async () => {
        const mine = (await hook<JobLike[]>(again, 'listJobs')).filter((j) => j.batch?.id === batchId);
        const settled = mine.length === 20 && mine.every((j) => j.state === 'done' || j.state === 'failed');
        return settled ? mine : null;
      },
      'every item of the batch to settle after the restart',
      300_000,
    );
    expect(
      jobs.filter((j) => j.state !== 'done').map((j) => j.error?.message),
      'every item done',
    ).toEqual([]);
    await standin.control.finishArchiveJobs();
    const state = standin.control.state();
    const incident = state.incidents.find((i) => i.slug === slug)!;
    expect(state.sourceMaterial.filter((s) => s.incident_id === incident.id)).toHaveLength(40);
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
  } finally {
    await firefox?.close().catch(() => {});
    await rm(profile, { recursive: true, force: true });
  }
});
