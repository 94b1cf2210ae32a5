/** What "exactly once, complete" means for one capture in the fake Atlos. */
import { expect } from 'vitest';
import type { CaptureMetadata } from '@/lib/metadata/schema';
import type { SourceMaterial } from '../client-port';
import type { CaptureJob } from '../job';

export function expectCapturedOnce(sourceMaterials: SourceMaterial[], job: CaptureJob, namespace = 'browser_capture') {
  const mine = sourceMaterials.filter((s) => s.id === job.sourceMaterialId || s.id === job.archivedSourceMaterialId);
  const sameUrl = sourceMaterials.filter(
    (s) => s.incident_id === job.incidentId && s.source_url === job.request.target.url,
  );
  const browser = mine.find((s) => s.upload_type === 'user_provided')!;
  expect(browser, 'user_provided source material').toBeDefined();
  if (job.request.options.archive) {
    const archived = mine.find((s) => s.upload_type === 'direct')!;
    expect(archived, 'direct source material').toBeDefined();
    // Nothing of ours on the archived one: Atlos rewrites it when archiving ends (docs/atlos-api-behaviour.md §10).
    expect(archived.artifacts.filter((a) => a.type === 'upload')).toEqual([]);
    expect(archived.metadata[namespace]).toBeUndefined();
  }
  const hashes = browser.artifacts.map((a) => a.file_hash_sha256).sort();
  expect(hashes).toEqual(job.artifacts.map((a) => a.sha256).sort());
  const metadata = browser.metadata[namespace] as CaptureMetadata;
  expect(metadata.schema).toBe('atlos-browser-capture/1');
  expect(metadata.artifacts.every((a) => a.server_verified)).toBe(true);
  expect(metadata.archive).toEqual({
    requested: job.request.options.archive,
    source_material_id: job.request.options.archive ? job.archivedSourceMaterialId : null,
  });
  return { sameUrl };
}
