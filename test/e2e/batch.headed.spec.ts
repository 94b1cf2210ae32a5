/**
 * The real native context menu on a selection, headed Chromium under Xvfb: right-click selected
 * text, walk to `Send to Atlos` → `Send links to Atlos…` with the arrow keys (menus.headed.spec.ts
 * explains where the items sit; in the submenu `Up` from the first item wraps to `Choose incident…`,
 * and the item above it is `Send links to Atlos…`), Return: the chooser window lists the links of
 * the selection, each a checkbox named by its text.
 *
 * Run by the `chromium-headed` project (test/run-all.ts provides the X display):
 * `npm run build:e2e && xvfb-run -a -s '-screen 0 1280x1000x24' npx playwright test test/e2e/batch.headed.spec.ts --project=chromium-headed`
 */
import { expectedLinks, resultsUrl } from '../support/batch-pages.ts';
import { expect, test } from './fixtures.ts';
import { keys, requireDisplay, rightClick } from './helpers/xdotool.ts';
import { connectWithRecentIncident } from './menus-fixture.ts';

test.use({ standinOptions: { incidents: 20 } });
test.setTimeout(240_000);

test('right-click on a selection → Send links to Atlos… opens the list of its links', async ({
  context,
  worker,
  standin,
  fixtureServer,
  openOptions,
}) => {
  requireDisplay();
  await connectWithRecentIncident({ worker, standin, fixtureServer, openOptions }, 1);
  // One window on screen, showing the results page.
  const page = context.pages()[0] ?? (await context.newPage());
  for (const other of context.pages()) if (other !== page) await other.close();
  await page.goto(resultsUrl(fixtureServer));
  await page.bringToFront();
  await page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('results')!);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  });

  const opened = context.waitForEvent('page', { predicate: (p) => p.url().includes('/popup.html') });
  await rightClick(page, page.locator('#results-intro'));
  await keys('Up', 'Up', 'Right', 'Up', 'Up', 'Return');
  const popup = await opened;
  expect(new URL(popup.url()).searchParams.get('links')).toMatch(/^[0-9a-f-]{36}$/);

  const expected = expectedLinks(fixtureServer);
  const boxes = popup.getByRole('checkbox');
  await expect(boxes).toHaveCount(expected.length, { timeout: 30_000 });
  for (const [index, link] of expected.entries()) {
    await expect(boxes.nth(index)).toHaveAccessibleName(link.text || link.url);
    await expect(boxes.nth(index)).toBeChecked();
  }
  await expect(popup.getByRole('heading', { name: 'Links in the selection' })).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Capture' })).toBeEnabled();
  // Nothing is sent before the person presses Capture.
  expect(standin.control.state().sourceMaterial.filter((sm) => sm.source_url?.includes('/posts/'))).toEqual([]);
  const window = await worker.evaluate(async (href) => {
    const chrome = (globalThis as any).chrome;
    const windows = await chrome.windows.getAll({ populate: true });
    const found = windows.find((w: any) => w.tabs?.some((t: any) => t.url === href));
    if (found) await chrome.windows.remove(found.id);
    return found?.type as string | undefined;
  }, popup.url());
  expect(window).toBe('popup');
});
