/**
 * The options page in Chromium against the stand-in: connect two projects, every failure message,
 * a failed attempt leaves the working connection alone, replace a token, disconnect, defaults.
 * Build first: `npx wxt build --mode e2e` (or ATLOS_OUT_DIR=… and EXT_DIR=…).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { connectProject, fillConnectForm, newConnectionGroup } from './helpers/connect.ts';

function label(project: { name: string; code: string }, url: string) {
  return `${project.name} (${project.code}) · ${new URL(url).host}`;
}

async function expectAlert(page: Page, text: string) {
  await expect(newConnectionGroup(page).getByRole('alert')).toHaveText(text, { timeout: 20_000 });
}

test('connects two projects, each shown as its own group with the token masked', async ({
  openOptions,
  standin,
  saveScreenshot,
}) => {
  const page = await openOptions();
  await expect(page.getByRole('textbox', { name: 'Atlos URL' })).toHaveValue('https://platform.atlos.org');
  await expect(page.getByRole('textbox', { name: 'Metadata namespace' })).toHaveValue('browser_capture');

  await connectProject(page, { url: standin.url, token: standin.tokens.civEdit });
  await expect(newConnectionGroup(page).getByRole('status')).toHaveText(
    `Connected to ${label(standin.projects.civ, standin.url)}.`,
  );
  await expect(page.getByLabel('API token', { exact: true })).toHaveValue('');
  await connectProject(page, { url: standin.url, token: standin.tokens.brdEdit });

  const civ = page.getByRole('group', { name: label(standin.projects.civ, standin.url) });
  const brd = page.getByRole('group', { name: label(standin.projects.brd, standin.url) });
  await expect(civ).toContainText(`••••${standin.tokens.civEdit.slice(-4)}`);
  await expect(brd).toContainText(`••••${standin.tokens.brdEdit.slice(-4)}`);
  // The page never shows more of a token than its last four characters.
  const text = await page.locator('body').innerText();
  expect(text).not.toContain(standin.tokens.civEdit.slice(0, 12));
  expect(await page.content()).not.toContain(standin.tokens.civEdit);

  // Connecting the same project again updates it rather than adding a third group.
  await connectProject(page, { url: standin.url, token: standin.tokens.civEdit });
  await expect(page.getByRole('group', { name: /·/ })).toHaveCount(2);

  // Screenshots for the README (light and dark).
  await page.getByRole('textbox', { name: 'Atlos URL' }).fill('https://platform.atlos.org');
  await page.setViewportSize({ width: 900, height: 1400 });
  await saveScreenshot(page, 'options');
  await page.emulateMedia({ colorScheme: 'dark' });
  await saveScreenshot(page, 'options-dark');
});

test('a project without incidents connects, named after its instance', async ({ openOptions, standin }) => {
  const page = await openOptions();
  await connectProject(page, { url: standin.url, token: standin.tokens.empEdit });
  await expect(newConnectionGroup(page).getByRole('status')).toHaveText(
    `Connected. This project has no incidents yet, so it is listed under its instance, ${new URL(standin.url).host}.`,
  );
  await expect(page.getByRole('group', { name: new URL(standin.url).host, exact: true })).toBeVisible();
});

test('every failure says what to do, and none breaks the working connection', async ({ openOptions, standin }) => {
  const page = await openOptions();
  await connectProject(page, { url: standin.url, token: standin.tokens.civEdit });
  const civName = label(standin.projects.civ, standin.url);

  const badToken =
    "Atlos did not accept this token. Copy it again from your project's Access page; a deactivated token stops working.";
  await fillConnectForm(page, { url: standin.url, token: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' });
  await expectAlert(page, badToken);
  await fillConnectForm(page, { url: standin.url, token: standin.tokens.deactivated });
  await expectAlert(page, badToken);

  // A plain web server (here: one that answers every path with a 404 page) is not Atlos.
  const plain: Server = createServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end('<!doctype html><h1>Not found</h1>');
  });
  await new Promise<void>((ok) => plain.listen(0, '127.0.0.1', ok));
  const plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
  await fillConnectForm(page, { url: plainUrl, token: standin.tokens.civEdit });
  await expectAlert(
    page,
    `${plainUrl} does not answer like an Atlos instance. Check the Atlos URL; it is the address you open Atlos at, such as https://platform.atlos.org.`,
  );
  await new Promise((ok) => plain.close(ok));

  // The same server, closed: nothing listens on that port any more.
  await fillConnectForm(page, { url: plainUrl, token: standin.tokens.civEdit });
  await expectAlert(
    page,
    `Could not reach ${plainUrl}. Check the address and your internet connection, then try again.`,
  );

  await fillConnectForm(page, { url: 'http://example.com', token: standin.tokens.civEdit });
  await expectAlert(
    page,
    "Atlos Capture only sends tokens over https. Use the instance's https:// address (plain http:// is allowed only for localhost and 127.0.0.1).",
  );

  await fillConnectForm(page, { url: 'not a web address', token: standin.tokens.civEdit });
  await expectAlert(
    page,
    'This is not a web address. Enter the address you open Atlos at, such as https://platform.atlos.org.',
  );

  await page.getByLabel('API token', { exact: true }).fill('');
  await fillConnectForm(page, { url: standin.url, token: '' });
  await expectAlert(page, "Paste the API token from your project's Access page.");

  // The stand-in going offline reads as unreachable too.
  standin.control.setOffline(true);
  await fillConnectForm(page, { url: standin.url, token: standin.tokens.brdEdit });
  await expectAlert(
    page,
    `Could not reach ${standin.url}. Check the address and your internet connection, then try again.`,
  );
  standin.control.setOffline(false);

  // After all that, the first connection is still there, unchanged, and still works.
  await page.reload();
  const civ = page.getByRole('group', { name: civName });
  await expect(civ).toContainText(`••••${standin.tokens.civEdit.slice(-4)}`);
  await expect(page.getByRole('group', { name: /·/ })).toHaveCount(1);
  await expect(civ.getByRole('alert')).toHaveCount(0);
  standin.control.clearRequests();
  const worked = await page.evaluate(async () => {
    // Ask the background for the list through the extension's own messaging, as the popup does.
    const chrome = (globalThis as any).chrome;
    return chrome.runtime.sendMessage({ id: 1, type: 'listConnections', data: undefined, timestamp: Date.now() });
  });
  expect(worked.res).toHaveLength(1);
  expect(worked.res[0]).toMatchObject({ status: 'ok', project: standin.projects.civ });
  // …and its token still works: finding an incident goes through it to Atlos and back.
  const slug = standin.known.civSlugs[0]!;
  const found = await page.evaluate(
    (query) =>
      (globalThis as any).chrome.runtime.sendMessage({
        id: 2,
        type: 'searchIncidents',
        data: { query },
        timestamp: Date.now(),
      }),
    slug,
  );
  expect(found.err).toBeUndefined();
  expect(JSON.stringify(found.res)).toContain(slug);
  const used = standin.control.requests().filter((r) => r.authorization === `Bearer ${standin.tokens.civEdit}`);
  expect(used.length).toBeGreaterThan(0);
  expect(used.every((r) => r.status === 200)).toBe(true);
});

test('replace a token, then disconnect after confirming', async ({ openOptions, standin }) => {
  const page = await openOptions();
  await connectProject(page, { url: standin.url, token: standin.tokens.civEdit });
  await connectProject(page, { url: standin.url, token: standin.tokens.brdEdit });
  const civ = page.getByRole('group', { name: label(standin.projects.civ, standin.url) });

  // A token of another project cannot replace this one's.
  await civ.getByRole('button', { name: 'Replace token' }).click();
  await civ.getByLabel('New API token').fill(standin.tokens.brdEdit);
  await civ.getByRole('button', { name: 'Save token' }).click();
  await expect(civ.getByRole('alert')).toContainText('This token belongs to another project');
  // The same one is accepted (keyboard only).
  await civ.getByLabel('New API token').fill(standin.tokens.civEdit);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Token replaced' })).toHaveText(
    `Token replaced for ${label(standin.projects.civ, standin.url)}.`,
  );

  const brd = page.getByRole('group', { name: label(standin.projects.brd, standin.url) });
  await brd.getByRole('button', { name: 'Disconnect' }).click();
  await brd.getByRole('button', { name: 'Cancel' }).click();
  await expect(brd).toBeVisible();
  await brd.getByRole('button', { name: 'Disconnect' }).click();
  await expect(brd.getByRole('alertdialog')).toContainText('Its token is deleted from this browser');
  await brd.getByRole('button', { name: 'Yes, disconnect' }).click();
  await expect(brd).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('group', { name: /·/ })).toHaveCount(1);
  await expect(page.getByRole('group', { name: label(standin.projects.civ, standin.url) })).toBeVisible();
});

test('defaults are saved, validated and kept across reloads', async ({ openOptions }) => {
  const page = await openOptions();
  const namespace = page.getByRole('textbox', { name: 'Metadata namespace' });
  await namespace.fill('crawl_successful');
  await namespace.press('Enter');
  await expect(page.getByRole('alert')).toHaveText(
    'crawl_successful is used by the Atlos archiver. Choose another name.',
  );
  await namespace.fill('team_capture');
  await namespace.press('Tab');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Full-page screenshot' }).uncheck();
  await page.getByRole('spinbutton', { name: 'Largest media file to upload (MB)' }).fill('40');
  await page.getByRole('spinbutton', { name: 'Largest media file to upload (MB)' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.reload();
  await expect(namespace).toHaveValue('team_capture');
  await expect(page.getByRole('checkbox', { name: 'Full-page screenshot' })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Visible-area screenshot' })).toBeChecked();
  await expect(page.getByRole('spinbutton', { name: 'Largest media file to upload (MB)' })).toHaveValue('40');
});

test('the page is keyboard-operable with visible focus', async ({ openOptions, standin }) => {
  const page = await openOptions();
  await page.getByRole('textbox', { name: 'Atlos URL' }).focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(standin.url);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('API token', { exact: true })).toBeFocused();
  await page.keyboard.type(standin.tokens.civEdit);
  await page.keyboard.press('Tab');
  const connect = page.getByRole('button', { name: 'Connect' });
  await expect(connect).toBeFocused();
  const outline = await connect.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(newConnectionGroup(page).getByRole('status')).toContainText('Connected');
});
