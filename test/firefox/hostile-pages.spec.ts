/**
 * Hostile pages in Firefox ESR (the hostile fixture site, test/fixtures/hostile.ts), through the popup a
 * person uses: connected on the options page with the all-sites offer accepted (a real click, answered
 * by the fixtures' preference), the popup opened for the page's tab as `popup.html?tabId=N` (a window
 * left open; the `Choose incident…` window for a media target), and `Capture` pressed. Each test reads
 * the popup's status region and what reached the Atlos stand-in. Firefox's own paths: `tabs.captureTab`
 * for the screenshots and the HTML snapshot for the archive. Last, the all-sites offer declined: a popup
 * opened by URL has no grant and says so. The archive's inertness and typed text, and
 * the toolbar button and shortcut, are in toolbar.headed.spec.ts.
 *
 * Build: `npx wxt build -b firefox --mv3 --mode e2e`, then
 * `npx playwright test test/firefox/hostile-pages.spec.ts --project firefox`.
 */
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'puppeteer-core';
import type { Standin } from '../e2e/fixtures.ts';
import { NAMESPACE, waitForBrowserCapture, type SourceMaterial } from '../e2e/menus-fixture.ts';
import { HOSTILE_MEDIA, HOSTILE_SWAPPED_BODY } from '../fixtures/hostile.ts';
import { viaLoopback } from '../support/hosts.ts';
import { test, expect, tabIdOf } from './fixtures.ts';
import { connectThroughOptions, findByRole, waitForText } from './helpers.ts';

test.use({ standinOptions: { incidents: 20 } });
test.setTimeout(180_000);

interface Args {
  firefox: Browser;
  standin: Standin;
  openExtensionPage: (path: string) => Promise<Page>;
}

/** Connects (all sites accepted unless told), makes one incident the most recent, and opens `url` in a tab. */
async function setUp({ firefox, standin, openExtensionPage }: Args, url: string, wait = true, allSites = true) {
  const options = await openExtensionPage('options.html');
  await connectThroughOptions(options, { url: standin.url, token: standin.tokens.civEdit, allSites });
  await options.evaluate(async (slug: string) => {
    const storage = (globalThis as any).browser.storage.local;
    const { connections } = await storage.get('connections');
    const entry = { connectionId: connections[0].id, slug, description: 'Convoy at the market' };
    await storage.set({
      recentIncidents: [{ ...entry, usedAt: new Date().toISOString() }],
      recentIncidents$: { v: 1 },
    });
  }, standin.known.civSlugs[1]!);
  const page = await firefox.newPage();
  if (wait) await page.goto(url);
  else void page.goto(url).catch(() => {}); // never "loads"
  await page.waitForSelector('body');
  if (allSites) return { page, options, tabId: await tabIdOf(options, url) };
  // Without host access the extension cannot read the tab's URL: the page's tab is the newest one.
  const tabId = await options.evaluate(async () => {
    const tabs: Array<{ id: number }> = await (globalThis as any).browser.tabs.query({});
    return Math.max(...tabs.map((t) => t.id));
  });
  return { page, options, tabId };
}

/** Presses `Capture` in the popup and returns the status text once the capture has ended. */
async function captureAndWait(popup: Page): Promise<string> {
  await popup.click(await findByRole(popup, 'button', 'Capture'));
  const status = await findByRole(popup, 'status', '');
  return waitForText(popup, status, /Captured|failed/, 120_000);
}

function listed(sm: SourceMaterial) {
  const metadata = sm.metadata[NAMESPACE];
  return {
    kinds: (metadata.artifacts as Array<{ kind: string }>).map((a) => a.kind),
    problems: (metadata.problems ?? []) as Array<{ artifact: string; message: string }>,
  };
}

test.describe('hostile pages in Firefox, through the popup', () => {
  test('a page whose HTML never ends: visible screenshot and details in Atlos', async ({
    firefox,
    standin,
    fixtureServer,
    openExtensionPage,
  }) => {
    const url = `${fixtureServer.url}/hostile/never-ends.html`;
    const { page, tabId } = await setUp({ firefox, standin, openExtensionPage }, url, false);
    await page.waitForSelector('h1');
    const popup = await openExtensionPage(`popup.html?tabId=${tabId}`);

    expect(await captureAndWait(popup)).toMatch(/Captured/);
    const sm = await waitForBrowserCapture(standin, url);
    expect(listed(sm).kinds).toContain('viewport_screenshot');
    expect(sm.metadata[NAMESPACE].page.title).toBe('Never ends');
  });

  test('a page that rewrites itself during the full-page screenshot (captureTab): stopped and reported', async ({
    firefox,
    standin,
    fixtureServer,
    openExtensionPage,
  }) => {
    const url = `${fixtureServer.url}/hostile/changing.html?how=swap&after=86400000`;
    const { page, tabId } = await setUp({ firefox, standin, openExtensionPage }, url);
    const popup = await openExtensionPage(`popup.html?tabId=${tabId}`);

    const ended = captureAndWait(popup);
    await page.waitForFunction(() => window.scrollY > 0, { timeout: 60_000 }); // the capture is under way
    // The page's own timer, brought forward: it rewrites itself while the tiles are being taken.
    await page.evaluate(() => {
      document.open();
      document.write('<!DOCTYPE html><body style="background:#ff00ff"><h1>Swapped</h1></body>');
      document.close();
    });
    const status = await ended;

    expect(status).toContain('Captured with problems');
    expect(status).toMatch(/Full-page screenshot: The full-page screenshot could not be taken: .*replaced its content/);
    const { kinds, problems } = listed(await waitForBrowserCapture(standin, url));
    expect(kinds).not.toContain('full_page_screenshot');
    expect(problems.map((p) => p.artifact)).toContain('full_page_screenshot');
  });

  test('original media from a CDN that answers the extension with a web page: never uploaded as the original', async ({
    firefox,
    standin,
    fixtureServer,
    openExtensionPage,
  }) => {
    // Served from 127.0.0.1 so the "CDN" is http://localhost: Firefox blocks an extension's fetch of a
    // plain-http host as mixed content (moz-extension: pages are secure contexts) unless the host is
    // potentially trustworthy (https://w3c.github.io/webappsec-secure-contexts/#is-origin-trustworthy).
    // Real CDNs are https; the fixture server is not.
    const pageUrl = viaLoopback(`${fixtureServer.url}/hostile/media.html`);
    const { page, tabId } = await setUp({ firefox, standin, openExtensionPage }, pageUrl);
    await page.waitForFunction(() =>
      Array.from(document.images).every((image) => image.complete && image.naturalWidth > 0),
    );
    const src = await page.$eval('#swap', (img) => (img as HTMLImageElement).src);
    const mediaUrl = `${new URL(src).origin}/hostile/cdn/swap.png`;
    // The `Choose incident…` window of a right-click on the image (lib/chooser-window.ts opens this URL).
    const target = { kind: 'image', url: mediaUrl, pageUrl, mediaUrl, frameId: 0 };
    const chooser = await openExtensionPage(
      `popup.html?tabId=${tabId}&target=${encodeURIComponent(JSON.stringify(target))}`,
    );

    const status = await captureAndWait(chooser);
    expect(status).toContain('Captured with problems');
    expect(status).toMatch(/Original media: .*it sent text\/html/);
    const sm = await waitForBrowserCapture(standin, mediaUrl);
    const sha256 = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');
    const uploaded = sm.artifacts.map((a) => a.file_hash_sha256);
    expect(uploaded).not.toContain(sha256(HOSTILE_SWAPPED_BODY));
    expect(uploaded).not.toContain(sha256(HOSTILE_MEDIA.private));
    expect(listed(sm).problems.map((p) => p.artifact)).toContain('original_media');
  });

  test('all sites declined, popup opened by URL (no click on the page): it says it cannot see the tab, nothing is sent', async ({
    firefox,
    standin,
    fixtureServer,
    openExtensionPage,
  }) => {
    const url = `${fixtureServer.url}/article.html`;
    const { tabId } = await setUp({ firefox, standin, openExtensionPage }, url, true, false);
    const popup = await openExtensionPage(`popup.html?tabId=${tabId}`);

    await popup.click(await findByRole(popup, 'button', 'Capture'));
    const status = await waitForText(popup, await findByRole(popup, 'status', ''), /cannot see this tab/);
    expect(status).toBe(
      'The extension cannot see this tab. Open the popup with the toolbar button while you are on the tab, or allow access to all sites in the settings.',
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(standin.control.state(['sourceMaterial']).sourceMaterial.filter((sm) => sm.source_url === url)).toEqual([]);
  });
});
