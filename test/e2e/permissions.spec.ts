/**
 * What the all-sites answer allows when there is no fresh click on the tab: a popup opened by URL
 * (`popup.html?tabId=N`, as the capture window, a resumed capture or a bookmark opens it). Accepted,
 * the all-sites grant is `<all_urls>`, which tabs.captureVisibleTab accepts, so the screenshots are
 * there; the old `https://*` + `http://*` grant was refused and the screenshots silently went missing.
 * Declined, nothing grants the screenshots, and the capture must say so in its problems.
 */
import { test, expect, ACCEPTED_ALL, DECLINED_ALL_SITES } from './fixtures.ts';
import { connectWithRecentIncident, expectFilesMatchMetadata, NAMESPACE, waitForBrowserCapture } from './menus-fixture.ts';

test.use({ standinOptions: { incidents: 20 } });
test.setTimeout(120_000);

for (const [state, grants] of [['accepted', ACCEPTED_ALL], ['declined', DECLINED_ALL_SITES]] as const) {
  test.describe(`all-sites offer ${state}`, () => {
    test.use({ grants });

    test(`a capture from popup.html?tabId=N without a click: screenshots ${state === 'accepted' ? 'reach Atlos' : 'are reported missing'}`, async ({
      context, worker, standin, fixtureServer, openOptions, openPopup, tabIdOf,
    }) => {
      const { fixture } = await connectWithRecentIncident({ worker, standin, fixtureServer, openOptions }, 1);
      const page = await context.newPage();
      await page.goto(fixture.pageUrl);
      const popup = await openPopup(await tabIdOf(page)); // opened by URL: no toolbar click, no activeTab
      await expect(popup.getByRole('combobox', { name: 'Incident' })).not.toHaveValue('');
      await popup.getByRole('button', { name: 'Capture', exact: true }).click();

      const sm = await waitForBrowserCapture(standin, fixture.pageUrl);
      const listed = await expectFilesMatchMetadata(sm);
      const kinds = listed.map((a) => a.kind);
      const problems = (sm.metadata[NAMESPACE].problems ?? []) as Array<{ artifact: string; message: string }>;
      const screenshots = ['viewport_screenshot', 'full_page_screenshot'];
      if (state === 'accepted') {
        expect(kinds, JSON.stringify(problems)).toEqual(expect.arrayContaining([...screenshots, 'page_archive']));
        expect(problems.filter((p) => screenshots.includes(p.artifact))).toEqual([]);
      } else {
        for (const kind of screenshots) {
          expect(kinds).not.toContain(kind);
          expect(problems.map((p) => p.artifact), `a problem names ${kind}`).toContain(kind);
        }
      }
    });
  });
}
