/**
 * Every capture entry point, with the all-sites offer accepted and declined, on the production
 * manifest, in headed Chromium under Xvfb, with the gestures a person makes: the pinned toolbar
 * button clicked, the context menu right-clicked, `Choose incident…` and its window, and the
 * Alt+Shift+S shortcut, all through xdotool. Then the native permission prompts themselves, each
 * answered both ways. What reached Atlos is read from the stand-in.
 *
 * "Accepted"/"declined" states are the profile after a person answered (helpers/profile.ts); the
 * prompt tests at the end answer the real dialogs.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import type { FixtureServer } from '../fixtures/server.ts';
import { test, expect, ACCEPTED_ALL, DECLINED_ALL_SITES, type Standin } from './fixtures.ts';
import {
  connectWithRecentIncident,
  expectFilesMatchMetadata,
  NAMESPACE,
  waitForBrowserCapture,
  type SourceMaterial,
} from './menus-fixture.ts';
import { runVerifyCli } from '../support/run-verify.ts';
import { fillConnectForm, newConnectionGroup } from './helpers/connect.ts';
import { answerPermissionPrompt, openToolbarPopup } from './helpers/toolbar.ts';
import { clickOn, keys, pause, requireDisplay, rightClick, xdotool } from './helpers/xdotool.ts';

interface Args {
  context: BrowserContext;
  worker: Worker;
  standin: Standin;
  fixtureServer: FixtureServer;
  openOptions: () => Promise<Page>;
}

/** Connects, makes one incident the most recent, and shows the fixture page in the window's only tab. */
async function setUp(args: Args) {
  requireDisplay();
  const { fixture } = await connectWithRecentIncident(args, 1);
  const page = args.context.pages()[0] ?? (await args.context.newPage());
  for (const other of args.context.pages()) if (other !== page) await other.close();
  await page.goto(fixture.pageUrl);
  await page.bringToFront();
  return { page, pageUrl: fixture.pageUrl };
}

type Kind = 'viewport_screenshot' | 'full_page_screenshot' | 'page_archive';
const PAGE_KINDS: Kind[] = ['viewport_screenshot', 'full_page_screenshot', 'page_archive'];

/** The capture reached Atlos with every file it lists (hashes checked) and no problem for `kinds`. */
async function expectCaptured(sm: SourceMaterial, kinds: Kind[] = PAGE_KINDS) {
  const listed = await expectFilesMatchMetadata(sm);
  const problems = (sm.metadata[NAMESPACE].problems ?? []) as Array<{ artifact: string; message: string }>;
  for (const kind of kinds) {
    expect(
      listed.map((a) => a.kind),
      `artifacts; problems: ${JSON.stringify(problems)}`,
    ).toContain(kind);
    expect(problems.filter((p) => p.artifact === kind)).toEqual([]);
  }
  return { listed, problems };
}

/** `npm run verify` accepts the capture: every file against Atlos, and the signed manifest. */
async function expectVerified(standin: Standin, sm: SourceMaterial) {
  const run = await runVerifyCli(
    ['--instance', standin.url, '--source-material', sm.id, '--json'],
    standin.tokens.civRead,
  );
  expect(run.json?.verdict, run.stdout + run.stderr).toBe('verified');
  expect(run.json!.reports[0]!.files.map((f) => f.role)).toContain('manifest');
  expect(run.code).toBe(0);
}

async function fromToolbar(args: Args & { page: Page }, { promptFollows = false } = {}) {
  const { popup, detach } = await openToolbarPopup(args.context, args.page);
  try {
    const closed = popup.waitForEvent('close', { timeout: 30_000 });
    const click = popup.getByRole('button', { name: 'Capture', exact: true }).click();
    // Chrome closes the popup when a permission prompt takes the focus (the sign that the prompt is up);
    // the capture goes on without the popup.
    if (promptFollows) await Promise.all([click.catch(() => {}), closed]);
    else {
      closed.catch(() => {});
      await click;
    }
  } finally {
    await detach();
  }
}

async function fromMenu({ page }: { page: Page }) {
  await rightClick(page, page.locator('#headline'));
  await keys('Up', 'Up', 'Up', 'Right', 'Return'); // Send to Atlos → the most recent incident
}

async function fromChooser({ context, page }: { context: BrowserContext; page: Page }) {
  await rightClick(page, page.locator('#headline'));
  const opened = context.waitForEvent('page', { predicate: (p) => p.url().includes('popup.html'), timeout: 20_000 });
  await keys('Up', 'Up', 'Up', 'Right', 'Up', 'Return'); // Send to Atlos → Choose incident…
  const chooser = await opened;
  expect(chooser.url()).toMatch(/popup\.html\?.*tabId=\d+/);
  await chooser.getByRole('button', { name: 'Capture', exact: true }).click();
}

async function fromShortcut({ page }: { page: Page }) {
  await clickOn(page, page.locator('#blank')); // focus the page for real, as a person would
  xdotool('key', 'alt+shift+s'); // capture-to-last-incident
  await pause(300);
}

/** The `n`-th browser capture of `url` (1-based, oldest first), once its metadata is written. */
async function waitForCaptureNumber(
  standin: Standin,
  url: string,
  n: number,
  timeoutMs = 90_000,
): Promise<SourceMaterial> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (standin.control.state().sourceMaterial as SourceMaterial[]).filter(
      (sm) => sm.source_url === url && sm.metadata?.[NAMESPACE],
    );
    if (found.length >= n) return found[n - 1]!;
    if (Date.now() > deadline)
      throw new Error(`only ${found.length} browser capture(s) of ${url} within ${timeoutMs} ms`);
    await pause(250);
  }
}

const ENTRY_POINTS = [
  ['toolbar popup', fromToolbar],
  ['context menu, recent incident', fromMenu],
  ['context menu, Choose incident… window', fromChooser],
  ['keyboard shortcut Alt+Shift+S', fromShortcut],
] as const;

for (const [state, grants] of [
  ['accepted', ACCEPTED_ALL],
  ['declined', DECLINED_ALL_SITES],
] as const) {
  test.describe(`all-sites offer ${state}`, () => {
    test.setTimeout(180_000);
    test.use({ standinOptions: { incidents: 20 }, grants, debugPort: true });

    for (const [name, enter] of ENTRY_POINTS) {
      test(`${name}: screenshots and archive reach Atlos`, async ({
        context,
        worker,
        standin,
        fixtureServer,
        openOptions,
      }) => {
        const { page, pageUrl } = await setUp({ context, worker, standin, fixtureServer, openOptions });
        const allSites = await worker.evaluate(() =>
          (globalThis as any).chrome.permissions.contains({ origins: ['<all_urls>'] }),
        );
        expect(allSites).toBe(state === 'accepted');
        await enter({ context, worker, standin, fixtureServer, openOptions, page });
        const sm = await waitForBrowserCapture(standin, pageUrl);
        await expectCaptured(sm);
        await expectVerified(standin, sm);
      });
    }
  });
}

test.describe('the native permission prompts, answered both ways', () => {
  test.setTimeout(180_000);
  test.use({ standinOptions: { incidents: 20 }, debugPort: true });

  for (const accept of [true, false]) {
    test.describe(() => {
      test.use({ grants: null }); // a fresh install: nothing granted yet

      test(`Connect asks for the instance; ${accept ? 'Allow connects' : 'dismissing keeps it unconnected'}`, async ({
        standin,
        openOptions,
        worker,
      }) => {
        requireDisplay();
        const options = await openOptions();
        await fillConnectForm(options, { url: standin.url, token: standin.tokens.civEdit });
        await answerPermissionPrompt(accept, 'connect');
        const group = newConnectionGroup(options);
        if (accept) await expect(group.getByRole('status')).toContainText('Connected', { timeout: 20_000 });
        else await expect(group.getByRole('alert')).toBeVisible({ timeout: 20_000 });
        const granted = await worker.evaluate(() =>
          (globalThis as any).chrome.permissions.contains({ origins: ['http://127.0.0.1/*'] }),
        );
        expect(granted).toBe(accept);
      });
    });

    test.describe(() => {
      test.use({ grants: { origins: ['http://127.0.0.1/*'] } }); // the instance prompt already accepted

      test(`the all-sites offer asks for <all_urls>; ${accept ? 'Allow grants it' : 'dismissing declines it'}`, async ({
        worker,
        standin,
        fixtureServer,
        openOptions,
      }) => {
        requireDisplay();
        await connectWithRecentIncident({ worker, standin, fixtureServer, openOptions }, 1);
        const options = await openOptions();
        await options.getByRole('button', { name: 'Allow access to all sites' }).click();
        await answerPermissionPrompt(accept, 'all-sites');
        if (accept)
          await expect(
            options.getByRole('status').filter({ hasText: 'Access to all sites is allowed.' }),
          ).toBeVisible();
        else await expect(options.getByText('Access to all sites is not allowed.')).toBeVisible();
        const granted = await worker.evaluate(() =>
          (globalThis as any).chrome.permissions.contains({ origins: ['<all_urls>'] }),
        );
        expect(granted).toBe(accept);
      });

      test(`the first page-archive capture asks for pageCapture; ${accept ? 'Allow: later captures save MHTML' : 'dismissing: no MHTML'}`, async ({
        context,
        worker,
        standin,
        fixtureServer,
        openOptions,
      }) => {
        const { page, pageUrl } = await setUp({ context, worker, standin, fixtureServer, openOptions });
        await fromToolbar({ context, worker, standin, fixtureServer, openOptions, page }, { promptFollows: true });
        await answerPermissionPrompt(accept, 'page-capture');
        // The capture under way is not lost when the prompt closes the popup.
        const first = await waitForBrowserCapture(standin, pageUrl);
        await expectCaptured(first, ['viewport_screenshot', 'full_page_screenshot']);
        const granted = await worker.evaluate(() =>
          (globalThis as any).chrome.permissions.contains({ permissions: ['pageCapture'] }),
        );
        expect(granted).toBe(accept);
        // The next capture (the shortcut: no prompt) saves MHTML only if the prompt was accepted.
        await fromShortcut({ page });
        const second = await waitForCaptureNumber(standin, pageUrl, 2);
        const { listed } = await expectCaptured(second, [
          'viewport_screenshot',
          'full_page_screenshot',
          'page_archive',
        ]);
        const archives = listed.filter((a) => a.kind === 'page_archive') as Array<{ file_name?: string }>;
        expect(archives.some((a) => a.file_name?.endsWith('.mhtml'))).toBe(accept);
      });
    });
  }
});
