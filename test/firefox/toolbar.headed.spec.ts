/**
 * The toolbar button and the keyboard shortcut in a real Firefox ESR window under Xvfb, with the
 * all-sites offer DECLINED: only the person's gesture gives the extension the tab (activeTab), so
 * screenshots and the archive in Atlos prove the gesture reached the extension. Each test is also an
 * evidence-integrity case as a person meets it: the HTML archive keeps no typed or hidden text, and
 * is inert.
 *
 * How a person reaches the button: Firefox puts a new extension's button in the Extensions menu (the
 * puzzle-piece button at the right of the toolbar); a real click opens it, `Down` `Return` chooses the
 * only extension, and its popup opens with the activeTab grant; `Tab` to `Capture` and `Return` press it.
 * What the popup shows is read through `browser.extension.getViews` from an extension page in another
 * tab (puppeteer does not see popups). Popups and panels draw black in an `xwd` of Xvfb (they use a
 * transparent visual), so screenshots cannot show them. See docs/browser-facts.md §6.
 *
 * Run by the `firefox-headed` project (test/run-all.ts provides the X display):
 * `npx wxt build -b firefox --mv3 --mode e2e && xvfb-run -a -s '-screen 0 1280x900x24' \
 *   npx playwright test --project=firefox-headed test/firefox/toolbar.headed.spec.ts`
 */
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'puppeteer-core';
import { NAMESPACE, waitForBrowserCapture, type SourceMaterial } from '../e2e/menus-fixture.ts';
import { withoutCustodyFiles } from '../support/custody-files.ts';
import { test as base, expect, launchFirefox } from './fixtures.ts';
import { connectThroughOptions, poll } from './helpers.ts';

const test = base.extend<{}, { firefox: Browser }>({
  firefox: [
    async ({}, use) => {
      if (!process.env.DISPLAY) throw new Error('needs an X display (run under Xvfb, as test/run-all.ts does)');
      const browser = await launchFirefox({}, { headless: false });
      try {
        await use(browser);
      } finally {
        await browser.close().catch(() => {});
      }
    },
    { scope: 'worker', timeout: 90_000 },
  ],
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const xdotool = (...args: string[]) => void execFileSync('xdotool', args, { stdio: 'pipe' });

async function keys(...names: string[]) {
  for (const name of names) {
    xdotool('key', name);
    await pause(400);
  }
}

/**
 * Connects with the all-sites offer declined, makes one incident the most recent, keeps an extension
 * page in a background tab (to find the popup's window), and shows `url` in the front tab.
 */
async function setUp(
  {
    firefox,
    standin,
    openExtensionPage,
  }: {
    firefox: Browser;
    standin: import('../e2e/fixtures.ts').Standin;
    openExtensionPage: (p: string) => Promise<Page>;
  },
  url: string,
): Promise<{ page: Page; probe: Page; slug: string }> {
  const probe = await openExtensionPage('options.html');
  await connectThroughOptions(probe, { url: standin.url, token: standin.tokens.civEdit, allSites: false });
  const slug = standin.known.civSlugs[1]!;
  await probe.evaluate(async (slug: string) => {
    const storage = (globalThis as any).browser.storage.local;
    const { connections } = await storage.get('connections');
    const entry = { connectionId: connections[0].id, slug, description: 'Convoy at the market' };
    await storage.set({
      recentIncidents: [{ ...entry, usedAt: new Date().toISOString() }],
      recentIncidents$: { v: 1 },
    });
  }, slug);
  const page = await firefox.newPage();
  await page.goto(url);
  await page.bringToFront();
  return { page, probe, slug };
}

/** Clicks the Extensions button for real and chooses Atlos Capture; resolves once its popup is open. */
async function openToolbarPopup(page: Page, probe: Page): Promise<void> {
  const win = await page.evaluate(() => ({
    right: screenX + outerWidth,
    contentTop: (window as unknown as { mozInnerScreenY: number }).mozInnerScreenY,
  }));
  // Measured on Firefox ESR 153 (Xvfb, 100 %): the Extensions button is centred 60 px left of the
  // window's right edge and 22 px above the content area.
  xdotool('mousemove', String(win.right - 60), String(Math.round(win.contentTop - 22)));
  await pause(200);
  xdotool('click', '1');
  await pause(1_000); // the panel animates in
  await keys('Down', 'Return');
  await poll(() => readPopup(probe), 'the toolbar popup', 15_000);
}

interface PopupState {
  /** The status region's text. */
  status: string;
  /** Whether the keyboard focus is on an enabled `Capture` button. */
  onCapture: boolean;
}

/** What the open toolbar popup shows (null while there is none), read through `extension.getViews`. */
function readPopup(probe: Page): Promise<PopupState | null> {
  return probe.evaluate(() => {
    const popup = (globalThis as any).browser.extension
      .getViews({ type: 'popup' })
      .find((v: Window) => v.location.pathname === '/popup.html') as Window | undefined;
    if (!popup) return null;
    const focused = popup.document.activeElement as HTMLButtonElement | null;
    return {
      status: (popup.document.querySelector('[role=status]')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      onCapture: focused?.tagName === 'BUTTON' && focused.textContent?.trim() === 'Capture' && !focused.disabled,
    };
  });
}

/**
 * Presses `Capture` from the keyboard: `Tab` until it has the focus, then `Return`. (A real mouse click
 * into the popup closed it instead: the Extensions menu it was opened from still holds the pointer grab,
 * so the click counts as outside. The keyboard is what the popup then has.)
 */
async function pressCapture(probe: Page): Promise<void> {
  for (let tabs = 0; !(await readPopup(probe))?.onCapture; tabs++) {
    if (tabs > 25) throw new Error('Tab never reached an enabled Capture button in the popup');
    await keys('Tab');
  }
  await keys('Return');
}

async function htmlArchive(sm: SourceMaterial): Promise<string> {
  const listed = (sm.metadata[NAMESPACE].artifacts as Array<{ kind: string; sha256: string }>).find(
    (a) => a.kind === 'page_archive',
  );
  const file = withoutCustodyFiles(sm.artifacts).find((a) => a.file_hash_sha256 === listed?.sha256);
  if (!file) throw new Error(`no page archive in ${sm.id}`);
  return (await fetch(file.access_url)).text();
}

/** Screenshots and the archive were made: the gesture gave the extension the tab. */
function expectPageKinds(sm: SourceMaterial) {
  const kinds = (sm.metadata[NAMESPACE].artifacts as Array<{ kind: string }>).map((a) => a.kind);
  const problems = sm.metadata[NAMESPACE].problems ?? [];
  for (const kind of ['viewport_screenshot', 'full_page_screenshot', 'page_archive'])
    expect(kinds, JSON.stringify(problems)).toContain(kind);
  expect(problems).toEqual([]);
}

test.describe('Firefox toolbar button and shortcut, all-sites offer declined', () => {
  test.setTimeout(180_000);
  test.use({ standinOptions: { incidents: 20 } });

  test('toolbar button → popup → Capture: Captured, and the archive keeps no typed or hidden text', async ({
    firefox,
    standin,
    fixtureServer,
    openExtensionPage,
  }) => {
    const url = `${fixtureServer.url}/hostile/typed.html`;
    const { page, probe } = await setUp({ firefox, standin, openExtensionPage }, url);
    await page.click('#compose');
    await page.keyboard.type('typed-compose-7031');
    await page.evaluate(() => ((document.getElementById('mirror') as HTMLInputElement).value = 'mirror-of-typed-7032'));

    await openToolbarPopup(page, probe);
    await pressCapture(probe);
    let last: PopupState | null = null;
    const status = await poll(
      async () => {
        last = await readPopup(probe);
        return /Captured|failed/.test(last?.status ?? '') ? last!.status : null;
      },
      'the popup to say how the capture went',
      120_000,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}; the popup: ${JSON.stringify(last)}`);
    });
    expect(status).toMatch(/Captured/);
    expect(status).not.toMatch(/with problems/);

    const sm = await waitForBrowserCapture(standin, url);
    expectPageKinds(sm);
    const html = await htmlArchive(sm);
    expect(html).toContain('Write a reply');
    expect(html).not.toMatch(
      /typed-compose-7031|served-placeholder|mirror-of-typed-7032|csrf-token-4711|served-frame-pw/,
    );
    expect(await page.$eval('#compose', (el) => el.textContent)).toContain('typed-compose-7031');
  });

  test('keyboard shortcut Alt+Shift+C: captured to the last incident, and the archive is inert', async ({
    firefox,
    standin,
    fixtureServer,
    openExtensionPage,
  }) => {
    const url = `${fixtureServer.url}/hostile/inert.html`;
    const { page, probe } = await setUp({ firefox, standin, openExtensionPage }, url);
    const shortcut = await probe.evaluate(async () => {
      const commands: Array<{ name: string; shortcut?: string }> = await (globalThis as any).browser.commands.getAll();
      return commands.find((c) => c.name === 'capture-to-last-incident')?.shortcut;
    });
    expect(shortcut).toBe('Alt+Shift+C');
    await page.bringToFront();
    await page.click('h1'); // the person is on the page
    await keys('alt+shift+c');

    const sm = await waitForBrowserCapture(standin, url);
    expectPageKinds(sm);
    const html = await htmlArchive(sm);
    expect(html).toMatch(
      /^<!DOCTYPE html>\n<!-- Saved by Atlos Capture from [^\n]+ -->\n<html lang="en"><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; form-action 'none'">/,
    );
    expect(html).toContain('Text that stays.');
    expect(html).not.toMatch(
      /<iframe|srcdoc|<object|<embed|http-equiv="refresh"|<base|prefetch|<animate|<set\b|javascript|script:/i,
    );
    expect(html).toContain(`href="${fixtureServer.url}/hostile/story.html"`);
  });
});
