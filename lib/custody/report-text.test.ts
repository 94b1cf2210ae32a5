import { describe, expect, it } from 'vitest';
import { formatReport } from './report-text';
import type { VerifyReport } from './verify';

const base: VerifyReport = {
  verdict: 'verified',
  sourceMaterialId: 'sm-1',
  manifest: {
    artifactId: 'm',
    sha256: 'f'.repeat(64),
    captureId: 'job-1',
    clickedAt: '2026-12-03T10:00:00.000Z',
    targetUrl: 'https://example.org/a',
  },
  signature: 'verified',
  publicKey: { algorithm: 'Ed25519', fingerprint: `sha256:${'1'.repeat(64)}`, trust: 'trusted' },
  timestamp: { status: 'verified', time: '2026-12-03T10:00:01.000Z', serialNumber: '01' },
  files: [
    {
      role: 'manifest',
      artifactId: 'm',
      title: 'capture-manifest.json',
      kind: 'capture_manifest',
      expectedSha256: null,
      actualSha256: 'f'.repeat(64),
      status: 'verified',
    },
    {
      role: 'timestamp',
      artifactId: 't',
      title: 'capture-manifest.tsr',
      kind: 'capture_timestamp',
      expectedSha256: null,
      actualSha256: 'e'.repeat(64),
      status: 'verified',
    },
  ],
  failures: [],
  notes: [],
};

describe('formatReport', () => {
  it('prints one row per file with its status, role and kind, then the verdict', () => {
    const text = formatReport(base);
    expect(text).toContain(
      'Source material sm-1: capture job-1 of https://example.org/a, clicked 2026-12-03T10:00:00.000Z',
    );
    expect(text).toMatch(/ok {10}manifest {3}capture_manifest {6}ffffffffffffffff/);
    expect(text).toMatch(/ok {10}timestamp {2}capture_timestamp/);
    expect(text).toContain('Signature: verified (Ed25519, key sha256:1111');
    expect(text).toContain('Timestamp: verified, 2026-12-03T10:00:01.000Z (serial 01)');
    expect(text.split('\n').at(-1)).toBe('  Verdict:   VERIFIED');
  });

  it('lists each finding and counts them in the verdict', () => {
    const text = formatReport({
      ...base,
      verdict: 'failed',
      files: [{ ...base.files[0]!, status: 'invalid' }],
      failures: [{ code: 'signature_invalid', message: 'The manifest signature does not verify with its public key' }],
      notes: ['a note'],
    });
    expect(text).toMatch(/INVALID {5}manifest/);
    expect(text).toContain('✗ signature_invalid: The manifest signature does not verify');
    expect(text).toContain('note: a note');
    expect(text.split('\n').at(-1)).toBe('  Verdict:   FAILED (1 problem)');
  });
});
