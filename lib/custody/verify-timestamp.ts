/** The timestamp checks: the `.tsr` beside the manifest covers its SHA-256 and chains to the TSA. */
import { sha256 } from './bytes.ts';
import { finding, type Finding } from './findings.ts';
import { TIMESTAMP_FILE_NAME, type SignedManifest } from './manifest.ts';
import type { TimestampSignatureChecker } from './timestamp-signature.ts';
import { imprintMatches, readTimestampReply, type TimestampToken } from './tsa-asn1.ts';
import type { Downloaded } from './verify-files.ts';

export interface TimestampResult {
  /** signature_only: no TSA certificate to chain to; imprint_only: no signature check was given. */
  status: 'absent' | 'verified' | 'signature_only' | 'imprint_only' | 'failed';
  artifactId?: string;
  /** The TSA's time (genTime), ISO-8601. */
  time?: string;
  serialNumber?: string;
}

/** The token's signature is bound to no certificate, or to another (RFC 3161 §2.4.1, ess-cert-id.ts). */
const SIGNING_CERT_FINDING = {
  signing_cert_missing: 'The timestamp token names no signing certificate (RFC 3161 requires the attribute)',
  signing_cert_mismatch:
    'The timestamp token’s signing-certificate attribute names another certificate than its signer’s',
} as const;

/** A token may be this far before the click (clock skew between the browser and the TSA). */
const ALLOWED_SKEW_MS = 5 * 60_000;

interface TimestampInput {
  /** Files on the source material the manifest does not list. */
  candidates: Downloaded[];
  manifest: SignedManifest | null;
  manifestBytes: Uint8Array | null;
  tsaCerts: Uint8Array[];
  checkSignature: TimestampSignatureChecker | undefined;
  /** The metadata says the capture was timestamped. */
  expected: boolean;
  failures: Finding[];
  notes: string[];
}

function tryRead(bytes: Uint8Array): TimestampToken | Error {
  try {
    return readTimestampReply(bytes);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

export async function checkTimestamp(input: TimestampInput): Promise<{ result: TimestampResult; rest: Downloaded[] }> {
  const { failures } = input;
  // The file named as ours, else any unlisted file that reads as a time-stamp reply.
  const named = input.candidates.find((f) => f.artifact.title === TIMESTAMP_FILE_NAME);
  const sniffed = named ? undefined : input.candidates.find((f) => f.bytes && !(tryRead(f.bytes) instanceof Error));
  const file = named ?? sniffed;
  const rest = input.candidates.filter((f) => f !== file);
  if (!file) {
    if (input.expected)
      failures.push(
        finding(
          'timestamp_missing',
          `The metadata says the manifest was timestamped, but no ${TIMESTAMP_FILE_NAME} is on the source material`,
        ),
      );
    return { result: { status: 'absent' }, rest };
  }
  const id = file.artifact.id;
  const fail = (code: Parameters<typeof finding>[0], message: string) => {
    failures.push(finding(code, message, id));
    return { result: { status: 'failed' as const, artifactId: id }, rest };
  };
  if (!file.bytes) return { result: { status: 'failed', artifactId: id }, rest };
  const token = tryRead(file.bytes);
  if (token instanceof Error)
    return fail('timestamp_unreadable', `${TIMESTAMP_FILE_NAME} (${id}) is not an RFC 3161 reply: ${token.message}`);
  if (!token.granted)
    return fail(
      'timestamp_not_granted',
      `The TSA did not grant the timestamp (status ${token.status} ${token.statusText})`,
    );
  const result: TimestampResult = {
    status: 'failed',
    artifactId: id,
    ...(token.genTime ? { time: token.genTime.toISOString() } : {}),
    ...(token.serialNumber ? { serialNumber: token.serialNumber } : {}),
  };
  if (!input.manifestBytes || !input.manifest) return { result, rest };
  if (!imprintMatches(token, await sha256(input.manifestBytes))) {
    failures.push(
      finding('timestamp_imprint_mismatch', `The timestamp covers another hash than the manifest's SHA-256`, id),
    );
    return { result, rest };
  }
  if (!input.checkSignature) {
    input.notes.push(
      'The timestamp covers this manifest; its signature was not checked here (npm run verify checks it).',
    );
    return { result: { ...result, status: 'imprint_only' }, rest };
  }
  const signature = await input.checkSignature(file.bytes, input.manifestBytes, input.tsaCerts);
  if (signature === 'signature_invalid') {
    failures.push(finding('timestamp_signature_invalid', 'The timestamp token’s signature does not verify', id));
    return { result, rest };
  }
  if (signature === 'signing_cert_missing' || signature === 'signing_cert_mismatch') {
    failures.push(finding(`timestamp_${signature}`, SIGNING_CERT_FINDING[signature], id));
    return { result, rest };
  }
  if (signature === 'untrusted' && input.tsaCerts.length > 0) {
    failures.push(
      finding(
        'timestamp_untrusted',
        'The timestamp was not signed by the given TSA certificate (or a certificate it issued)',
        id,
      ),
    );
    return { result, rest };
  }
  if (token.genTime && token.genTime.getTime() < Date.parse(input.manifest.clicked_at) - ALLOWED_SKEW_MS) {
    failures.push(
      finding(
        'timestamp_before_capture',
        `The timestamp (${token.genTime.toISOString()}) is before the capture (${input.manifest.clicked_at})`,
        id,
      ),
    );
    return { result, rest };
  }
  if (signature === 'untrusted')
    input.notes.push(
      'The timestamp signature verifies, but was not checked against a TSA certificate (give --tsa-cert).',
    );
  return { result: { ...result, status: signature === 'verified' ? 'verified' : 'signature_only' }, rest };
}
