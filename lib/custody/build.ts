/**
 * Builds the manifest from what the capture job recorded. Takes plain values (no job type) so the
 * capture engine, the tests and the benchmark all feed it the same way.
 */
import type { ArtifactMethod } from '../domain/collected-capture.ts';
import type { CaptureManifest, ManifestArtifact } from './manifest.ts';
import { MANIFEST_SCHEMA } from './manifest.ts';
import type { PublicKeyInfo } from './signing.ts';

export interface ManifestArtifactInput {
  kind: string;
  title: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  part?: { index: number; count: number };
  note?: string;
  /** Recorded by the collector (lib/artifacts); jobs stored before it was get methodOf's guess. */
  method?: ArtifactMethod;
  madeAt?: string;
  /** Original media: the URL its bytes came from (the job's field name). */
  final_url?: string;
  atlosArtifactId?: string;
}

export interface ManifestInput {
  captureId: string;
  clickedAt: string;
  collectedAt: string;
  target: { kind: string; url: string; page_url: string };
  page: { url: string; title: string | null };
  tool: { name: string; version: string; browser: string; user_agent: string };
  viewport: { width: number; height: number; device_pixel_ratio: number };
  zoom?: number | null;
  artifacts: ManifestArtifactInput[];
  problems: Array<{ artifact: string; message: string }>;
  atlos: {
    instance?: string | undefined;
    projectId?: string | undefined;
    incidentSlug?: string | undefined;
    incidentId?: string | undefined;
    sourceMaterialId?: string | undefined;
    archivedSourceMaterialId?: string | undefined;
  };
}

/** How a file was made: as the collector recorded it, else guessed from the kind. */
export function methodOf(artifact: ManifestArtifactInput): ManifestArtifact['method'] {
  if (artifact.method) return { ...artifact.method };
  const part = artifact.part ? { part: artifact.part } : {};
  switch (artifact.kind) {
    case 'viewport_screenshot':
      return { name: 'visible_tab_capture' };
    case 'full_page_screenshot':
      return { name: 'stitched_tiles', ...part };
    case 'page_archive':
      return { name: artifact.mimeType === 'multipart/related' ? 'mhtml' : 'dom_snapshot' };
    case 'original_media':
      // An element screenshot stands in for media whose bytes could not be fetched (note says why).
      return artifact.note ? { name: 'visible_tab_capture', note: artifact.note } : { name: 'media_fetch' };
    default:
      return { name: artifact.kind };
  }
}

export function buildManifest(input: ManifestInput, key: PublicKeyInfo): CaptureManifest {
  const { atlos } = input;
  return {
    schema: MANIFEST_SCHEMA,
    capture_id: input.captureId,
    clicked_at: input.clickedAt,
    collected_at: input.collectedAt,
    target: { kind: input.target.kind, url: input.target.url, page_url: input.target.page_url },
    page: { url: input.page.url, title: input.page.title },
    artifacts: input.artifacts.map((artifact) => ({
      kind: artifact.kind,
      title: artifact.title,
      file_name: artifact.fileName,
      size: artifact.size,
      media_type: artifact.mimeType,
      sha256: artifact.sha256,
      method: methodOf(artifact),
      made_at: artifact.madeAt ?? null,
      final_url: artifact.final_url ?? null,
      atlos_artifact_id: artifact.atlosArtifactId ?? null,
    })),
    environment: {
      tool: input.tool.name,
      extension_version: input.tool.version,
      browser: input.tool.browser,
      user_agent: input.tool.user_agent,
      viewport: { width: input.viewport.width, height: input.viewport.height },
      device_pixel_ratio: input.viewport.device_pixel_ratio,
      zoom: input.zoom ?? null,
    },
    problems: input.problems.map((p) => ({ artifact: p.artifact, message: p.message })),
    atlos: {
      instance: atlos.instance ?? null,
      project_id: atlos.projectId ?? null,
      incident_slug: atlos.incidentSlug ?? null,
      incident_id: atlos.incidentId ?? null,
      source_material_id: atlos.sourceMaterialId ?? null,
      archived_source_material_id: atlos.archivedSourceMaterialId ?? null,
    },
    public_key: { algorithm: key.algorithm, spki: key.spki, fingerprint: key.fingerprint },
  };
}
