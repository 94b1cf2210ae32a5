// POST /source_material/upload/:id: multipart `file` part, server-side SHA-256, mime from extension (docs/atlos-api-behaviour.md §6).
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Artifact } from '../model.ts';
import { extensionOf, mimeFromExtension } from '../files.ts';
import { crash, denied, type RouteContext, type ApiResponse, success } from '../http.ts';
import { versionJson } from '../json.ts';
import { UploadedFile } from '../multipart.ts';
import { canEditMedia, findVersion } from './common.ts';

export async function uploadFile(ctx: RouteContext): Promise<ApiResponse> {
  const { app, token, params } = ctx;
  const version = findVersion(app, params.id);
  if (!version || !canEditMedia(app, token, app.store.incidentOfVersion(version))) {
    return denied('media version not found or unauthorized');
  }
  const file = params.file;
  if (!(file instanceof UploadedFile)) return denied('valid file not provided');
  const ext = extensionOf(file.filename);
  const artifactId = crypto.randomUUID();
  const storedName = `original-${file.path.slice(-8)}${ext}`;
  const path = join(app.files.dir, `${artifactId}-${storedName}`);
  try {
    await rename(file.path, path);
  } catch {
    crash('upload storage failure');
  }
  const mime = mimeFromExtension(ext);
  const artifact: Artifact = {
    id: artifactId,
    file_hash_sha256: file.sha256,
    file_size: file.size,
    mime_type: mime,
    perceptual_hashes: null,
    type: 'upload',
    title: typeof params.title === 'string' && params.title !== '' ? params.title : null,
    file_location: storedName,
    uploading_token_id: token.id,
  };
  app.store.files.set(artifactId, { path, mime });
  // Re-read without a lock (§6.2 step 5): append to whatever the version holds right now.
  const current = app.store.versions.get(version.id);
  if (!current) crash('version vanished (reset)');
  current.artifacts = [...current.artifacts, artifact];
  current.updated_at = app.clock.now();
  app.scheduleAutoMetadata(app.store.incidentOfVersion(current));
  return success(versionJson(current, app.baseUrl));
}
