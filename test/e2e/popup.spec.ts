/**
 * The toolbar popup end to end, in Chromium, against a stand-in holding 10,000 incidents: find an
 * old incident (far beyond Atlos' first page of 100) through the picker, capture the page, see
 * `Captured` with the `Open in Atlos` link, and check Atlos received the source material.
 * Also takes the README screenshots (docs/screenshots/popup*.png).
 */
import type { BrowserContext, Page } from '@playwright/test';
import type { FixtureServer } from '../fixtures/server.ts';
import { expect, test, type Standin } from './fixtures.ts';
import { connectProject } from './helpers/connect.ts';
import { rememberRecentIncidents } from './helpers/recent.ts';
import type { StateIncident } from '../standin/server.ts';

/** Connects through the options page like a person (connections feature's helper). */
async function connect(optionsPage: Page, standin: Standin) {
  await connectProject(optionsPage, { url: standin.url, token: standin.tokens.civEdit });
}

test.use({ standinOptions: { incidents: 10_000 } });
// Seeding 10,000 incidents and a full capture (screenshots, archive, uploads) take a while on CI machines.
test.setTimeout(300_000);

/** An incident created long ago: newest-first paging would show it only after ~90 pages. */
function oldIncident(standin: Standin): StateIncident {
  const slugs = standin.known.civSlugs;
  const slug = slugs[Math.floor(slugs.length * 0.9)]!;
  return standin.control.state().incidents.find((i) => i.slug === slug)!;
}

/** Connects, then opens the article fixture page in a tab of its own. */
async function connectAndOpenArticle({
  context,
  standin,
  fixtureServer,
  openOptions,
  tabIdOf,
}: {
  context: BrowserContext;
  standin: Standin;
  fixtureServer: FixtureServer;
  openOptions: () => Promise<Page>;
  tabIdOf: (page: Page) => Promise<number>;
}) {
  await connect(await openOptions(), standin);
  const article = await context.newPage();
  const articleUrl = `${fixtureServer.url}/article.html`;
  await article.goto(articleUrl);
  return { articleUrl, tabId: await tabIdOf(article) };
}

async function popupSized(page: Page) {
  // Chrome sizes the toolbar popup to its content (380 px wide); match it for the screenshots.
  await page.setViewportSize({ width: 380, height: 600 });
}

/** Shrinks the page to its content (as Chrome's popup does) before a README screenshot. */
async function fitToContent(page: Page, minHeight = 0) {
  const height = await page.evaluate(() => {
    const bottoms = [...document.querySelectorAll('main, [role="listbox"]:not([hidden])')].map(
      (e) => e.getBoundingClientRect().bottom,
    );
    return Math.ceil(Math.max(...bottoms));
  });
  await page.setViewportSize({ width: 380, height: Math.min(600, Math.max(minHeight, height + 8)) });
}

test('finds an old incident, captures the page and links to it in Atlos', async ({
  context,
  standin,
  fixtureServer,
  openOptions,
  openPopup,
  tabIdOf,
  saveScreenshot,
}) => {
  const { articleUrl, tabId } = await connectAndOpenArticle({ context, standin, fixtureServer, openOptions, tabIdOf });
  const incident = oldIncident(standin);
  const civCount = standin.control
    .state()
    .incidents.filter((i) => i.project_id === standin.projects.civ.id && !i.deleted).length;
  expect(civCount).toBeGreaterThan(9_000);

  const popup = await openPopup(tabId);
  await popupSized(popup);
  const combobox = popup.getByRole('combobox', { name: 'Incident' });
  await expect(combobox).toBeVisible();
  await expect(popup.getByRole('heading', { name: 'Send to Atlos' })).toBeVisible();
  await expect(popup.getByText('Flooding reported near the river crossing')).toBeVisible();

  // Words of a description: Atlos answers with its first page of matches.
  const word = incident.attr_description.split(/\s+/).find((w) => /^[A-Za-z]{6,}$/.test(w)) ?? 'market';
  await combobox.fill(word);
  await expect(combobox).toHaveAttribute('aria-expanded', 'true');
  await expect(popup.getByRole('option').first()).toBeVisible();
  await expect(popup.getByText('Searching Atlos…')).toBeHidden();
  await fitToContent(popup);
  await saveScreenshot(popup, 'popup');
  await popupSized(popup);

  // The slug finds the old incident itself; the option names its slug and description.
  await combobox.fill(incident.slug.toLowerCase());
  const option = popup.getByRole('option', { name: new RegExp(`CIV-${incident.slug}`) });
  await expect(option).toBeVisible();
  await expect(option).toContainText(incident.attr_description.slice(0, 20));
  await combobox.press('ArrowDown');
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await combobox.press('Enter');
  await expect(combobox).toHaveValue(`CIV-${incident.slug} · ${incident.attr_description}`);

  for (const name of ['Archive with Atlos', 'Visible-area screenshot', 'Full-page screenshot']) {
    await expect(popup.getByRole('checkbox', { name })).toBeChecked();
  }
  await popup.getByRole('textbox', { name: 'Comment' }).fill('Captured from the popup test');
  await popup.getByRole('button', { name: 'Capture' }).click();

  const status = popup.getByRole('status');
  await expect(status).toContainText('Captured', { timeout: 45_000 });
  await expect(status.getByRole('link', { name: 'Open in Atlos' })).toHaveAttribute(
    'href',
    `${standin.url}/incidents/${incident.slug}`,
  );
  await fitToContent(popup);
  await saveScreenshot(popup, 'popup-captured');

  // The incident's latest updates, read again after the capture, show the comment just posted.
  await popup.getByText('Status and latest updates').click();
  await expect(popup.getByText('Captured from the popup test')).toBeVisible();
  await popup.emulateMedia({ colorScheme: 'dark' });
  await fitToContent(popup);
  await saveScreenshot(popup, 'popup-dark');

  // Atlos holds the page as source material of that incident, with the comment.
  const state = standin.control.state();
  const materials = state.sourceMaterial.filter((sm) => sm.source_url === articleUrl);
  expect(materials.length).toBeGreaterThan(0);
  expect(materials.every((sm) => sm.incident_id === incident.id)).toBe(true);
  const comments = state.updates.filter((u) => u.type === 'comment' && u.media_id === incident.id);
  expect(comments.map((c) => c.explanation)).toContain('Captured from the popup test');

  // The picker never walked the project: only first pages were asked for.
  const incidentRequests = standin.control.requests().filter((r) => r.route === 'GET /api/v2/incidents');
  expect(incidentRequests.length).toBeGreaterThan(0);
  expect(incidentRequests.every((r) => !new URLSearchParams(r.rawQuery).has('cursor'))).toBe(true);

  // Opened again (warm cache): the incident just used is preselected from local data, and Atlos is
  // asked only whether the page is already source material; its updates wait for the section.
  await popup.close();
  const seen = standin.control.requests().length;
  const again = await openPopup(tabId);
  const reopened = again.getByRole('combobox', { name: 'Incident' });
  await expect(reopened).toHaveValue(`CIV-${incident.slug} · ${incident.attr_description}`);
  await expect(again.getByText('This page is already source material in')).toBeVisible();
  const onOpen = standin.control
    .requests()
    .slice(seen)
    .map((r) => r.route);
  expect(onOpen).toEqual(['GET /api/v2/incidents']);
  await again.getByText('Status and latest updates').click();
  await expect(again.getByText('Captured from the popup test')).toBeVisible();
  expect(
    standin.control
      .requests()
      .slice(seen)
      .map((r) => r.route),
  ).toContain('GET /api/v2/updates');
});

test('pasting an incident link selects it, and a page already in the incident is flagged', async ({
  context,
  standin,
  fixtureServer,
  openOptions,
  openPopup,
  tabIdOf,
}) => {
  const { articleUrl, tabId } = await connectAndOpenArticle({ context, standin, fixtureServer, openOptions, tabIdOf });
  const incident = oldIncident(standin);
  // The page is already source material of the incident.
  const res = await fetch(`${standin.url}/api/v2/source_material/new/${incident.slug}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${standin.tokens.civEdit}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: articleUrl, archive: false }),
  });
  expect(res.status).toBe(200);

  const popup = await openPopup(tabId);
  await popupSized(popup);
  const combobox = popup.getByRole('combobox', { name: 'Incident' });
  await combobox.focus();
  await popup.evaluate((text) => {
    const input = document.activeElement as HTMLInputElement;
    const data = new DataTransfer();
    data.setData('text/plain', text);
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, `${standin.url}/incidents/CIV-${incident.slug}`);
  await expect(combobox).toHaveValue(`CIV-${incident.slug} · ${incident.attr_description}`);
  await expect(popup.getByText('This page is already source material in')).toBeVisible();
  await expect(popup.getByRole('link', { name: `CIV-${incident.slug}`, exact: true })).toHaveAttribute(
    'href',
    `${standin.url}/incidents/${incident.slug}`,
  );
});

test('without a connection the popup links to the options page', async ({ openPopup, context }) => {
  const popup = await openPopup();
  const link = popup.getByRole('link', { name: 'Connect to Atlos' });
  await expect(link).toBeVisible();
  const [options] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await expect(options).toHaveURL(/options\.html/);
});

test('popup.html as served, before any script runs, is the form itself', async ({ context, extensionId }) => {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  // No script ran: neither the pre-paint script nor the app touched the page.
  expect(await page.locator('#app').getAttribute('data-shell')).toBeNull();
  await expect(page.getByRole('heading', { name: 'Send to Atlos' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Incident' })).toBeEditable();
  for (const name of ['Archive with Atlos', 'Visible-area screenshot', 'Full-page screenshot']) {
    await expect(page.getByRole('checkbox', { name })).toBeChecked();
  }
  await expect(page.getByRole('textbox', { name: 'Comment' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Capture' })).toBeVisible();
  await page.close();
});

test('the recent incidents and last choices are on screen before the app script runs', async ({
  context,
  standin,
  fixtureServer,
  openOptions,
  openPopup,
  tabIdOf,
  worker,
}) => {
  const { tabId } = await connectAndOpenArticle({ context, standin, fixtureServer, openOptions, tabIdOf });
  const slugs = standin.known.civSlugs.slice(0, 3);
  await rememberRecentIncidents(worker, slugs);
  // The first opening reads storage and keeps what the next opening paints.
  const first = await openPopup(tabId);
  await expect(first.getByRole('checkbox', { name: 'Full-page screenshot' })).not.toBeChecked();
  await first.waitForFunction(() => localStorage.getItem('atlos.popupShell')?.includes('fullPageScreenshot'));
  await first.close();

  const again = await context.newPage();
  // Records the document's state when the options and the unticked box first exist.
  await again.addInitScript(() => {
    const seen = new MutationObserver(() => {
      const box = document.querySelector<HTMLInputElement>('input[name="fullPageScreenshot"]');
      if (document.querySelectorAll('[role="option"]').length >= 3 && box && !box.checked) {
        (globalThis as any).__firstListed = document.readyState;
        seen.disconnect();
      }
    });
    seen.observe(document, { subtree: true, childList: true });
  });
  await again.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html?tabId=${tabId}`);
  await again.waitForFunction(() => (globalThis as any).__firstListed !== undefined);
  // Still parsing: module scripts (the app) run only after the document is parsed.
  expect(await again.evaluate(() => (globalThis as any).__firstListed)).toBe('loading');
  const combobox = again.getByRole('combobox', { name: 'Incident' });
  await expect(combobox).toHaveValue(new RegExp(`^CIV-${slugs[0]} · `));
  await combobox.click();
  const listed = again.getByRole('listbox').getByRole('option');
  await expect(listed).toHaveCount(3);
  await expect(listed.first()).toContainText(`CIV-${slugs[0]}`);
});

test('creates an incident from the picker (its form loads when asked for) and selects it', async ({
  context,
  standin,
  fixtureServer,
  openOptions,
  openPopup,
  tabIdOf,
}) => {
  const { tabId } = await connectAndOpenArticle({ context, standin, fixtureServer, openOptions, tabIdOf });
  const popup = await openPopup(tabId);
  const scripts: string[] = [];
  popup.on('request', (request) => scripts.push(new URL(request.url()).pathname));
  const combobox = popup.getByRole('combobox', { name: 'Incident' });
  const description = 'Convoy hit on the coastal road, seen from the bridge';
  await combobox.fill(description);
  await popup.getByRole('option', { name: 'Create incident…' }).click();
  const box = popup.getByRole('textbox', { name: 'Description' });
  await expect(box).toHaveValue(description);
  await expect(box).toBeFocused();
  expect(scripts.some((path) => /\/chunks\/NewIncidentForm-[\w-]+\.js$/.test(path))).toBe(true);

  // Atlos asks for a sensitivity; its message stands by the field, and nothing is created.
  const before = standin.control.state().incidents.length;
  await popup.getByRole('button', { name: 'Create incident' }).click();
  await expect(popup.getByText(/at least 1 item/)).toBeVisible();
  expect(standin.control.state().incidents.length).toBe(before);

  await popup.getByRole('checkbox', { name: 'Not Sensitive' }).check();
  await popup.getByRole('button', { name: 'Create incident' }).click();
  await expect(combobox).toHaveValue(new RegExp(` · ${description}$`));
  await expect(combobox).toBeFocused();
  const created = standin.control.state().incidents.filter((i) => i.attr_description === description);
  expect(created).toHaveLength(1);
  expect(created[0]!.attr_sensitive).toEqual(['Not Sensitive']);
  expect(await combobox.inputValue()).toBe(`CIV-${created[0]!.slug} · ${description}`);
});
