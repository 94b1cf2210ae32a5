/**
 * Hostile pages in real Chromium (the hostile fixture site, test/fixtures/hostile.ts): a page
 * that never finishes loading, frames that hang injections, a tab switch and a navigation in
 * the middle of a full-page capture, typed text that must stay out of the MHTML, and a CDN
 * that answers the extension with something other than what the page shows.
 * Captures are triggered through the e2e-only hook `__atlosArtifactsTest` (lib/artifacts/test-hook.ts),
 * which runs `collectArtifacts` inside the extension's service worker, as test/e2e/artifacts.spec.ts does.
 * Build: `npx wxt build --mode e2e`, then `npx playwright test --project chromium test/e2e/hostile-pages.spec.ts`.
 */
import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { collect as collectInWorker } from './helpers/collect.ts';
import { test, expect } from './fixtures.ts';
import { HOSTILE_SWAPPED_BODY } from '../fixtures/hostile.ts';

interface CollectedForTest {
  artifacts: Array<{ kind: string; fileName: string; sha256: string; base64: string; final_url?: string }>;
  problems: Array<{ artifact: string; message: string }>;
  page: { title: string | null };
}

const collect = (...args: Parameters<typeof collectInWorker>) => collectInWorker<CollectedForTest>(...args);

/** MHTML text with quoted-printable undone, so a value split over a soft line break is still found. */
function mhtmlText(base64: string): string {
  return Buffer.from(base64, 'base64')
    .toString('latin1')
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
}

async function open(
  page: Page,
  url: string,
  tabIdOf: (page: Page) => Promise<number>,
  waitUntil: 'load' | 'commit' = 'load',
) {
  await page.goto(url, { waitUntil });
  await page.bringToFront();
  return tabIdOf(page);
}

test.describe('hostile pages in Chromium', () => {
  test.setTimeout(180_000);

  test('a page whose HTML never ends still gets its visible screenshot and metadata', async ({
    context,
    worker,
    fixtureServer,
    tabIdOf,
  }) => {
    const page = await context.newPage();
    const url = `${fixtureServer.url}/hostile/never-ends.html`;
    const tabId = await open(page, url, tabIdOf, 'commit');
    await page.locator('h1').waitFor();

    const result = await collect(
      worker,
      tabId,
      url,
      { viewportScreenshot: true },
      {},
      { limits: { pageCallMs: 10_000 } },
    );

    expect(result.artifacts.map((a) => a.kind)).toEqual(['viewport_screenshot']);
    expect(result.page.title).toBe('Never ends');
    expect(result.problems).toEqual([]);
  });

  test('frames with javascript: and about:blank sources do not hang the capture, and the archive is safe', async ({
    context,
    worker,
    fixtureServer,
    tabIdOf,
  }) => {
    const page = await context.newPage();
    const url = `${fixtureServer.url}/hostile/frames.html`;
    const tabId = await open(page, url, tabIdOf);
    await page.fill('#comment', 'typed-comment-5150');

    const result = await collect(
      worker,
      tabId,
      url,
      { viewportScreenshot: true, pageArchive: true },
      {},
      { pageCallMs: 10_000 },
    );

    expect(result.artifacts.map((a) => a.kind)).toContain('viewport_screenshot');
    const archive = result.artifacts.find((a) => a.kind === 'page_archive');
    if (archive) {
      expect(mhtmlText(archive.base64)).not.toContain('typed-comment-5150');
      expect(result.problems).toEqual([]);
    } else {
      expect(result.problems.map((p) => p.message)).toEqual([expect.stringContaining('no archive was saved')]);
    }
    expect(await page.inputValue('#comment')).toBe('typed-comment-5150');
  });

  test('switching tabs during a full-page capture stops it: no other tab in the evidence', async ({
    context,
    worker,
    fixtureServer,
    tabIdOf,
  }) => {
    const page = await context.newPage();
    const url = `${fixtureServer.url}/hostile/changing.html?after=86400000`;
    const tabId = await open(page, url, tabIdOf);
    const other = await context.newPage();
    await other.goto(`${fixtureServer.url}/hostile/two-tabs.html`);
    await page.bringToFront();

    const capture = collect(worker, tabId, url, { fullPageScreenshot: true });
    await page.waitForFunction(() => window.scrollY > 0, undefined, { timeout: 60_000 }); // tiles under way
    await other.bringToFront();
    const result = await capture;

    expect(result.artifacts.filter((a) => a.kind === 'full_page_screenshot')).toEqual([]);
    expect(result.problems).toEqual([
      {
        artifact: 'full_page_screenshot',
        message:
          'The full-page screenshot could not be taken: you switched to another tab during the capture; capture again and stay on the tab',
      },
    ]);
  });

  for (const [how, sentence] of [
    ['navigate', /went to another address|replaced its content/],
    ['swap', /replaced its content/],
  ] as const) {
    test(`a page that ${how === 'swap' ? 'rewrites itself' : 'navigates'} during a full-page capture stops it`, async ({
      context,
      worker,
      fixtureServer,
      tabIdOf,
    }) => {
      const page = await context.newPage();
      const url = `${fixtureServer.url}/hostile/changing.html?how=${how}&after=86400000`;
      const tabId = await open(page, url, tabIdOf);
      const capture = collect(worker, tabId, url, { fullPageScreenshot: true });
      await page.waitForFunction(() => window.scrollY > 0, undefined, { timeout: 60_000 });
      // The page's own timer, brought forward: it changes while tiles are being taken.
      await page.evaluate((h) => {
        if (h === 'swap') {
          document.open();
          document.write('<!DOCTYPE html><body style="background:#ff00ff"><h1>Swapped</h1></body>');
          document.close();
        } else location.href = '/hostile/changed.html';
      }, how);
      const result = await capture;

      expect(result.artifacts.filter((a) => a.kind === 'full_page_screenshot')).toEqual([]);
      expect(result.problems.map((p) => p.artifact)).toEqual(['full_page_screenshot']);
      expect(result.problems[0]!.message).toMatch(sentence);
    });
  }

  test('MHTML keeps no editable-region text, hidden values or passwords in frames; the page gets them back', async ({
    context,
    worker,
    fixtureServer,
    tabIdOf,
  }) => {
    const page = await context.newPage();
    const url = `${fixtureServer.url}/hostile/typed.html`;
    const tabId = await open(page, url, tabIdOf);
    await page.click('#compose');
    await page.keyboard.type('typed-compose-6021');
    await page.evaluate(() => ((document.getElementById('mirror') as HTMLInputElement).value = 'mirror-of-typed-6022'));
    await page.frameLocator('#login').locator('#password').fill('typed-frame-pw-6023');

    const result = await collect(worker, tabId, url, { pageArchive: true });

    expect(result.problems).toEqual([]);
    const text = mhtmlText(result.artifacts[0]!.base64);
    expect(text).toContain('Write a reply');
    for (const secret of [
      'typed-compose-6021',
      'served-placeholder',
      'mirror-of-typed-6022',
      'csrf-token-4711',
      'typed-frame-pw-6023',
      'served-frame-pw',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(await page.locator('#compose').innerText()).toContain('typed-compose-6021');
    expect(await page.inputValue('#mirror')).toBe('mirror-of-typed-6022');
    expect(await page.getAttribute('input[name=csrf]', 'value')).toBe('csrf-token-4711');
    expect(await page.frameLocator('#login').locator('#password').inputValue()).toBe('typed-frame-pw-6023');
  });

  test('a CDN that answers the extension with other bytes or sends it to another site: never taken as the original', async ({
    context,
    worker,
    fixtureServer,
    tabIdOf,
  }) => {
    const page = await context.newPage();
    const url = `${fixtureServer.url}/hostile/media.html`;
    const tabId = await open(page, url, tabIdOf);
    await page.waitForFunction(() =>
      Array.from(document.images).every((image) => image.complete && image.naturalWidth > 0),
    );
    const cdn = new URL((await page.getAttribute('#swap', 'src'))!).origin;
    const swappedHash = createHash('sha256').update(HOSTILE_SWAPPED_BODY).digest('hex');

    for (const [name, reason] of [
      ['swap.png', 'it sent text/html'],
      ['redirect.png', 'another site'],
    ] as const) {
      const mediaUrl = `${cdn}/hostile/cdn/${name}`;
      const result = await collect(
        worker,
        tabId,
        url,
        { originalMedia: true },
        { kind: 'image', url: mediaUrl, mediaUrl, frameId: 0 },
      );
      expect(result.artifacts.map((a) => a.fileName)).toEqual(['element-screenshot-image.png']);
      expect(result.artifacts.every((a) => a.sha256 !== swappedHash)).toBe(true);
      expect(result.problems[0]!.message).toContain(reason);
    }
  });
});
