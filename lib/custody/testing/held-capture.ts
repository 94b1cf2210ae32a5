/** A sealed capture held in memory like Atlos would hold it, for the verifier's tests. */
import { buildManifest } from '../build.ts';
import { sha256, sha256Hex } from '../bytes.ts';
import { MANIFEST_FILE_NAME, TIMESTAMP_FILE_NAME } from '../manifest.ts';
import { sealManifest } from '../seal.ts';
import { generateSigningKey, type SigningKey } from '../signing.ts';
import { sampleManifestInput } from './fixtures.ts';
import { checkTimestampSignature } from '../timestamp-signature.ts';
import { buildTimestampRequest } from '../tsa-asn1.ts';
import type { RemoteArtifact, VerifyInput } from '../verify.ts';

export interface HeldCapture {
  key: SigningKey;
  artifacts: RemoteArtifact[];
  bytes: Map<string, Uint8Array>;
  metadata: Record<string, unknown>;
  input(extra?: Partial<VerifyInput>): VerifyInput;
}

/** `stamp` posts a timestamp query and returns the reply's bytes (the TSA stand-in). */
export async function heldCapture(
  options: { stamp?: (query: Uint8Array) => Promise<Uint8Array>; key?: SigningKey } = {},
): Promise<HeldCapture> {
  const key = options.key ?? (await generateSigningKey());
  const files = [
    { id: 'a1', kind: 'viewport_screenshot', data: new TextEncoder().encode('viewport png bytes') },
    { id: 'a2', kind: 'page_archive', data: new TextEncoder().encode('<html>archive</html>') },
  ];
  const bytes = new Map<string, Uint8Array>();
  const artifacts: RemoteArtifact[] = [];
  const listed = [];
  for (const file of files) {
    const hash = await sha256Hex(file.data);
    bytes.set(file.id, file.data);
    artifacts.push({ id: file.id, title: `File ${file.id}`, file_hash_sha256: hash, file_size: file.data.length });
    listed.push({ kind: file.kind, sha256: hash, size: file.data.length, id: file.id });
  }
  const sealed = await sealManifest(buildManifest(sampleManifestInput(listed), key), key);
  bytes.set('m', sealed.bytes);
  artifacts.push({
    id: 'm',
    title: MANIFEST_FILE_NAME,
    file_hash_sha256: sealed.sha256,
    file_size: sealed.bytes.length,
  });
  if (options.stamp) {
    const reply = await options.stamp(buildTimestampRequest(await sha256(sealed.bytes)).der);
    bytes.set('t', reply);
    artifacts.push({
      id: 't',
      title: TIMESTAMP_FILE_NAME,
      file_hash_sha256: await sha256Hex(reply),
      file_size: reply.length,
    });
  }
  const metadata = {
    atlos_browser_capture: {
      manifest: { sha256: sealed.sha256, public_key_fingerprint: key.fingerprint, timestamped: !!options.stamp },
    },
  };
  const held: HeldCapture = {
    key,
    artifacts,
    bytes,
    metadata,
    input: (extra = {}) => ({
      sourceMaterial: { id: 'sm-1', artifacts: held.artifacts, metadata: held.metadata },
      download: async (artifact) => {
        const data = held.bytes.get(artifact.id);
        if (!data) throw new Error('404');
        return data;
      },
      checkTimestampSignature,
      ...extra,
    }),
  };
  return held;
}

/** Flips one bit of byte `at` (negative: from the end) of a held file, as storage corruption or tampering would. */
export function flipByte(held: HeldCapture, id: string, at: number): void {
  const data = held.bytes.get(id)!.slice();
  const index = at < 0 ? data.length + at : at;
  data[index] = data[index]! ^ 0x01;
  held.bytes.set(id, data);
}
