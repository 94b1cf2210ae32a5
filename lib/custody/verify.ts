/**
 * Verifies one capture against the Atlos source material that holds it: every file the manifest
 * lists is there with the same SHA-256 (recomputed from the downloaded bytes), nothing else is,
 * the manifest's signature verifies with its key (and that key is the expected one), and the
 * RFC 3161 token, if any, covers the manifest's SHA-256 and chains to a trusted TSA certificate.
 * Pure: downloads go through the `download` given, so Node and the extension page both run it.
 *
 * Over a screen on purpose: the verdict is one pass over files, signature, key and timestamp,
 * and splitting it would scatter the order in which findings are reported.
 */
import { fromBase64, sha256Hex } from './bytes.ts';
import { finding, type Finding } from './findings.ts';
import { MANIFEST_FILE_NAME, type SignedManifest } from './manifest.ts';
import { checkManifestSignature, readManifest } from './seal.ts';
import { fingerprintOf } from './signing.ts';
import type { TimestampSignatureChecker } from './timestamp-signature.ts';
import { checkTimestamp, type TimestampResult } from './verify-timestamp.ts';
import { checkFiles, type FileResult, type Downloaded, type RemoteArtifact } from './verify-files.ts';

export type { FileResult, RemoteArtifact } from './verify-files.ts';
export type { TimestampResult } from './verify-timestamp.ts';

export interface VerifyInput {
  sourceMaterial: { id: string; artifacts: RemoteArtifact[]; metadata?: Record<string, unknown> };
  download(artifact: RemoteArtifact): Promise<Uint8Array>;
  /** Fingerprints the key must have (published by the person who captured); none = not compared. */
  trustedFingerprints?: string[];
  /** DER certificates of the TSA's CA; none = the token's signature only. */
  tsaCerts?: Uint8Array[];
  /** Checks the token's signature and chain (timestamp-signature.ts); none = its imprint and time only. */
  checkTimestampSignature?: TimestampSignatureChecker;
}

export interface VerifyReport {
  verdict: 'verified' | 'failed';
  sourceMaterialId: string;
  manifest: { artifactId: string; sha256: string; captureId: string; clickedAt: string; targetUrl: string } | null;
  signature: 'verified' | 'invalid' | 'not_checked';
  publicKey: { algorithm: string; fingerprint: string; trust: 'trusted' | 'not_compared' | 'untrusted' } | null;
  timestamp: TimestampResult;
  files: FileResult[];
  failures: Finding[];
  notes: string[];
}

/** The `manifest` summary in the capture metadata (any namespace), if there is one. */
function summaryOf(
  metadata: Record<string, unknown> | undefined,
): { sha256?: string; public_key_fingerprint?: string; timestamped?: boolean } | undefined {
  for (const value of Object.values(metadata ?? {})) {
    const manifest = (value as { manifest?: unknown } | null)?.manifest;
    if (manifest && typeof manifest === 'object') return manifest as never;
  }
  return undefined;
}

async function downloadAll(input: VerifyInput, failures: Finding[]): Promise<Downloaded[]> {
  const out: Downloaded[] = [];
  for (const artifact of input.sourceMaterial.artifacts) {
    try {
      const bytes = await input.download(artifact);
      out.push({ artifact, bytes, sha256: await sha256Hex(bytes) });
    } catch (error) {
      failures.push(
        finding(
          'download_failed',
          `Could not download ${artifact.id}: ${error instanceof Error ? error.message : String(error)}`,
          artifact.id,
        ),
      );
      out.push({ artifact, bytes: null, sha256: null });
    }
  }
  return out;
}

type Found = { file: Downloaded; manifest: SignedManifest; raw: Record<string, unknown>; canonical: boolean };

function findManifest(files: Downloaded[], sourceMaterialId: string, failures: Finding[]): Found | null {
  const readable: Found[] = [];
  for (const file of files) {
    if (!file.bytes) continue;
    const named = file.artifact.title === MANIFEST_FILE_NAME;
    const reading = readManifest(file.bytes);
    if (reading.ok) readable.push({ file, ...reading });
    else if (named)
      failures.push(
        finding(
          'manifest_unreadable',
          `${MANIFEST_FILE_NAME} (${file.artifact.id}) is ${reading.reason}`,
          file.artifact.id,
        ),
      );
  }
  const mine = readable.filter((r) => r.manifest.atlos.source_material_id === sourceMaterialId);
  const pick = mine.length ? mine : readable;
  if (pick.length > 1)
    failures.push(finding('multiple_manifests', `${pick.length} capture manifests on one source material`));
  if (pick.length === 0 && !failures.some((f) => f.code === 'manifest_unreadable')) {
    failures.push(finding('manifest_missing', `No ${MANIFEST_FILE_NAME} on source material ${sourceMaterialId}`));
  }
  return pick[0] ?? null;
}

export async function verifyCapture(input: VerifyInput): Promise<VerifyReport> {
  const smId = input.sourceMaterial.id;
  const failures: Finding[] = [];
  const notes: string[] = [];
  const files = await downloadAll(input, failures);
  const found = findManifest(files, smId, failures);
  const summary = summaryOf(input.sourceMaterial.metadata);
  const report: VerifyReport = {
    verdict: 'failed',
    sourceMaterialId: smId,
    manifest: null,
    signature: 'not_checked',
    publicKey: null,
    timestamp: { status: 'absent' },
    files: [],
    failures,
    notes,
  };

  if (found) {
    const { manifest, file } = found;
    const manifestSha = file.sha256!;
    report.manifest = {
      artifactId: file.artifact.id,
      sha256: manifestSha,
      captureId: manifest.capture_id,
      clickedAt: manifest.clicked_at,
      targetUrl: manifest.target.url,
    };
    if (!found.canonical)
      failures.push(
        finding('manifest_not_canonical', 'The manifest file is not in its canonical (signed) form', file.artifact.id),
      );
    report.signature = (await checkManifestSignature(manifest, found.raw)) ? 'verified' : 'invalid';
    if (report.signature === 'invalid')
      failures.push(
        finding('signature_invalid', 'The manifest signature does not verify with its public key', file.artifact.id),
      );
    const key = manifest.public_key;
    let trust: 'trusted' | 'not_compared' | 'untrusted' = 'not_compared';
    let spkiFingerprint: string | null = null;
    try {
      spkiFingerprint = await fingerprintOf(fromBase64(key.spki));
    } catch {
      // unreadable key: reported as a fingerprint mismatch below
    }
    if (spkiFingerprint !== key.fingerprint) {
      failures.push(
        finding(
          'fingerprint_mismatch',
          `The public key's fingerprint is ${spkiFingerprint ?? 'unreadable'}, not ${key.fingerprint}`,
        ),
      );
    }
    if (input.trustedFingerprints?.length) {
      trust = input.trustedFingerprints.includes(key.fingerprint) ? 'trusted' : 'untrusted';
      if (trust === 'untrusted')
        failures.push(
          finding(
            'untrusted_key',
            `Signed by key ${key.fingerprint}, not by the expected ${input.trustedFingerprints.join(' or ')}`,
          ),
        );
    } else {
      notes.push('The signing key was not compared with a published fingerprint (give --fingerprint).');
    }
    report.publicKey = { algorithm: key.algorithm, fingerprint: key.fingerprint, trust };
    if (summary?.public_key_fingerprint && summary.public_key_fingerprint !== key.fingerprint) {
      failures.push(
        finding(
          'summary_mismatch',
          `The metadata names key ${summary.public_key_fingerprint}, the manifest ${key.fingerprint}`,
        ),
      );
    }
    if (summary?.sha256 && summary.sha256 !== manifestSha) {
      failures.push(
        finding(
          'summary_mismatch',
          `The metadata names manifest SHA-256 ${summary.sha256}, the file has ${manifestSha}`,
          file.artifact.id,
        ),
      );
    }
    if (manifest.atlos.source_material_id && manifest.atlos.source_material_id !== smId) {
      failures.push(
        finding(
          'wrong_source_material',
          `The manifest belongs to source material ${manifest.atlos.source_material_id}, not ${smId}`,
        ),
      );
    }
  }

  const listed = found ? checkFiles(found.manifest, files, found.file, failures) : { results: [], unlisted: files };
  report.files = listed.results;
  const manifestRow = report.files.find((f) => f.role === 'manifest');
  if (manifestRow && (report.signature === 'invalid' || !found?.canonical)) manifestRow.status = 'invalid';
  const stamped = await checkTimestamp({
    candidates: listed.unlisted,
    manifest: found?.manifest ?? null,
    manifestBytes: found?.file.bytes ?? null,
    tsaCerts: input.tsaCerts ?? [],
    checkSignature: input.checkTimestampSignature,
    expected: summary?.timestamped === true,
    failures,
    notes,
  });
  report.timestamp = stamped.result;
  const stampFile = files.find((f) => f.artifact.id === stamped.result.artifactId);
  if (stampFile) {
    report.files.push({
      role: 'timestamp',
      artifactId: stampFile.artifact.id,
      title: stampFile.artifact.title ?? '',
      kind: 'capture_timestamp',
      expectedSha256: stampFile.artifact.file_hash_sha256 ?? null,
      actualSha256: stampFile.sha256,
      status: stamped.result.status === 'failed' ? 'invalid' : 'verified',
    });
  }
  for (const file of stamped.rest) {
    // Without a manifest there is nothing to compare with: the missing manifest is the finding.
    if (found)
      failures.push(
        finding(
          'unexpected_file',
          `${file.artifact.title ?? file.artifact.id} (${file.artifact.id}) is on the source material but not in the manifest`,
          file.artifact.id,
        ),
      );
    report.files.push({
      role: 'unlisted',
      artifactId: file.artifact.id,
      title: file.artifact.title ?? '',
      kind: null,
      expectedSha256: null,
      actualSha256: file.sha256,
      status: 'unexpected',
    });
  }
  report.verdict = failures.length === 0 ? 'verified' : 'failed';
  return report;
}
