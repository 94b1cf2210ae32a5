// @vitest-environment node
/**
 * Verifiable custody end to end over real HTTP: the capture engine signs and uploads the manifest
 * (and the RFC 3161 token from the local TSA stand-in), then `npm run verify` (scripts/verify.ts, a
 * child process) downloads every file through Atlos's access_url and checks it. Tampering on the
 * stand-in is caught with a precise finding and a non-zero exit code; a TSA that is down delays
 * nothing but the timestamp, which the capture then reports as missing.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureJob } from '../../lib/capture/job';
import { MANIFEST_FILE_NAME, TIMESTAMP_FILE_NAME } from '../../lib/custody/manifest';
import type { CaptureMetadata } from '../../lib/metadata/schema';
import { useStandin } from '../standin/test-helpers';
import { startTsaStandin, type TsaStandin } from '../tsa/server';
import { captureRequest, engineFor, standinClient } from './capture-helpers';
import { custodyFor, flipStoredByte, runVerify } from './custody-helpers';

const standin = useStandin({ incidents: 30 });
let tsa: TsaStandin;
let caFile: string;
beforeAll(async () => {
  tsa = await startTsaStandin();
  caFile = join(mkdtempSync(join(tmpdir(), 'custody-ca-')), 'tsa-ca.pem');
  writeFileSync(caFile, tsa.caPem);
});
afterAll(async () => tsa?.close());

let n = 0;
async function capture(options: { timestamps: boolean }): Promise<{ job: CaptureJob; fingerprint: string }> {
  const custody = custodyFor(() => (options.timestamps ? tsa.url : null));
  const { make, store } = await engineFor(standin, { custody: custody.deps });
  const engine = make();
  const slug = standin.known.civSlugs[++n % 5]!;
  const { jobId } = await engine.startCapture(
    captureRequest(slug, `https://news.example/custody/${Date.now()}/${n}`, { archive: false }),
  );
  await engine.whenIdle();
  const job = (await store.get(jobId))!;
  expect(job.state, JSON.stringify(job.error)).toBe('done');
  return { job, fingerprint: (await custody.keys.current()).fingerprint };
}

const verifyArgs = (job: CaptureJob, ...extra: string[]) => [
  '--instance',
  standin.url,
  '--source-material',
  job.sourceMaterialId!,
  '--json',
  ...extra,
];
const codesOf = (stdout: string) =>
  (JSON.parse(stdout) as { reports: Array<{ failures: Array<{ code: string }> }> }).reports.flatMap((r) =>
    r.failures.map((f) => f.code),
  );

describe('a signed capture, checked by npm run verify', () => {
  it('uploads the manifest and the timestamp, summarised in the metadata; verify exits 0', async () => {
    const { job, fingerprint } = await capture({ timestamps: true });
    const sm = standin.control.state(['sourceMaterial']).sourceMaterial.find((s) => s.id === job.sourceMaterialId)!;
    expect(sm.artifacts.map((a) => a.title)).toEqual([
      ...job.artifacts.slice(0, 3).map((a) => a.title),
      MANIFEST_FILE_NAME,
      TIMESTAMP_FILE_NAME,
    ]);
    const metadata = sm.metadata.browser_capture as CaptureMetadata;
    expect(metadata.artifacts).toHaveLength(3);
    expect(metadata.manifest).toEqual({
      sha256: job.artifacts[3]!.sha256,
      public_key_fingerprint: fingerprint,
      timestamped: true,
    });
    expect(job.artifacts.every((a) => a.serverSha256 === a.sha256)).toBe(true);

    const result = await runVerify([...verifyArgs(job, '--tsa-cert', caFile, '--fingerprint', fingerprint)], {
      ATLOS_TOKEN: standin.tokens.civRead,
    });
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as {
      verdict: string;
      reports: Array<{ timestamp: { status: string }; files: unknown[] }>;
    };
    expect(report.verdict).toBe('verified');
    expect(report.reports[0]!.timestamp.status).toBe('verified');
    expect(report.reports[0]!.files).toHaveLength(5);
    expect(result.code).toBe(0);
  });

  it('prints a per-file table by incident, with --token', async () => {
    const { job } = await capture({ timestamps: false });
    const result = await runVerify([
      '--instance',
      standin.url,
      '--token',
      standin.tokens.civRead,
      '--incident',
      job.request.incident.slug,
    ]);
    expect(result.stdout).toContain(`Source material ${job.sourceMaterialId}`);
    expect(result.stdout).toMatch(/ok\s+manifest\s+capture_manifest/);
    expect(result.stdout).toContain('All verified.');
    expect(result.code).toBe(0);
  });

  it('one byte of an artifact changed in Atlos → file_hash_mismatch, exit 1', async () => {
    const { job } = await capture({ timestamps: false });
    flipStoredByte(standin, job.artifacts[1]!.atlosArtifactId!);
    const result = await runVerify(verifyArgs(job), { ATLOS_TOKEN: standin.tokens.civRead });
    expect(codesOf(result.stdout)).toEqual(['file_hash_mismatch']);
    expect(result.code).toBe(1);
  });

  it('one byte of the timestamp changed in Atlos → timestamp_signature_invalid, exit 1', async () => {
    const { job } = await capture({ timestamps: true });
    const tsr = job.artifacts.find((a) => a.kind === 'capture_timestamp')!;
    flipStoredByte(standin, tsr.atlosArtifactId!, tsr.size - 1);
    const result = await runVerify(verifyArgs(job, '--tsa-cert', caFile), { ATLOS_TOKEN: standin.tokens.civRead });
    expect(codesOf(result.stdout)).toEqual(['timestamp_signature_invalid']);
    expect(result.code).toBe(1);
  });

  it('a file added to the source material → unexpected_file, exit 1', async () => {
    const { job } = await capture({ timestamps: false });
    await standinClient(standin).uploadFile(job.sourceMaterialId!, {
      blob: new Blob(['later']),
      fileName: 'later.txt',
      title: 'Added later',
    });
    const result = await runVerify(verifyArgs(job), { ATLOS_TOKEN: standin.tokens.civRead });
    expect(codesOf(result.stdout)).toEqual(['unexpected_file']);
    expect(result.code).toBe(1);
  });

  it('a key other than the published one → untrusted_key, exit 1', async () => {
    const { job } = await capture({ timestamps: false });
    const result = await runVerify(verifyArgs(job, '--fingerprint', `sha256:${'0'.repeat(64)}`), {
      ATLOS_TOKEN: standin.tokens.civRead,
    });
    expect(codesOf(result.stdout)).toEqual(['untrusted_key']);
    expect(result.code).toBe(1);
  });

  it('usage errors exit 2 and say how to call it', async () => {
    const result = await runVerify(['--instance', standin.url]);
    expect(result.stderr).toContain('Usage: npm run verify');
    expect(result.code).toBe(2);
  });
});

describe('a TSA that is down', () => {
  it('never blocks the capture: retried, then given up and reported; the rest still verifies', async () => {
    tsa.setDown(true);
    try {
      const before = tsa.received();
      const { job } = await capture({ timestamps: true });
      expect(tsa.received() - before).toBe(4);
      expect(job.custody).toMatchObject({ done: true, timestamp: 'gave_up' });
      const sm = standin.control.state(['sourceMaterial']).sourceMaterial.find((s) => s.id === job.sourceMaterialId)!;
      const metadata = sm.metadata.browser_capture as CaptureMetadata;
      expect(metadata.manifest?.timestamped).toBe(false);
      expect(metadata.problems).toEqual([
        { artifact: 'capture_timestamp', message: expect.stringContaining('HTTP 503') },
      ]);
      const result = await runVerify(verifyArgs(job), { ATLOS_TOKEN: standin.tokens.civRead });
      expect(result.code).toBe(0);
    } finally {
      tsa.setDown(false);
    }
  });
});
