/**
 * The check that a browser capture with archiving on ended in Atlos exactly once, shared by the
 * Chromium and Firefox end-to-end tests: one direct (archived) and one user_provided version of the
 * URL on the incident, the user_provided one holding exactly the files its metadata lists, and the
 * comment posted once. Returns both versions and the metadata for the caller's own checks.
 */
import { expect } from '@playwright/test';
import type { Standin, StateSourceMaterial } from '../standin/server.ts';
import { withoutCustodyFiles } from './custody-files.ts';

export function expectCapturedOnce(standin: Pick<Standin, 'control'>, slug: string, url: string, comment: string) {
  const state = standin.control.state();
  const incident = state.incidents.find((i) => i.slug === slug)!;
  const versions = state.sourceMaterial.filter((s) => s.incident_id === incident.id && s.source_url === url);
  expect(versions.map((v) => v.upload_type).sort()).toEqual(['direct', 'user_provided']);
  const archived = versions.find((v) => v.upload_type === 'direct') as StateSourceMaterial;
  const mine = versions.find((v) => v.upload_type === 'user_provided') as StateSourceMaterial;
  const metadata = mine.metadata.browser_capture as Record<string, any>;
  const held = withoutCustodyFiles(mine.artifacts)
    .map((a) => a.file_hash_sha256)
    .sort();
  expect(held).toEqual(metadata.artifacts.map((a: { sha256: string }) => a.sha256).sort());
  expect(state.updates.filter((u) => u.type === 'comment' && u.explanation === comment)).toHaveLength(1);
  return { archived, mine, metadata };
}
