/**
 * Verifiable custody in Firefox ESR: trusted timestamps turned on in the settings (local TSA
 * stand-in), a capture from the popup, then `npm run verify` checks every file, the Ed25519 (or
 * ECDSA) signature against the fingerprint the settings page shows, and the timestamp; the manifest
 * records how each file was made (Firefox: `captureTab` rectangles, the in-page snapshot); the
 * popup's Verify page says Verified and checks the timestamp's chain once given the CA certificate,
 * which it remembers for the next verification.
 * Build: `npx wxt build -b firefox --mv3 --mode e2e`, then
 * `npx playwright test test/firefox/custody.spec.ts --project firefox`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadManifest } from '../support/custody-files.ts';
import { runVerifyCli } from '../support/run-verify.ts';
import { startTsaStandin, type TsaStandin } from '../tsa/server.ts';
import type { ElementHandle } from 'puppeteer-core';
import { test, expect, tabIdOf } from './fixtures.ts';
import { connectThroughOptions, fill, findByRole, poll, textOf, waitForText } from './helpers.ts';

test.use({ standinOptions: { incidents: 20 } });
test.setTimeout(300_000);

let tsa: TsaStandin;
test.beforeAll(async () => {
  tsa = await startTsaStandin();
});
test.afterAll(async () => tsa?.close());

test('a popup capture carries a signed, timestamped manifest that npm run verify and the verify page accept', async ({
  firefox,
  standin,
  fixtureServer,
  openExtensionPage,
}) => {
  const options = await openExtensionPage('options.html');
  await connectThroughOptions(options, { url: standin.url, token: standin.tokens.civEdit });
  const fingerprint = await poll(
    async () => (await textOf(options, '[data-testid=custody-fingerprint]')) || null,
    'the key fingerprint',
  );
  expect(fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
  await options.click(await findByRole(options, 'checkbox', 'Add a trusted timestamp (RFC 3161) to each capture'));
  await fill(options, '#tsa-url', tsa.url);
  await options.click(await findByRole(options, 'button', 'Save timestamp settings'));
  await poll(
    async () =>
      (await textOf(options, '#timestamp-settings [role=status], #timestamp-settings [role=alert]')) === 'Saved.',
    'the timestamp settings to be saved',
  );

  const url = `${fixtureServer.url}/article.html`;
  const page = await firefox.newPage();
  await page.goto(url);
  const tabId = await tabIdOf(options, url);
  const popup = await openExtensionPage(`popup.html?tabId=${tabId}`);
  const slug = standin.known.civSlugs[0]!;
  const combobox = await findByRole(popup, 'combobox', 'Incident');
  await fill(popup, combobox, slug.toLowerCase());
  await findByRole(popup, 'option', `CIV-${slug}`, { regex: true, timeout: 30_000 });
  await popup.keyboard.press('ArrowDown');
  await popup.keyboard.press('Enter');
  await poll(
    async () => (await popup.$eval(combobox, (el) => (el as HTMLInputElement).value)).startsWith(`CIV-${slug} · `),
    'the incident to be chosen',
  );
  await popup.click(await findByRole(popup, 'button', 'Capture'));
  await waitForText(popup, await findByRole(popup, 'status', ''), /^Captured/, 180_000);
  expect(tsa.granted()).toBe(1);

  const mine = standin.control
    .state(['sourceMaterial'])
    .sourceMaterial.find((sm) => sm.source_url === url && sm.upload_type === 'user_provided')!;
  expect((mine.metadata.browser_capture as { manifest?: unknown }).manifest).toMatchObject({
    public_key_fingerprint: fingerprint,
    timestamped: true,
  });
  const caFile = join(mkdtempSync(join(tmpdir(), 'custody-ff-')), 'ca.pem');
  writeFileSync(caFile, tsa.caPem);
  const run = await runVerifyCli(
    [
      '--instance',
      standin.url,
      '--source-material',
      mine.id,
      '--json',
      '--tsa-cert',
      caFile,
      '--fingerprint',
      fingerprint,
    ],
    standin.tokens.civRead,
  );
  expect(run.json?.verdict, run.stdout).toBe('verified');
  expect(run.json!.reports[0]!.timestamp.status).toBe('verified');
  expect(run.json!.reports[0]!.files.map((f) => f.role)).toEqual(
    expect.arrayContaining(['manifest', 'timestamp', 'artifact']),
  );
  expect(run.code).toBe(0);

  // How each file was made, as the signed manifest records it.
  const manifest = await downloadManifest(mine.artifacts);
  const byKind = new Map(manifest.artifacts.map((a) => [a.kind, a]));
  expect(manifest.environment.zoom).toBe(1);
  expect(byKind.get('viewport_screenshot')!.method).toEqual({ name: 'visible_tab_capture' });
  const fullPage = manifest.artifacts.filter((a) => a.kind === 'full_page_screenshot');
  expect(fullPage.length).toBeGreaterThanOrEqual(1);
  for (const part of fullPage) {
    expect(part.method).toMatchObject({
      name: 'capture_tab_rect',
      scale: manifest.environment.device_pixel_ratio,
      rect: { x: 0, width: manifest.environment.viewport.width },
    });
  }
  expect(fullPage[0]!.method.rect!.y).toBe(0);
  expect(byKind.get('page_archive')!.method).toEqual({ name: 'dom_snapshot' });
  for (const artifact of manifest.artifacts) {
    expect(Date.parse(artifact.made_at!)).toBeGreaterThanOrEqual(Date.parse(manifest.clicked_at));
    expect(artifact.final_url).toBeNull();
  }

  // The verify page, from the popup's recent captures, runs the same checks in the extension.
  const again = await openExtensionPage(`popup.html?tabId=${tabId}`);
  const href = await poll(
    () => again.$eval('a[href^="/verify.html"]', (a) => a.getAttribute('href')).catch(() => null),
    'the Verify link',
    30_000,
  );
  const verify = await openExtensionPage(href.slice(1));
  await waitForText(verify, '.verdict', /^Verified:/, 60_000);
  await waitForText(verify, '[data-timestamp]', /^Timestamp: signature valid, issued at/);
  const chooser = (await verify.waitForSelector('input[type=file]')) as ElementHandle<HTMLInputElement>;
  await chooser.uploadFile(caFile);
  await waitForText(verify, '[data-timestamp]', /^Timestamp: verified, issued at/);
  expect(await textOf(verify, '.verdict')).toMatch(/^Verified:/);
  // Remembered: the next verification checks the chain without being given the certificate again.
  const next = await openExtensionPage(href.slice(1));
  await waitForText(next, '[data-timestamp]', /^Timestamp: verified, issued at/, 60_000);
});
