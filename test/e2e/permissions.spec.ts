/**
 * What the all-sites answer allows when there is no fresh click on the tab: a popup opened by URL
 * (`popup.html?tabId=N`, as the capture window, a resumed capture or a bookmark opens it). Accepted,
 * the all-sites grant is `<all_urls>`, which tabs.captureVisibleTab accepts, so the screenshots are
 * there; the old `https://*` + `http://*` grant was refused and the screenshots silently went missing.
 * Declined, the popup cannot read the tab at all: it must say so and send nothing.
 */
import { test, expect, ACCEPTED_ALL, DECLINED_ALL_SITES } from './fixtures.ts';
import {
  connectWithRecentIncident,
  expectFilesMatchMetadata,
  NAMESPACE,
  waitForBrowserCapture,
} from './menus-fixture.ts';

test.use({ standinOptions: { incidents: 20 } });
test.setTimeout(120_000);

for (const [state, grants] of [
  ['accepted', ACCEPTED_ALL],
  ['declined', DECLINED_ALL_SITES],
] as const) {
  test.describe(`all-sites offer ${state}`, () => {
    test.use({ grants });

    test(`a capture from popup.html?tabId=N without a click: ${state === 'accepted' ? 'screenshots reach Atlos' : 'the popup says it cannot capture'}`, async ({
      context,
      worker,
      standin,
      fixtureServer,
      openOptions,
      openPopup,
      tabIdOf,
    }) => {
      const { fixture } = await connectWithRecentIncident({ worker, standin, fixtureServer, openOptions }, 1);
      const page = await context.newPage();
      await page.goto(fixture.pageUrl);
      const popup = await openPopup(await tabIdOf(page)); // opened by URL: no toolbar click, no activeTab
      await expect(popup.getByRole('combobox', { name: 'Incident' })).not.toHaveValue('');
      await popup.getByRole('button', { name: 'Capture', exact: true }).click();

      if (state === 'declined') {
        // Without a click on the tab or host access, the popup cannot even read the tab: it says it cannot
        // capture, and nothing is sent as if it were a capture.
        await expect(popup.getByRole('status')).toContainText(/cannot see this tab/, { timeout: 20_000 });
        await popup.waitForTimeout(3_000);
        expect(standin.control.state().sourceMaterial.filter((sm) => sm.source_url === fixture.pageUrl)).toEqual([]);
        return;
      }
      const sm = await waitForBrowserCapture(standin, fixture.pageUrl);
      const listed = await expectFilesMatchMetadata(sm);
      const problems = (sm.metadata[NAMESPACE].problems ?? []) as Array<{ artifact: string; message: string }>;
      expect(
        listed.map((a) => a.kind),
        JSON.stringify(problems),
      ).toEqual(expect.arrayContaining(['viewport_screenshot', 'full_page_screenshot', 'page_archive']));
      expect(problems.filter((p) => p.artifact.endsWith('_screenshot'))).toEqual([]);
    });
  });
}
