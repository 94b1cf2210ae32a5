// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki } from '@/test/tsa/pki';
import { reply, startTsaStandin, type TsaStandin } from '@/test/tsa/server';
import type { SignerBindingOptions } from '@/test/tsa/signed-attributes';
import { buildManifest } from './build';
import { sha256Hex } from './bytes';
import { canonicalBytes, sealManifest } from './seal';
import { generateSigningKey } from './signing';
import { sampleManifestInput } from './testing/fixtures';
import { verifyCapture, type VerifyReport } from './verify';
import { flipByte, heldCapture } from './testing/held-capture';

let tsa: TsaStandin;
beforeAll(async () => {
  tsa = await startTsaStandin();
});
afterAll(async () => tsa?.close());

const stamp = async (query: Uint8Array) => {
  const answer = await fetch(tsa.url, {
    method: 'POST',
    headers: { 'content-type': 'application/timestamp-query' },
    body: query.slice(),
  });
  return new Uint8Array(await answer.arrayBuffer());
};
const codes = (report: VerifyReport) => [...new Set(report.failures.map((f) => f.code))].sort();
const indexOf = (bytes: Uint8Array, text: string) => Buffer.from(bytes).indexOf(text);

describe('verifyCapture', () => {
  it('verifies an untouched capture: every file, the signature and the key', async () => {
    const held = await heldCapture();
    const report = await verifyCapture(held.input({ trustedFingerprints: [held.key.fingerprint] }));
    expect(report.failures).toEqual([]);
    expect(report.verdict).toBe('verified');
    expect(report.signature).toBe('verified');
    expect(report.publicKey).toMatchObject({ fingerprint: held.key.fingerprint, trust: 'trusted' });
    expect(report.files.map((f) => [f.role, f.status])).toEqual([
      ['manifest', 'verified'],
      ['artifact', 'verified'],
      ['artifact', 'verified'],
    ]);
    expect(report.timestamp.status).toBe('absent');
  });

  it('verifies a timestamped capture against the TSA certificate', async () => {
    const held = await heldCapture({ stamp });
    const report = await verifyCapture(held.input({ tsaCerts: [tsa.pki.ca.der] }));
    expect(report.failures).toEqual([]);
    expect(report.timestamp).toMatchObject({ status: 'verified', artifactId: 't' });
    expect(Math.abs(Date.parse(report.timestamp.time!) - Date.now())).toBeLessThan(60_000);
    expect(report.files.at(-1)).toMatchObject({ role: 'timestamp', status: 'verified' });
  });

  it('without a signature checker, reports the timestamp as covering the manifest only', async () => {
    const held = await heldCapture({ stamp });
    const report = await verifyCapture({ ...held.input(), checkTimestampSignature: undefined });
    expect(report.failures).toEqual([]);
    expect(report.timestamp.status).toBe('imprint_only');
    expect(report.notes.join(' ')).toContain('signature was not checked here');
    flipByte(held, 'm', indexOf(held.bytes.get('m')!, 'example.org/a') + 2);
    held.metadata = {};
    const tampered = await verifyCapture({ ...held.input(), checkTimestampSignature: undefined });
    expect(codes(tampered)).toEqual(['server_hash_mismatch', 'signature_invalid', 'timestamp_imprint_mismatch']);
  });

  it('one byte of an artifact changed → file_hash_mismatch on that file', async () => {
    const held = await heldCapture();
    flipByte(held, 'a2', 3);
    const report = await verifyCapture(held.input());
    expect(report.verdict).toBe('failed');
    expect(codes(report)).toEqual(['file_hash_mismatch']);
    expect(report.failures[0]!.artifactId).toBe('a2');
    expect(report.files.find((f) => f.artifactId === 'a2')!.status).toBe('hash_mismatch');
  });

  it('one byte of the manifest changed → signature_invalid (and the recorded hashes differ)', async () => {
    const held = await heldCapture();
    flipByte(held, 'm', indexOf(held.bytes.get('m')!, 'example.org/a') + 2);
    const report = await verifyCapture(held.input());
    expect(report.signature).toBe('invalid');
    expect(codes(report)).toEqual(['server_hash_mismatch', 'signature_invalid', 'summary_mismatch']);
  });

  it('one byte of the signature changed → signature_invalid', async () => {
    const held = await heldCapture();
    const manifest = JSON.parse(Buffer.from(held.bytes.get('m')!).toString()) as { signature: { value: string } };
    const value = manifest.signature.value;
    manifest.signature.value = (value[0] === 'A' ? 'B' : 'A') + value.slice(1);
    held.bytes.set('m', canonicalBytes(manifest));
    held.metadata = {};
    held.artifacts = held.artifacts.map((a) => (a.id === 'm' ? { ...a, file_hash_sha256: null } : a));
    const report = await verifyCapture(held.input());
    expect(codes(report)).toEqual(['signature_invalid']);
  });

  it('one byte of the timestamp changed → timestamp_signature_invalid', async () => {
    const held = await heldCapture({ stamp });
    flipByte(held, 't', -1); // inside the TSA's signature value
    const report = await verifyCapture(held.input({ tsaCerts: [tsa.pki.ca.der] }));
    expect(codes(report)).toEqual(['timestamp_signature_invalid']);
    expect(report.timestamp.status).toBe('failed');
  });

  it('a timestamp bound to no certificate or another → timestamp_signing_cert_missing / _mismatch', async () => {
    const cases: Array<[SignerBindingOptions, string]> = [
      [{ ess: 'none' }, 'timestamp_signing_cert_missing'],
      [{ certificate: tsa.pki.ca.der }, 'timestamp_signing_cert_mismatch'],
    ];
    for (const [binding, code] of cases) {
      const held = await heldCapture({ stamp: (query) => reply(tsa.pki, query, 9, new Date(), binding) });
      const report = await verifyCapture(held.input({ tsaCerts: [tsa.pki.ca.der] }));
      expect(codes(report)).toEqual([code]);
      expect(report.timestamp.status).toBe('failed');
    }
  });

  it('a timestamp from a TSA that is not the given one → timestamp_untrusted', async () => {
    const held = await heldCapture({ stamp });
    const other = await makeTestPki('Other');
    const report = await verifyCapture(held.input({ tsaCerts: [other.ca.der] }));
    expect(codes(report)).toEqual(['timestamp_untrusted']);
  });

  it('a timestamp removed while the metadata says there was one → timestamp_missing', async () => {
    const held = await heldCapture({ stamp });
    held.artifacts = held.artifacts.filter((a) => a.id !== 't');
    expect(codes(await verifyCapture(held.input()))).toEqual(['timestamp_missing']);
  });

  it('a file added to the source material → unexpected_file', async () => {
    const held = await heldCapture();
    held.bytes.set('x', new TextEncoder().encode('added later'));
    held.artifacts = [
      ...held.artifacts,
      { id: 'x', title: 'Added later', file_hash_sha256: await sha256Hex(held.bytes.get('x')!) },
    ];
    const report = await verifyCapture(held.input());
    expect(codes(report)).toEqual(['unexpected_file']);
    expect(report.files.at(-1)).toMatchObject({ role: 'unlisted', artifactId: 'x', status: 'unexpected' });
  });

  it('a file removed from the source material → file_missing', async () => {
    const held = await heldCapture();
    held.artifacts = held.artifacts.filter((a) => a.id !== 'a1');
    const report = await verifyCapture(held.input());
    expect(codes(report)).toEqual(['file_missing']);
    expect(report.files.find((f) => f.artifactId === 'a1')!.status).toBe('missing');
  });

  it('the public key swapped, signature kept → signature_invalid', async () => {
    const held = await heldCapture();
    const other = await generateSigningKey();
    const manifest = JSON.parse(Buffer.from(held.bytes.get('m')!).toString()) as Record<string, unknown>;
    held.bytes.set(
      'm',
      canonicalBytes({
        ...manifest,
        public_key: { algorithm: other.algorithm, spki: other.spki, fingerprint: other.fingerprint },
      }),
    );
    held.metadata = {};
    held.artifacts = held.artifacts.map((a) => (a.id === 'm' ? { ...a, file_hash_sha256: null } : a));
    expect(codes(await verifyCapture(held.input()))).toEqual(['signature_invalid']);
  });

  it('the manifest re-signed with another key → untrusted_key against the published fingerprint', async () => {
    const held = await heldCapture();
    const published = held.key.fingerprint;
    const other = await generateSigningKey();
    const listed = [
      { kind: 'viewport_screenshot', sha256: held.artifacts[0]!.file_hash_sha256!, size: 18, id: 'a1' },
      { kind: 'page_archive', sha256: held.artifacts[1]!.file_hash_sha256!, size: 20, id: 'a2' },
    ];
    const forged = await sealManifest(buildManifest(sampleManifestInput(listed), other), other);
    held.bytes.set('m', forged.bytes);
    held.artifacts = held.artifacts.map((a) => (a.id === 'm' ? { ...a, file_hash_sha256: forged.sha256 } : a));
    held.metadata = {};
    const report = await verifyCapture(held.input({ trustedFingerprints: [published] }));
    expect(report.signature).toBe('verified');
    expect(codes(report)).toEqual(['untrusted_key']);
  });

  it('a key whose fingerprint does not match it → fingerprint_mismatch', async () => {
    const held = await heldCapture();
    const manifest = JSON.parse(Buffer.from(held.bytes.get('m')!).toString()) as {
      public_key: { fingerprint: string };
    };
    manifest.public_key.fingerprint = `sha256:${'0'.repeat(64)}`;
    held.bytes.set('m', canonicalBytes(manifest));
    held.metadata = {};
    held.artifacts = held.artifacts.map((a) => (a.id === 'm' ? { ...a, file_hash_sha256: null } : a));
    expect(codes(await verifyCapture(held.input()))).toEqual(['fingerprint_mismatch', 'signature_invalid']);
  });

  it('no manifest at all → manifest_missing; a broken one → manifest_unreadable', async () => {
    const held = await heldCapture();
    held.artifacts = held.artifacts.filter((a) => a.id !== 'm');
    expect(codes(await verifyCapture(held.input()))).toEqual(['manifest_missing']);
    const broken = await heldCapture();
    broken.bytes.set('m', new TextEncoder().encode('{"schema":"atlos-browser-capture-manifest/1"'));
    const report = await verifyCapture(broken.input());
    expect(codes(report)).toContain('manifest_unreadable');
    expect(report.verdict).toBe('failed');
  });

  it('a download that fails is reported, never verified', async () => {
    const held = await heldCapture();
    held.bytes.delete('a1');
    const report = await verifyCapture(held.input());
    expect(codes(report)).toEqual(['download_failed']);
    expect(report.verdict).toBe('failed');
  });
});
