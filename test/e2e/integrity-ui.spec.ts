/**
 * Evidence integrity through the popup a person uses, in headless Chromium on the production
 * permissions: the popup is opened the way a person gets it without a click on the page, as
 * `popup.html?tabId=N` (a window left open, the `Choose incident…` window); the person presses
 * `Capture`. Each test checks what the person SEES (the status region, `Recent captures`, the
 * badge, the notification) and what reached the Atlos stand-in. The same cases with the real
 * toolbar button, context menu and shortcut: integrity-ui.headed.spec.ts.
 *
 * Build: `npm run build:e2e`; run: `npx playwright test --project chromium test/e2e/integrity-ui.spec.ts`.
 */
import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { HOSTILE_MEDIA, HOSTILE_SWAPPED_BODY } from '../fixtures/hostile.ts';
import { withoutCustodyFiles } from '../support/custody-files.ts';
import { test, expect, DECLINED_ALL_SITES } from './fixtures.ts';
import { NAMESPACE, useIncident, waitForBrowserCapture, type SourceMaterial } from './menus-fixture.ts';
import { connectProject } from './helpers/connect.ts';
import {
  badgeText,
  connectWithIncident,
  pressCapture,
  recentItem,
  watchNotifications,
} from './helpers/popup-capture.ts';

test.use({ standinOptions: { incidents: 20 } });
test.setTimeout(180_000);

/** The kinds of the files listed in the capture's metadata, and the artifacts its problems name. */
function listedKinds(sm: SourceMaterial): { kinds: string[]; problems: Array<{ artifact: string; message: string }> } {
  const metadata = sm.metadata[NAMESPACE];
  return {
    kinds: (metadata.artifacts as Array<{ kind: string }>).map((a) => a.kind),
    problems: metadata.problems ?? [],
  };
}

async function fetchArtifact(sm: SourceMaterial, kind: string): Promise<Buffer> {
  const listed = (sm.metadata[NAMESPACE].artifacts as Array<{ kind: string; sha256: string }>).find(
    (a) => a.kind === kind,
  );
  const file = withoutCustodyFiles(sm.artifacts).find((a) => a.file_hash_sha256 === listed?.sha256);
  if (!file) throw new Error(`no ${kind} in ${sm.id}`);
  return Buffer.from(await (await fetch(file.access_url)).arrayBuffer());
}

/** MHTML text with quoted-printable undone, so a value split over a soft line break is still found. */
function mhtmlText(bytes: Buffer): string {
  return bytes
    .toString('latin1')
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
}

test.describe('all-sites offer accepted', () => {
  test('popup opened by URL, no click on the page: the screenshots are in Atlos and it says Captured', async ({
    context,
    worker,
    standin,
    fixtureServer,
    openOptions,
    openPopup,
    tabIdOf,
  }) => {
    const { slug } = await connectWithIncident({ worker, standin, fixtureServer, openOptions });
    const notifications = await watchNotifications(worker);
    const page = await context.newPage();
    const url = `${fixtureServer.url}/article.html`;
    await page.goto(url);
    const popup = await openPopup(await tabIdOf(page));

    const status = await pressCapture(popup);
    await expect(status).toContainText(/^Captured\s/, { timeout: 90_000 });
    await expect(status).not.toContainText('with problems');

    const sm = await waitForBrowserCapture(standin, url);
    const { kinds, problems } = listedKinds(sm);
    expect(problems).toEqual([]);
    expect(kinds).toEqual(expect.arrayContaining(['viewport_screenshot', 'full_page_screenshot', 'page_archive']));
    const again = await openPopup(await tabIdOf(page)); // `Recent captures` lists it from the next opening
    await expect(recentItem(again, slug)).toContainText('Captured');
    await expect(recentItem(again, slug)).not.toContainText('with problems');
    await expect.poll(notifications.shown).toEqual([expect.objectContaining({ title: `Captured to ${slug}` })]);
    expect(await badgeText(worker)).toBe('');
  });

  test('switching tabs during the full-page screenshot: stopped, reported, no other tab in Atlos', async ({
    context,
    worker,
    standin,
    fixtureServer,
    openOptions,
    openPopup,
    tabIdOf,
  }) => {
    const { slug } = await connectWithIncident({ worker, standin, fixtureServer, openOptions });
    const notifications = await watchNotifications(worker);
    const page = await context.newPage();
    const url = `${fixtureServer.url}/hostile/changing.html?after=86400000`;
    await page.goto(url);
    const other = await context.newPage();
    await other.goto(`${fixtureServer.url}/hostile/two-tabs.html`);
    const popup = await openPopup(await tabIdOf(page));

    const status = await pressCapture(popup);
    await page.waitForFunction(() => window.scrollY > 0, undefined, { timeout: 60_000 }); // tiles under way
    await other.bringToFront(); // the person looks at another tab

    await expect(status).toContainText('Captured with problems', { timeout: 90_000 });
    await expect(status).toContainText(
      'Full-page screenshot: The full-page screenshot could not be taken: you switched to another tab during the capture',
    );
    const again = await openPopup(await tabIdOf(page)); // `Recent captures` lists it from the next opening
    await expect(recentItem(again, slug)).toContainText('Captured with problems: Full-page screenshot');
    const sm = await waitForBrowserCapture(standin, url);
    const { kinds, problems } = listedKinds(sm);
    expect(kinds).not.toContain('full_page_screenshot');
    expect(problems.map((p) => p.artifact)).toEqual(['full_page_screenshot']);
    await expect
      .poll(notifications.shown)
      .toEqual([
        { title: `Captured to ${slug} with problems`, message: expect.stringContaining('Full-page screenshot') },
      ]);
    expect(await badgeText(worker)).toBe('!');
  });

  test('a page that never finishes loading: visible screenshot and details in Atlos, even with the popup closed', async ({
    context,
    worker,
    standin,
    fixtureServer,
    openOptions,
    openPopup,
    tabIdOf,
  }) => {
    const { slug } = await connectWithIncident({ worker, standin, fixtureServer, openOptions });
    const page = await context.newPage();
    const url = `${fixtureServer.url}/hostile/never-ends.html`;
    await page.goto(url, { waitUntil: 'commit' });
    await page.locator('h1').waitFor();
    const tabId = await tabIdOf(page);
    let popup = await openPopup(tabId);

    await pressCapture(popup);
    await popup.close(); // the person closes the popup at once

    const sm = await waitForBrowserCapture(standin, url);
    expect(listedKinds(sm).kinds).toContain('viewport_screenshot');
    expect(sm.metadata[NAMESPACE].page.title).toBe('Never ends');
    popup = await openPopup(tabId);
    await expect(recentItem(popup, slug)).toContainText(/Captured/, { timeout: 60_000 });
  });

  test('frames with javascript: and about:blank sources: the capture finishes, and the archive keeps no typed text', async ({
    context,
    worker,
    standin,
    fixtureServer,
    openOptions,
    openPopup,
    tabIdOf,
  }) => {
    await connectWithIncident({ worker, standin, fixtureServer, openOptions });
    const page = await context.newPage();
    const url = `${fixtureServer.url}/hostile/frames.html`;
    await page.goto(url);
    await page.fill('#comment', 'typed-comment-5150');
    const popup = await openPopup(await tabIdOf(page));

    const status = await pressCapture(popup);
    await expect(status).toContainText(/Captured/, { timeout: 120_000 });
    const sm = await waitForBrowserCapture(standin, url);
    const { kinds, problems } = listedKinds(sm);
    expect(kinds).toContain('viewport_screenshot');
    // Every frame answers the archive's preparation (injectImmediately); if one ever did not, no
    // archive is saved and the problem says why (lib/artifacts/page-archive.ts).
    if (kinds.includes('page_archive'))
      expect(mhtmlText(await fetchArtifact(sm, 'page_archive'))).not.toContain('typed-comment-5150');
    else expect(problems.map((p) => p.message)).toContainEqual(expect.stringContaining('no archive was saved'));
    expect(await page.inputValue('#comment')).toBe('typed-comment-5150');
  });

  for (const [how, sentence] of [
    ['navigate', /went to another address|replaced its content/],
    ['swap', /replaced its content/],
  ] as const) {
    test(`a page that ${how === 'swap' ? 'rewrites itself' : 'navigates'} during the full-page screenshot: stopped and reported`, async ({
      context,
      worker,
      standin,
      fixtureServer,
      openOptions,
      openPopup,
      tabIdOf,
    }) => {
      await connectWithIncident({ worker, standin, fixtureServer, openOptions });
      const page = await context.newPage();
      const url = `${fixtureServer.url}/hostile/changing.html?how=${how}&after=86400000`;
      await page.goto(url);
      const popup = await openPopup(await tabIdOf(page));
      await popup.getByRole('checkbox', { name: 'Archive with Atlos' }).uncheck();

      const status = await pressCapture(popup);
      await page.waitForFunction(() => window.scrollY > 0, undefined, { timeout: 60_000 }); // tiles under way
      // The page's own timer, brought forward: it changes while tiles are being taken.
      await page.evaluate((h) => {
        if (h === 'swap') {
          document.open();
          document.write('<!DOCTYPE html><body style="background:#ff00ff"><h1>Swapped</h1></body>');
          document.close();
        } else location.href = '/hostile/changed.html';
      }, how);

      await expect(status).toContainText('Captured with problems', { timeout: 90_000 });
      await expect(status).toContainText('Full-page screenshot: The full-page screenshot could not be taken: ');
      await expect(status).toContainText(sentence);
      const sm = await waitForBrowserCapture(standin, url);
      const { kinds, problems } = listedKinds(sm);
      expect(kinds).not.toContain('full_page_screenshot');
      expect(problems.find((p) => p.artifact === 'full_page_screenshot')?.message).toMatch(sentence);
    });
  }

  test('typed text, hidden values and passwords in frames stay out of the page archive in Atlos', async ({
    context,
    worker,
    standin,
    fixtureServer,
    openOptions,
    openPopup,
    tabIdOf,
  }) => {
    await connectWithIncident({ worker, standin, fixtureServer, openOptions });
    const page = await context.newPage();
    const url = `${fixtureServer.url}/hostile/typed.html`;
    await page.goto(url);
    await page.click('#compose');
    await page.keyboard.type('typed-compose-6021');
    await page.evaluate(() => ((document.getElementById('mirror') as HTMLInputElement).value = 'mirror-of-typed-6022'));
    await page.frameLocator('#login').locator('#password').fill('typed-frame-pw-6023');
    const popup = await openPopup(await tabIdOf(page));

    const status = await pressCapture(popup);
    await expect(status).toContainText(/^Captured\s/, { timeout: 90_000 });
    await expect(status).not.toContainText('with problems');

    const sm = await waitForBrowserCapture(standin, url);
    const text = mhtmlText(await fetchArtifact(sm, 'page_archive'));
    expect(text).toContain('Write a reply');
    for (const secret of [
      'typed-compose-6021',
      'served-placeholder',
      'mirror-of-typed-6022',
      'csrf-token-4711',
      'typed-frame-pw-6023',
      'served-frame-pw',
    ])
      expect(text).not.toContain(secret);
    // The person's page keeps what they typed.
    expect(await page.locator('#compose').innerText()).toContain('typed-compose-6021');
    expect(await page.frameLocator('#login').locator('#password').inputValue()).toBe('typed-frame-pw-6023');
  });
});

test.describe('all-sites offer accepted: Atlos and other sites misbehave', () => {
  test('a colleague adds the same page while our create is lost on the network: theirs is left alone', async ({
    context,
    worker,
    standin,
    fixtureServer,
    openOptions,
    openPopup,
    tabIdOf,
  }) => {
    const { slug } = await connectWithIncident({ worker, standin, fixtureServer, openOptions });
    const page = await context.newPage();
    const url = `${fixtureServer.url}/article.html`;
    await page.goto(url);
    const popup = await openPopup(await tabIdOf(page));
    await popup.getByRole('checkbox', { name: 'Archive with Atlos' }).uncheck(); // one create: the browser's

    const theirs = standin.control.addSourceMaterialAs({ slug, url, by: { username: 'amira' } });
    standin.control.injectFault({ route: 'POST /api/v2/source_material/new/:slug', kind: 'reset', times: 1 });
    const status = await pressCapture(popup);
    await expect(status).toContainText(/Captured/, { timeout: 120_000 });
    expect(standin.control.faultStats().injected).toBe(1);

    const all = standin.control.state(['sourceMaterial']).sourceMaterial.filter((sm) => sm.source_url === url);
    const colleague = all.find((sm) => sm.id === theirs)!;
    expect(colleague.artifacts).toEqual([]);
    expect(colleague.metadata).toEqual({});
    const ours = await waitForBrowserCapture(standin, url);
    expect(ours.id).not.toBe(theirs);
    expect(listedKinds(ours).kinds).toContain('viewport_screenshot');
  });

  for (const [file, reason] of [
    ['swap.png', 'it sent text/html'],
    ['redirect.png', 'another site'],
  ] as const) {
    test(`original media from a CDN that ${file === 'swap.png' ? 'answers the extension with a web page' : 'redirects it to another site'}: never uploaded as the original`, async ({
      context,
      worker,
      standin,
      fixtureServer,
      openOptions,
      extensionId,
      tabIdOf,
    }) => {
      await connectWithIncident({ worker, standin, fixtureServer, openOptions });
      const page = await context.newPage();
      const pageUrl = `${fixtureServer.url}/hostile/media.html`;
      await page.goto(pageUrl);
      await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete && i.naturalWidth > 0));
      const mediaUrl = `${new URL((await page.getAttribute('#swap', 'src'))!).origin}/hostile/cdn/${file}`;
      // The `Choose incident…` window of a right-click on the image (lib/chooser-window.ts opens this URL).
      const target = { kind: 'image', url: mediaUrl, pageUrl, mediaUrl, frameId: 0 };
      const chooser = await context.newPage();
      await chooser.goto(
        `chrome-extension://${extensionId}/popup.html?tabId=${await tabIdOf(page)}&target=${encodeURIComponent(JSON.stringify(target))}`,
      );

      const status = await pressCapture(chooser);
      await expect(status).toContainText('Captured with problems', { timeout: 90_000 });
      await expect(status).toContainText(`Original media: `);
      await expect(status).toContainText(reason);

      const sm = await waitForBrowserCapture(standin, mediaUrl);
      const sha256 = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');
      const uploaded = sm.artifacts.map((a) => a.file_hash_sha256);
      expect(uploaded).not.toContain(sha256(HOSTILE_SWAPPED_BODY)); // the web page sent instead of the image
      expect(uploaded).not.toContain(sha256(HOSTILE_MEDIA.private)); // the other site's image
      // What stands in for the original is an element screenshot, named as such.
      const media = (sm.metadata[NAMESPACE].artifacts as Array<{ kind: string; file_name?: string }>).filter(
        (a) => a.kind === 'original_media',
      );
      expect(media.map((a) => a.file_name)).toEqual([expect.stringMatching(/element-screenshot/)]);
      expect(listedKinds(sm).problems.map((p) => p.artifact)).toContain('original_media');
    });
  }

  test('disconnect warns about waiting captures; connecting the same project again sends them', async ({
    context,
    worker,
    standin,
    fixtureServer,
    openOptions,
    openPopup,
    tabIdOf,
  }) => {
    const { slug } = await connectWithIncident({ worker, standin, fixtureServer, openOptions });
    const page = await context.newPage();
    const url = `${fixtureServer.url}/article.html`;
    await page.goto(url);
    const popup = await openPopup(await tabIdOf(page));
    await popup.getByRole('checkbox', { name: 'Archive with Atlos' }).uncheck();

    standin.control.setOffline(true);
    const status = await pressCapture(popup);
    await expect(status).toContainText('Queued', { timeout: 60_000 });

    const options = await openOptions();
    const group = options.getByRole('group', { name: /Civilian Harm Monitor/ });
    await group.getByRole('button', { name: 'Disconnect' }).click();
    const dialog = group.getByRole('alertdialog');
    await expect(dialog).toContainText('Captures still waiting to reach Atlos through this connection: 1.');
    await dialog.getByRole('button', { name: 'Yes, disconnect' }).click();
    await expect(options.getByRole('group', { name: /Civilian Harm Monitor/ })).toHaveCount(0);

    standin.control.setOffline(false);
    await connectProject(options, { url: standin.url, token: standin.tokens.civEdit });
    const sm = await waitForBrowserCapture(standin, url, 150_000);
    expect(listedKinds(sm)).toMatchObject({ problems: [] });
    const again = await openPopup(await tabIdOf(page));
    await expect(recentItem(again, slug)).toContainText('Captured');
  });

  test('Dismiss of a capture whose files never reached Atlos asks first', async ({
    context,
    worker,
    standin,
    fixtureServer,
    openOptions,
    openPopup,
    tabIdOf,
  }) => {
    const { connectionId } = await connectWithIncident({ worker, standin, fixtureServer, openOptions });
    const slug = standin.known.civDeletedSlug;
    await useIncident(worker, { connectionId, slug, description: 'Deleted meanwhile' }); // deleted in Atlos since
    const page = await context.newPage();
    await page.goto(`${fixtureServer.url}/article.html`);
    const tabId = await tabIdOf(page);
    const popup = await openPopup(tabId);
    await expect(popup.getByRole('combobox', { name: 'Incident' })).toHaveValue(new RegExp(slug));

    const status = await pressCapture(popup);
    await expect(status).toContainText('Capture failed', { timeout: 90_000 });
    const again = await openPopup(tabId);
    const item = recentItem(again, slug);
    await item.getByRole('button', { name: /^Dismiss capture of / }).click();
    await expect(item.getByRole('alert')).toContainText('never reached Atlos');
    await again.reload(); // the capture is still there
    await expect(recentItem(again, slug)).toHaveCount(1);
    await recentItem(again, slug)
      .getByRole('button', { name: /^Dismiss capture of / })
      .click();
    await recentItem(again, slug).getByRole('button', { name: 'Dismiss anyway' }).click();
    await expect(recentItem(again, slug)).toHaveCount(0);
    await again.reload();
    await expect(again.getByRole('button', { name: 'Capture', exact: true })).toBeVisible();
    await expect(recentItem(again, slug)).toHaveCount(0);
  });
});

test.describe('all-sites offer declined', () => {
  test.use({ grants: DECLINED_ALL_SITES });

  test('popup opened by URL, no click on the page: it says it cannot see the tab, and claims nothing', async ({
    context,
    worker,
    standin,
    fixtureServer,
    openOptions,
    openPopup,
    tabIdOf,
  }) => {
    await connectWithIncident({ worker, standin, fixtureServer, openOptions });
    const notifications = await watchNotifications(worker);
    const page: Page = await context.newPage();
    const url = `${fixtureServer.url}/article.html`;
    await page.goto(url);
    const popup = await openPopup(await tabIdOf(page));

    const status = await pressCapture(popup);
    await expect(status).toContainText(
      'The extension cannot see this tab. Open the popup with the toolbar button while you are on the tab, or allow access to all sites in the settings.',
    );
    await expect(status).not.toContainText('Captured');
    // Nothing was sent as if it were a capture of that page, and no notification said otherwise.
    await popup.waitForTimeout(2_000);
    expect(standin.control.state(['sourceMaterial']).sourceMaterial.filter((sm) => sm.source_url === url)).toEqual([]);
    expect(await notifications.shown()).toEqual([]);
  });
});
