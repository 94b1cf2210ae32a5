/** One artifact: the bytes, hashed once here, with their title and file name. */
import { sha256Hex } from './hash';
import type { ArtifactKind, CollectedArtifact } from '../domain/collected-capture';

export async function makeArtifact(
  kind: ArtifactKind,
  name: { title: string; fileName: string },
  blob: Blob,
  extra: Pick<CollectedArtifact, 'part' | 'note' | 'method'> & { sha256?: string; finalUrl?: string } = {},
): Promise<CollectedArtifact> {
  return {
    kind,
    title: name.title,
    fileName: name.fileName,
    mimeType: blob.type || 'application/octet-stream',
    size: blob.size,
    // Media is hashed while it streams in (read-stream.ts); everything else here.
    sha256: extra.sha256 ?? (await sha256Hex(blob)),
    blob,
    ...(extra.part ? { part: extra.part } : {}),
    ...(extra.note ? { note: extra.note } : {}),
    ...(extra.finalUrl ? { final_url: extra.finalUrl } : {}),
    ...(extra.method ? { method: extra.method } : {}),
  };
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
