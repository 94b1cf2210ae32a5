import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import type { SourceMaterial } from '@/lib/atlos/schemas';
import { flipByte, heldCapture, type HeldCapture } from '@/lib/custody/testing/held-capture';
import { App } from './App';

afterEach(cleanup);

function page(held: HeldCapture, fingerprints: string[]) {
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
      }}
    />,
  );
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
});
