import { describe, expect, it } from 'vitest';
import { buildManifest, methodOf } from './build';
import { toBase64 } from './bytes';
import { canonicalBytes, checkManifestSignature, readManifest, sealManifest } from './seal';
import { generateSigningKey } from './signing';
import { sampleManifestInput } from './testing/fixtures';

const hash = 'a'.repeat(64);

async function sealed(algorithm: 'Ed25519' | 'ECDSA-P256-SHA256') {
  const key = await generateSigningKey([algorithm]);
  const manifest = buildManifest(sampleManifestInput([{ kind: 'viewport_screenshot', sha256: hash, size: 10 }]), key);
  return { key, manifest, result: await sealManifest(manifest, key) };
}

describe.each(['Ed25519', 'ECDSA-P256-SHA256'] as const)('sealed manifest (%s)', (algorithm) => {
  it('is canonical JSON whose signature verifies with the key it names', async () => {
    const { key, result } = await sealed(algorithm);
    const reading = readManifest(result.bytes);
    if (!reading.ok) throw new Error(reading.reason);
    expect(reading.canonical).toBe(true);
    expect(reading.manifest.public_key.fingerprint).toBe(key.fingerprint);
    expect(reading.manifest.signature.algorithm).toBe(algorithm);
    expect(await checkManifestSignature(reading.manifest, reading.raw)).toBe(true);
  });

  it('fails the signature when any signed value changes', async () => {
    const { result } = await sealed(algorithm);
    const raw = JSON.parse(new TextDecoder().decode(result.bytes)) as Record<string, unknown>;
    const changed = {
      ...raw,
      target: { kind: 'page', url: 'https://example.org/b', page_url: 'https://example.org/a' },
    };
    const reading = readManifest(canonicalBytes(changed));
    if (!reading.ok) throw new Error(reading.reason);
    expect(await checkManifestSignature(reading.manifest, reading.raw)).toBe(false);
  });

  it('fails the signature made by another key', async () => {
    const { result } = await sealed(algorithm);
    const other = await generateSigningKey([algorithm]);
    const raw = JSON.parse(new TextDecoder().decode(result.bytes)) as Record<string, unknown>;
    const swapped = { ...raw, public_key: { algorithm, spki: other.spki, fingerprint: other.fingerprint } };
    const reading = readManifest(canonicalBytes(swapped));
    if (!reading.ok) throw new Error(reading.reason);
    expect(await checkManifestSignature(reading.manifest, reading.raw)).toBe(false);
  });
});

describe('readManifest', () => {
  it('says why bytes are not a manifest', () => {
    const broken = readManifest(new TextEncoder().encode('{"schema":'));
    expect(broken).toMatchObject({ ok: false, reason: expect.stringContaining('not JSON') });
    const other = readManifest(canonicalBytes({ schema: 'something-else' }));
    expect(other).toMatchObject({ ok: false, reason: expect.stringContaining('not a capture manifest') });
  });

  it('notices a file that is not in canonical form', async () => {
    const { result } = await sealed('Ed25519');
    const pretty = new TextEncoder().encode(
      JSON.stringify(JSON.parse(new TextDecoder().decode(result.bytes)), null, 2),
    );
    expect(readManifest(pretty)).toMatchObject({ ok: true, canonical: false });
  });

  it('rejects a signature value that is not base64', async () => {
    const { result } = await sealed('Ed25519');
    const raw = JSON.parse(new TextDecoder().decode(result.bytes)) as { signature: { value: string } };
    raw.signature.value = `!${raw.signature.value.slice(1)}`;
    const reading = readManifest(canonicalBytes(raw));
    if (!reading.ok) throw new Error(reading.reason);
    expect(await checkManifestSignature(reading.manifest, reading.raw)).toBe(false);
    expect(toBase64(new Uint8Array([1, 2, 3]))).toBe('AQID');
  });
});

describe('methodOf', () => {
  it('keeps the method the collector recorded', () => {
    const base = { title: '', fileName: '', size: 1, sha256: hash, mimeType: 'image/png' };
    const rect = { x: 0, y: 0, width: 800, height: 4000 };
    expect(
      methodOf({ ...base, kind: 'full_page_screenshot', method: { name: 'capture_tab_rect', rect, scale: 2 } }),
    ).toEqual({ name: 'capture_tab_rect', rect, scale: 2 });
  });

  it('guesses from the kind for jobs stored before methods were recorded', () => {
    const base = { title: '', fileName: '', size: 1, sha256: hash };
    expect(methodOf({ ...base, kind: 'viewport_screenshot', mimeType: 'image/png' }).name).toBe('visible_tab_capture');
    expect(
      methodOf({ ...base, kind: 'full_page_screenshot', mimeType: 'image/png', part: { index: 1, count: 2 } }),
    ).toEqual({ name: 'stitched_tiles', part: { index: 1, count: 2 } });
    expect(methodOf({ ...base, kind: 'page_archive', mimeType: 'multipart/related' }).name).toBe('mhtml');
    expect(methodOf({ ...base, kind: 'page_archive', mimeType: 'text/html' }).name).toBe('dom_snapshot');
    expect(methodOf({ ...base, kind: 'original_media', mimeType: 'image/png', note: 'why' }).name).toBe(
      'visible_tab_capture',
    );
    expect(methodOf({ ...base, kind: 'original_media', mimeType: 'video/mp4' }).name).toBe('media_fetch');
  });
});
