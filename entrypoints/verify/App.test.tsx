import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SourceMaterial } from '@/lib/atlos/schemas';
import { flipByte, heldCapture, type HeldCapture } from '@/lib/custody/testing/held-capture';
import { checkTimestampSignature } from '@/lib/custody/timestamp-signature';
import { rememberCertificates, rememberedCertificates, type CertificateArea } from '@/lib/custody/tsa-ca-store';
import { makeTestPki, pem } from '@/test/tsa/pki';
import { reply } from '@/test/tsa/server';
import userEvent from '@testing-library/user-event';
import { App } from './App';

afterEach(cleanup);
beforeEach(() => fakeBrowser.reset());
const certificateArea = () => fakeBrowser.storage.local as unknown as CertificateArea;
const timestampLine = () => document.querySelector('[data-timestamp]')!;
const chooser = () => screen.getByLabelText(/^Add the authority's CA certificate/);

function page(held: HeldCapture, fingerprints: string[], timestamps = false) {
  const input = held.input();
  render(
    <App
      connectionId="civ"
      sourceMaterialId="sm-1"
      deps={{
        sourceMaterial: async (connectionId, id) => {
          expect([connectionId, id]).toEqual(['civ', 'sm-1']);
          return input.sourceMaterial as unknown as SourceMaterial;
        },
        fingerprints: async () => fingerprints,
        download: input.download,
        ...(timestamps ? { checkTimestampSignature } : {}),
        tsaCertificateArea: certificateArea(),
      }}
    />,
  );
}

/** A timestamped capture whose authority's CA this browser already remembers: verified from the first report. */
async function openWithRememberedCa() {
  const pki = await makeTestPki();
  await rememberCertificates(certificateArea(), [{ name: 'ca.der', bytes: pki.ca.der }]);
  const held = await heldCapture({ stamp: (query) => reply(pki, query, 1) });
  page(held, [held.key.fingerprint], true);
  await screen.findByText(/^Verified:/);
  expect(timestampLine().getAttribute('data-timestamp')).toBe('verified');
}

describe('verify page', () => {
  it('says Verified when every file, the signature and this install’s key check out', async () => {
    const held = await heldCapture();
    page(held, [held.key.fingerprint]);
    const verdict = await screen.findByText(/^Verified:/);
    expect(verdict.getAttribute('data-verdict')).toBe('verified');
    expect(document.querySelectorAll('tr[data-status="verified"]')).toHaveLength(3);
    expect(document.body.textContent).toContain(`Key: ${held.key.fingerprint}`);
  });

  it('names the changed file and the finding when a byte changed', async () => {
    const held = await heldCapture();
    flipByte(held, 'a1', 0);
    page(held, [held.key.fingerprint]);
    expect((await screen.findByText(/^Not verified:/)).textContent).toBe('Not verified: 1 problem(s) found.');
    expect(document.querySelector('tr[data-status="hash_mismatch"]')!.textContent).toContain('Changed');
    expect(document.body.textContent).toContain('file_hash_mismatch');
  });

  it('flags a capture signed by a key this install never had', async () => {
    const held = await heldCapture();
    page(held, [`sha256:${'1'.repeat(64)}`]);
    await screen.findByText(/^Not verified:/);
    expect(document.body.textContent).toContain('untrusted_key');
  });

  it('checks the timestamp signature, then its chain once the authority’s CA certificate is chosen', async () => {
    const pki = await makeTestPki();
    const held = await heldCapture({ stamp: (query) => reply(pki, query, 1) });
    page(held, [held.key.fingerprint], true);
    await screen.findByText(/^Verified:/);
    expect(timestampLine().getAttribute('data-timestamp')).toBe('signature_only');
    expect(timestampLine().textContent).toMatch(/^Timestamp: signature valid, issued at 20/);
    await userEvent.upload(chooser(), new File([pem(pki.ca.der)], 'ca.pem', { type: 'application/x-pem-file' }));
    await waitFor(() => expect(timestampLine().getAttribute('data-timestamp')).toBe('verified'));
    expect(timestampLine().textContent).toMatch(/^Timestamp: verified, issued at 20/);
    expect((await rememberedCertificates(certificateArea())).map((cert) => cert.der)).toEqual([pki.ca.der]);
  });

  it('uses a remembered CA certificate on a fresh page, without choosing it again', async () => {
    await openWithRememberedCa();
    expect(screen.getByRole('listitem').textContent).toContain('Atlos test root CA');
  });

  it('forgets a remembered certificate: the chain is no longer checked', async () => {
    await openWithRememberedCa();
    await userEvent.click(screen.getByRole('button', { name: 'Forget Atlos test root CA' }));
    await waitFor(() => expect(timestampLine().getAttribute('data-timestamp')).toBe('signature_only'));
    expect(screen.queryByRole('listitem')).toBeNull();
    expect(document.activeElement).toBe(chooser());
    expect(await rememberedCertificates(certificateArea())).toEqual([]);
  });

  it('names a chosen file that is not a certificate and keeps the remembered one', async () => {
    await openWithRememberedCa();
    await userEvent.upload(chooser(), new File(['not a certificate'], 'notes.pem'));
    expect((await screen.findByText(/notes\.pem/)).textContent).toBe(
      'notes.pem is not a certificate (PEM or DER); nothing was remembered from it.',
    );
    expect(screen.getByRole('alert').textContent).toContain('notes.pem');
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
    expect(timestampLine().getAttribute('data-timestamp')).toBe('verified');
    expect(await rememberedCertificates(certificateArea())).toHaveLength(1);
  });

  it('fails a token whose signature was changed', async () => {
    const held = await heldCapture({ stamp: async (query) => reply(await makeTestPki(), query, 1) });
    flipByte(held, 't', -1);
    page(held, [held.key.fingerprint], true);
    await screen.findByText(/^Not verified:/);
    expect(timestampLine().getAttribute('data-timestamp')).toBe('failed');
    expect(document.body.textContent).toContain('timestamp_signature_invalid');
  });
});
