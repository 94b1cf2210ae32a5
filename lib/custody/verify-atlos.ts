/**
 * Finds the captures to verify in Atlos and runs the verifier on each: one source material by id,
 * or every source material of an incident that carries a capture manifest. Downloads go to each
 * artifact's `access_url` (a signed URL, fetched without the token).
 */
import type { AtlosClient, SourceMaterial } from '../atlos/client.ts';
import { MANIFEST_FILE_NAME } from './manifest.ts';
import { verifyCapture, type RemoteArtifact, type VerifyInput, type VerifyReport } from './verify.ts';

export type VerifyClient = Pick<AtlosClient, 'getSourceMaterial' | 'listIncidents' | 'iterateSourceMaterial'>;

export interface VerifyOptions extends Pick<
  VerifyInput,
  'trustedFingerprints' | 'tsaCerts' | 'checkTimestampSignature'
> {
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

export function downloader(fetchImpl: typeof fetch, signal?: AbortSignal) {
  return async (artifact: RemoteArtifact): Promise<Uint8Array> => {
    if (!artifact.access_url) throw new Error('Atlos gave no access_url');
    const response = await fetchImpl(artifact.access_url, { credentials: 'omit', ...(signal ? { signal } : {}) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
}

export function carriesManifest(sourceMaterial: SourceMaterial): boolean {
  return (
    sourceMaterial.artifacts.some((a) => a.title === MANIFEST_FILE_NAME) ||
    Object.values(sourceMaterial.metadata).some((ns) => !!(ns as { manifest?: unknown } | null)?.manifest)
  );
}

export async function verifySourceMaterial(
  sourceMaterial: SourceMaterial,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  return verifyCapture({
    sourceMaterial,
    download: downloader(options.fetch ?? globalThis.fetch.bind(globalThis), options.signal),
    ...(options.trustedFingerprints ? { trustedFingerprints: options.trustedFingerprints } : {}),
    ...(options.tsaCerts ? { tsaCerts: options.tsaCerts } : {}),
    ...(options.checkTimestampSignature ? { checkTimestampSignature: options.checkTimestampSignature } : {}),
  });
}

/** Source materials of the incident (by slug) that hold a capture manifest, oldest first. */
export async function capturesOfIncident(
  client: VerifyClient,
  slug: string,
  signal?: AbortSignal,
): Promise<SourceMaterial[]> {
  const wanted = slug.toUpperCase();
  const opts = signal ? { signal } : {};
  const incident = (await client.listIncidents({ query: slug }, opts)).results.find(
    (i) => i.slug.toUpperCase() === wanted,
  );
  if (!incident) throw new Error(`Incident ${slug} not found (or not visible to this token)`);
  const found: SourceMaterial[] = [];
  for await (const sourceMaterial of client.iterateSourceMaterial(opts)) {
    if (sourceMaterial.incident_id === incident.id && carriesManifest(sourceMaterial)) found.push(sourceMaterial);
  }
  return found.reverse();
}
