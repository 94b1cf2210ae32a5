/**
 * Every capture also uploads its signed manifest (and, with timestamps on, the RFC 3161 token)
 * beside the files its metadata lists (docs/custody.md); tests that compare the two leave them out.
 */
const CUSTODY_TITLES = new Set(['capture-manifest.json', 'capture-manifest.tsr']);

export function withoutCustodyFiles<T extends { title?: string | null }>(artifacts: T[]): T[] {
  return artifacts.filter((a) => !CUSTODY_TITLES.has(a.title ?? ''));
}

interface HeldArtifact {
  title?: string | null;
  access_url?: string | null;
}

/** The signed capture manifest among a source material's files, downloaded as the verifier does. */
export async function downloadManifest(artifacts: HeldArtifact[]): Promise<ManifestForTests> {
  const file = artifacts.find((a) => a.title === 'capture-manifest.json');
  if (!file?.access_url) throw new Error('no capture-manifest.json on the source material');
  const response = await fetch(file.access_url);
  if (!response.ok) throw new Error(`capture-manifest.json: HTTP ${response.status}`);
  return (await response.json()) as ManifestForTests;
}

/** The access URL of the RFC 3161 token among a source material's files. */
export function timestampUrl(artifacts: HeldArtifact[]): string {
  const url = artifacts.find((a) => a.title === 'capture-manifest.tsr')?.access_url;
  if (!url) throw new Error('no capture-manifest.tsr on the source material');
  return url;
}

/** The manifest fields the end-to-end tests read (lib/custody/manifest.ts has the schema). */
export interface ManifestForTests {
  clicked_at: string;
  collected_at: string;
  environment: { device_pixel_ratio: number; zoom: number | null; viewport: { width: number; height: number } };
  artifacts: Array<{
    kind: string;
    media_type: string;
    method: { name: string; tiles?: number; scale?: number; rect?: Record<string, number>; part?: unknown };
    made_at: string | null;
    final_url: string | null;
  }>;
}
