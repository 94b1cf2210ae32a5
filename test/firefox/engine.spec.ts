/**
 * The capture engine on Firefox's MV3 background, which is an event page (`background.scripts`),
 * not a service worker: Firefox unloads it after `extensions.background.idle.timeout` (30 s) without
 * extension activity, and starts it again for an event (alarm, message, browser start).
 *
 * - A step longer than the idle timeout (an upload Atlos holds for 40 s) keeps the page alive: the
 *   engine's keep-alive calls an extension API every 20 s, which resets Firefox's idle timer
 *   (verified on Firefox ESR 153: without calls the page unloads, with one call a second it stays).
 * - The add-on reloaded mid-upload (as after a crash, an update or a browser restart): the new
 *   background page resumes the job from IndexedDB and the capture lands in Atlos exactly once.
 * - A capture queued while Atlos is unreachable, with the background page unloaded meanwhile (idle
 *   timeout shortened to 5 s in a Firefox of its own): nothing touches the add-on, and the engine's
 *   alarm wakes the page, which sends the capture once Atlos is back.
 *
 * Jobs are started and read through the e2e-only hook `__atlosTest` on the background page
 * (lib/capture/register.ts), reached with `runtime.getBackgroundPage()` from an extension page.
 * Build: `ATLOS_OUT_DIR=.output-ff npx wxt build -b firefox --mv3 --mode e2e`, then
 * `EXT_DIR_FIREFOX=.output-ff/firefox-mv3-e2e npx playwright test test/firefox/engine.spec.ts --project firefox`.
 */
import type { Page } from 'puppeteer-core';
import type { Standin } from '../e2e/fixtures.ts';
import { expectCapturedOnce as expectCapturedOnceInAtlos } from '../support/captured-once.ts';
import { test, expect, tabIdOf, launchFirefox, openExtensionPage as openIn, firefoxExtensionDir } from './fixtures.ts';
import { connectThroughOptions, poll } from './helpers.ts';

test.use({ standinOptions: { incidents: 20, archiver: 'manual' } });
test.setTimeout(300_000);

interface JobLike {
  id: string;
  state: string;
  step: string;
  error?: { message: string };
}

/** Runs `fn(hook, arg)` in the background page; `instance` is a random mark set once per page load. */
async function inBackground<T>(page: Page, fn: string, arg: unknown): Promise<{ instance: number; value: T }> {
  return page.evaluate(
    async (fn: string, arg: unknown) => {
      const background = await (globalThis as any).browser.runtime.getBackgroundPage();
      background.__instanceMark ??= Math.random();
      const hook = background.__atlosTest;
      const value = fn === 'start' ? await hook.startCapture(arg) : await hook.listJobs();
      // JSON round trip: nothing of the background's compartment leaks into the result.
      return JSON.parse(JSON.stringify({ instance: background.__instanceMark, value }));
    },
    fn,
    arg,
  );
}

async function setUp({
  firefox,
  standin,
  fixtureServer,
  openExtensionPage,
}: {
  firefox: import('puppeteer-core').Browser;
  standin: Standin;
  fixtureServer: { url: string };
  openExtensionPage: (path: string) => Promise<Page>;
}) {
  const options = await openExtensionPage('options.html');
  await connectThroughOptions(options, { url: standin.url, token: standin.tokens.civEdit });
  const url = `${fixtureServer.url}/article.html`;
  const page = await firefox.newPage();
  await page.goto(url);
  const tabId = await tabIdOf(options, url);
  const connectionId = await options.evaluate(
    async () => (await (globalThis as any).browser.storage.local.get('connections')).connections[0].id as string,
  );
  const slug = standin.known.civSlugs[0]!;
  const comment = `Firefox engine ${Date.now()}`;
  const request = {
    incident: { connectionId, slug, description: 'firefox' },
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
  await page.bringToFront();
  return { options, request, url, slug, comment };
}

async function waitForDone(
  options: () => Page,
  jobId: string,
  timeout = 180_000,
): Promise<{ job: JobLike; instance: number }> {
  let last: unknown;
  return poll(
    async () => {
      const { instance, value } = await inBackground<JobLike[]>(options(), 'list', null);
      const job = value.find((j) => j.id === jobId);
      last = job;
      if (job?.state === 'failed') throw new Error(`job failed: ${job.error?.message}`);
      return job?.state === 'done' ? { job, instance } : null;
    },
    `job ${jobId} to be done`,
    timeout,
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}; last seen ${JSON.stringify(last)}`);
  });
}

/** Exactly once: one archived (direct) and one user_provided version, every file held, the comment posted once. */
function expectCapturedOnce(standin: Standin, slug: string, url: string, comment: string) {
  const { metadata } = expectCapturedOnceInAtlos(standin, slug, url, comment);
  expect(metadata.tool.browser).toMatch(/^Firefox \d+/);
  const kinds = metadata.artifacts.map((a: { kind: string }) => a.kind);
  for (const kind of ['viewport_screenshot', 'full_page_screenshot', 'page_archive']) expect(kinds).toContain(kind);
}

test('an upload longer than the idle timeout keeps the event page alive and completes', async ({
  firefox,
  standin,
  fixtureServer,
  openExtensionPage,
}) => {
  const { options, request, url, slug, comment } = await setUp({ firefox, standin, fixtureServer, openExtensionPage });
  standin.control.injectFault({
    route: 'POST /api/v2/source_material/upload/:id',
    kind: 'stall',
    times: 1,
    stallMs: 40_000,
  });
  const { instance: before, value } = await inBackground<{ jobId: string }>(options, 'start', request);
  await poll(async () => standin.control.requests().some((r) => r.fault === 'stall'), 'the upload to stall', 60_000);
  // Do not touch the background while Atlos holds the upload: only the engine's own activity may keep it up.
  await new Promise((r) => setTimeout(r, 45_000));
  const { job, instance: after } = await waitForDone(() => options, value.jobId);
  expect(job.state).toBe('done');
  expect(after, 'the background page was unloaded mid-capture').toBe(before);
  expectCapturedOnce(standin, slug, url, comment);
});

test('the add-on reloaded mid-upload: the new background page resumes and the capture lands once', async ({
  firefox,
  standin,
  fixtureServer,
  openExtensionPage,
}) => {
  const { options, request, url, slug, comment } = await setUp({ firefox, standin, fixtureServer, openExtensionPage });
  standin.control.injectFault({
    route: 'POST /api/v2/source_material/upload/:id',
    kind: 'stall',
    times: 1,
    stallMs: 120_000,
  });
  const { instance: before, value } = await inBackground<{ jobId: string }>(options, 'start', request);
  await poll(async () => standin.control.requests().some((r) => r.fault === 'stall'), 'the upload to stall', 60_000);

  // runtime.reload() unloads everything of the add-on (its pages close) and starts it again.
  await options.evaluate(() => void (globalThis as any).browser.runtime.reload()).catch(() => undefined);
  let current: Page | undefined;
  await poll(
    async () => {
      current = await openExtensionPage('options.html');
      return true;
    },
    'the add-on to come back',
    60_000,
  );
  const { instance: after } = await waitForDone(() => current!, value.jobId);
  expect(after).not.toBe(before);
  expectCapturedOnce(standin, slug, url, comment);
  await standin.control.finishArchiveJobs();
  expectCapturedOnce(standin, slug, url, comment);
});

test('a queued capture is sent after the idle background page was unloaded: its alarm wakes it', async ({
  standin,
  fixtureServer,
}) => {
  const firefox = await launchFirefox({ 'extensions.background.idle.timeout': 5_000 });
  try {
    await firefox.installExtension(firefoxExtensionDir());
    const open = (path: string) => openIn(firefox, fixtureServer, path);
    const { options, request, url, slug, comment } = await setUp({
      firefox,
      standin,
      fixtureServer,
      openExtensionPage: open,
    });
    standin.control.setOffline(true);
    const { instance: before, value } = await inBackground<{ jobId: string }>(options, 'start', request);
    await poll(
      async () => {
        const { value: jobs } = await inBackground<JobLike[]>(options, 'list', null);
        return jobs.find((j) => j.id === value.jobId)?.state === 'waiting_network';
      },
      'the capture to wait for the network',
      60_000,
    );
    // Leave the add-on alone: backoff waits (2, 4, 8, 16, 32 s ceilings, jittered) are not held, so the
    // page unloads in the first one longer than 5 s; 45 s offline makes that all but certain.
    await new Promise((r) => setTimeout(r, 45_000));
    standin.control.setOffline(false);
    // Only Atlos is watched now; nothing wakes the background page but its own alarm.
    await poll(
      async () => standin.control.state().sourceMaterial.filter((s) => s.source_url === url).length === 2,
      'the capture in Atlos',
      180_000,
    );
    // The rest (uploads, metadata, comment) may be read through the page again.
    const { instance: after } = await waitForDone(() => options, value.jobId);
    expect(after, 'the background page should have been unloaded while idle').not.toBe(before);
    expectCapturedOnce(standin, slug, url, comment);
  } finally {
    await firefox.close().catch(() => {});
  }
});
