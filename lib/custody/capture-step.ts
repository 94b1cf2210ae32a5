/**
 * The custody step of a capture job, in two phases run by the engine's `manifest` step:
 * 1. once every file is in Atlos: build and sign the manifest, hand it back as a file to upload;
 * 2. once the manifest is in Atlos, if trusted timestamps are on: time-stamp its SHA-256 and hand
 *    back the `.tsr` to upload. A TSA that does not answer is retried like any step (by throwing),
 *    and after MAX_TIMESTAMP_ATTEMPTS the capture goes on without it, with the reason recorded.
 * Takes a plain view of the job (no engine types) and returns what changes.
 */
import { buildManifest, type ManifestArtifactInput, type ManifestInput } from './build.ts';
import { fromHex, sha256, toBase64, toHex } from './bytes.ts';
import { MANIFEST_FILE_NAME, MANIFEST_MEDIA_TYPE, TIMESTAMP_FILE_NAME, TIMESTAMP_MEDIA_TYPE } from './manifest.ts';
import { sealManifest } from './seal.ts';
import type { SigningKey } from './signing.ts';
import { requestTimestamp } from './tsa-client.ts';

export const MAX_TIMESTAMP_ATTEMPTS = 4;
export type CustodyArtifactKind = 'capture_manifest' | 'capture_timestamp';
export const CUSTODY_KINDS: ReadonlySet<string> = new Set<CustodyArtifactKind>([
  'capture_manifest',
  'capture_timestamp',
]);

export interface CustodyState {
  done: boolean;
  manifest?: { sha256: string; fingerprint: string };
  timestamp?: 'pending' | 'done' | 'gave_up' | 'off';
  /** Why the timestamp is missing, once it gave up. */
  problem?: string;
}

/** A file the custody step made; its bytes ride in the job record (a few kB), base64. */
export interface CustodyFile {
  kind: CustodyArtifactKind;
  title: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  inline: string;
}

export interface CustodyDeps {
  signingKey(): Promise<SigningKey>;
  /** The TSA URL when trusted timestamps are on, else null. */
  timestampUrl(): Promise<string | null>;
  fetch: typeof fetch;
}

export interface CustodyJobView extends Omit<ManifestInput, 'artifacts'> {
  artifacts: Array<ManifestArtifactInput & { kind: string }>;
  state: CustodyState | undefined;
  /** Failed attempts of this step so far. */
  attempts: number;
  signal?: AbortSignal;
  /** The sentence kept (and shown) when the timestamp is given up. */
  describeFailure(error: unknown): string;
}

export interface CustodyAdvance {
  state: CustodyState;
  append?: CustodyFile;
}

async function fileOf(
  kind: CustodyArtifactKind,
  name: string,
  mimeType: string,
  bytes: Uint8Array,
): Promise<CustodyFile> {
  return {
    kind,
    title: name,
    fileName: name,
    mimeType,
    size: bytes.length,
    sha256: toHex(await sha256(bytes)),
    inline: toBase64(bytes),
  };
}

export async function advanceCustody(view: CustodyJobView, deps: CustodyDeps | undefined): Promise<CustodyAdvance> {
  if (!deps) return { state: { done: true, timestamp: 'off' } };
  const state = view.state;
  if (!state?.manifest) {
    const key = await deps.signingKey();
    const originals = view.artifacts.filter((a) => !CUSTODY_KINDS.has(a.kind));
    const sealed = await sealManifest(buildManifest({ ...view, artifacts: originals }, key), key);
    const stamping = (await deps.timestampUrl()) !== null;
    return {
      state: {
        done: !stamping,
        manifest: { sha256: sealed.sha256, fingerprint: sealed.fingerprint },
        timestamp: stamping ? 'pending' : 'off',
      },
      append: await fileOf('capture_manifest', MANIFEST_FILE_NAME, MANIFEST_MEDIA_TYPE, sealed.bytes),
    };
  }
  const url = await deps.timestampUrl();
  if (!url) return { state: { ...state, done: true, timestamp: 'off' } };
  try {
    const reply = await requestTimestamp(url, fromHex(state.manifest.sha256), deps.fetch, view.signal);
    return {
      state: { ...state, done: true, timestamp: 'done' },
      append: await fileOf('capture_timestamp', TIMESTAMP_FILE_NAME, TIMESTAMP_MEDIA_TYPE, reply),
    };
  } catch (error) {
    if (view.signal?.aborted || view.attempts + 1 < MAX_TIMESTAMP_ATTEMPTS) throw error;
    const problem = view.describeFailure(error);
    return { state: { ...state, done: true, timestamp: 'gave_up', problem } };
  }
}

/** The `manifest` summary written into the capture metadata. */
export function custodySummary(
  state: CustodyState | undefined,
): { sha256: string; public_key_fingerprint: string; timestamped: boolean } | undefined {
  if (!state?.manifest) return undefined;
  return {
    sha256: state.manifest.sha256,
    public_key_fingerprint: state.manifest.fingerprint,
    timestamped: state.timestamp === 'done',
  };
}
