/**
 * Verifiable custody in real Chromium with the built extension: trusted timestamps turned on in the
 * settings (the local TSA stand-in), a capture of a fixture page, then `npm run verify` checks every
 * file, the signature against the fingerprint the settings page shows, and the timestamp against the
 * test CA; the manifest records how each file was made; the popup's recent captures link to the
 * verify page, which says Verified, checks the timestamp's chain once given the CA certificate (and
 * with it, remembered, on the next verification), and fails a token changed in storage.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from '@playwright/test';
import { connectProject } from './helpers/connect.ts';
import { expect, test } from './fixtures.ts';
import { downloadManifest, timestampUrl } from '../support/custody-files.ts';
import { runVerifyCli } from '../support/run-verify.ts';
import { startTsaStandin, type TsaStandin } from '../tsa/server.ts';

test.use({ standinOptions: { incidents: 20 } });
test.setTimeout(180_000);

let tsa: TsaStandin;
test.beforeAll(async () => {
  tsa = await startTsaStandin();
});
test.afterAll(async () => tsa?.close());

async function waitDone(worker: Worker, jobId: string): Promise<{ sourceMaterialId: string }> {
  let last: any;
  await expect
    .poll(
      async () => {
        last = ((await worker.evaluate(() => (globalThis as any).__atlosTest.listJobs())) as any[]).find(
          (j) => j.id === jobId,
        );
        return last?.state;
      },
      { timeout: 120_000, message: 'capture should finish' },
    )
    .toBe('done')
    .catch((error: unknown) => {
      throw new Error(`${String(error)}\nlast seen: ${JSON.stringify(last)}`);
    });
  return last;
}

test('a capture carries a signed, timestamped manifest that npm run verify and the verify page accept', async ({
  context,
  standin,
  fixtureServer,
  openOptions,
  openPopup,
  tabIdOf,
  worker,
}) => {
  const options = await openOptions();
  await connectProject(options, { url: standin.url, token: standin.tokens.civEdit });
  const fingerprint = (await options.getByTestId('custody-fingerprint').textContent())!;
  expect(fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
  await options.getByRole('checkbox', { name: 'Add a trusted timestamp (RFC 3161) to each capture' }).check();
  await options.getByLabel('Time-stamping authority URL').fill(tsa.url);
  await options.getByRole('button', { name: 'Save timestamp settings' }).click();
  await expect(options.getByText('Saved.', { exact: true })).toBeVisible();

  const page = await context.newPage();
  const url = `${fixtureServer.url}/article.html`;
  await page.goto(url);
  const tabId = await tabIdOf(page);
  const connections = (await worker.evaluate(() => (globalThis as any).chrome.storage.local.get('connections'))) as {
    connections: Array<{ id: string }>;
  };
  const slug = standin.known.civSlugs[0]!;
  const { jobId } = (await worker.evaluate((r) => (globalThis as any).__atlosTest.startCapture(r), {
    incident: { connectionId: connections.connections[0]!.id, slug, description: 'e2e' },
    tabId,
    target: { kind: 'page', url, pageUrl: url },
    options: {
      archive: false,
      viewportScreenshot: true,
      fullPageScreenshot: true,
      pageArchive: true,
      originalMedia: false,
    },
    source: 'popup',
  })) as { jobId: string };
  const job = await waitDone(worker, jobId);
  expect(tsa.granted()).toBe(1);

  const caFile = join(mkdtempSync(join(tmpdir(), 'custody-e2e-')), 'ca.pem');
  writeFileSync(caFile, tsa.caPem);
  const run = await runVerifyCli(
    [
      '--instance',
      standin.url,
      '--source-material',
      job.sourceMaterialId,
      '--json',
      '--tsa-cert',
      caFile,
      '--fingerprint',
      fingerprint,
    ],
    standin.tokens.civRead,
  );
  expect(run.stderr).toBe('');
  expect(run.json?.verdict, run.stdout).toBe('verified');
  const report = run.json!.reports[0]!;
  expect(report.files.map((f) => f.role).sort()).toEqual(['artifact', 'artifact', 'artifact', 'manifest', 'timestamp']);
  expect(report.timestamp.status).toBe('verified');
  expect(run.code).toBe(0);

  // How each file was made, as the signed manifest records it.
  const held = standin.control.state(['sourceMaterial']).sourceMaterial.find((sm) => sm.id === job.sourceMaterialId)!;
  const manifest = await downloadManifest(held.artifacts);
  const byKind = new Map(manifest.artifacts.map((a) => [a.kind, a]));
  expect(manifest.environment.zoom).toBe(1);
  expect(manifest.environment.device_pixel_ratio).toBeGreaterThan(0);
  expect(byKind.get('viewport_screenshot')!.method).toEqual({ name: 'visible_tab_capture' });
  const fullPage = byKind.get('full_page_screenshot')!.method;
  expect(fullPage).toMatchObject({ name: 'stitched_tiles', scale: manifest.environment.device_pixel_ratio });
  expect(fullPage.tiles).toBeGreaterThanOrEqual(1);
  const archive = byKind.get('page_archive')!;
  expect(archive.method.name).toBe(archive.media_type === 'multipart/related' ? 'mhtml' : 'dom_snapshot');
  for (const artifact of manifest.artifacts) {
    expect(Date.parse(artifact.made_at!)).toBeGreaterThanOrEqual(Date.parse(manifest.clicked_at));
    expect(Date.parse(artifact.made_at!)).toBeLessThanOrEqual(Date.now());
    expect(artifact.final_url).toBeNull();
  }

  const popup = await openPopup(tabId);
  const verifyLink = popup.getByRole('link', { name: 'Verify' });
  await expect(verifyLink).toBeVisible({ timeout: 20_000 });
  const [verifyPage] = await Promise.all([context.waitForEvent('page'), verifyLink.click()]);
  await expect(verifyPage.getByText(/^Verified:/)).toBeVisible({ timeout: 60_000 });
  await expect(verifyPage.locator('tr[data-status="verified"]')).toHaveCount(5);
  // The token's signature holds; its chain is checked once the authority's CA certificate is chosen.
  const timestampLine = verifyPage.locator('[data-timestamp]');
  await expect(timestampLine).toHaveAttribute('data-timestamp', 'signature_only');
  await expect(timestampLine).toContainText('Timestamp: signature valid');
  await verifyPage
    .getByLabel(/^Add the authority's CA certificate/)
    .setInputFiles({ name: 'tsa-ca.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from(tsa.caPem) });
  await expect(timestampLine).toHaveAttribute('data-timestamp', 'verified', { timeout: 30_000 });
  await expect(timestampLine).toContainText('Timestamp: verified, issued at');
  await expect(verifyPage.getByText(/^Verified:/)).toBeVisible();
  // The browser remembers the CA certificate: the next verification checks the chain by itself.
  const again = await context.newPage();
  await again.goto(verifyPage.url());
  await expect(again.locator('[data-timestamp]')).toHaveAttribute('data-timestamp', 'verified', { timeout: 60_000 });
  await expect(again.getByRole('button', { name: /^Forget / })).toHaveCount(1);
  await again.close();

  // The same page, with one byte of the stored token changed (inside the authority's signature).
  const token = timestampUrl(held.artifacts);
  await context.route(token, async (route) => {
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    body[body.length - 1]! ^= 0x01;
    await route.fulfill({ response, body });
  });
  const tampered = await context.newPage();
  await tampered.goto(verifyPage.url());
  await expect(tampered.getByText(/^Not verified:/)).toBeVisible({ timeout: 60_000 });
  await expect(tampered.locator('[data-timestamp]')).toHaveAttribute('data-timestamp', 'failed');
  await expect(tampered.locator('.verify-findings')).toContainText('timestamp_signature_invalid');
});
