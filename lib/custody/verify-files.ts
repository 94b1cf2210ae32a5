/** The file checks: each file the manifest lists is on the source material with the same bytes. */
import type { Finding } from './findings.ts';
import { finding } from './findings.ts';
import type { SignedManifest } from './manifest.ts';

/** An artifact as the Atlos API lists it (lib/atlos/schemas.ts). */
export interface RemoteArtifact {
  id: string;
  title?: string | null;
  file_hash_sha256?: string | null;
  file_size?: number | null;
  mime_type?: string | null;
  access_url?: string | null;
}

export interface Downloaded {
  artifact: RemoteArtifact;
  /** null when the download failed */
  bytes: Uint8Array | null;
  sha256: string | null;
}

export type FileStatus =
  | 'verified'
  | 'missing'
  | 'hash_mismatch'
  | 'size_mismatch'
  | 'server_hash_mismatch'
  | 'download_failed'
  | 'unexpected'
  | 'invalid';

export interface FileResult {
  role: 'manifest' | 'artifact' | 'timestamp' | 'unlisted';
  artifactId: string | null;
  title: string;
  kind: string | null;
  expectedSha256: string | null;
  actualSha256: string | null;
  status: FileStatus;
}

export function checkFiles(
  manifest: SignedManifest,
  files: Downloaded[],
  manifestFile: Downloaded,
  failures: Finding[],
): { results: FileResult[]; unlisted: Downloaded[] } {
  const used = new Set<string>([manifestFile.artifact.id]);
  const results: FileResult[] = [
    {
      role: 'manifest',
      artifactId: manifestFile.artifact.id,
      title: manifestFile.artifact.title ?? '',
      kind: 'capture_manifest',
      expectedSha256: manifestFile.artifact.file_hash_sha256 ?? null,
      actualSha256: manifestFile.sha256,
      status: 'verified',
    },
  ];
  if (manifestFile.artifact.file_hash_sha256 && manifestFile.artifact.file_hash_sha256 !== manifestFile.sha256) {
    results[0]!.status = 'server_hash_mismatch';
    failures.push(
      finding(
        'server_hash_mismatch',
        `Atlos records SHA-256 ${manifestFile.artifact.file_hash_sha256} for the manifest, its bytes have ${manifestFile.sha256}`,
        manifestFile.artifact.id,
      ),
    );
  }
  for (const listed of manifest.artifacts) {
    const byId = listed.atlos_artifact_id ? files.find((f) => f.artifact.id === listed.atlos_artifact_id) : undefined;
    const file =
      byId ??
      files.find(
        (f) =>
          !used.has(f.artifact.id) && (f.sha256 === listed.sha256 || f.artifact.file_hash_sha256 === listed.sha256),
      );
    const row: FileResult = {
      role: 'artifact',
      artifactId: file?.artifact.id ?? listed.atlos_artifact_id,
      title: listed.title,
      kind: listed.kind,
      expectedSha256: listed.sha256,
      actualSha256: file?.sha256 ?? null,
      status: 'verified',
    };
    results.push(row);
    if (!file) {
      row.status = 'missing';
      failures.push(
        finding(
          'file_missing',
          `${listed.title} (${listed.file_name}, ${listed.atlos_artifact_id ?? listed.sha256}) is not on the source material`,
        ),
      );
      continue;
    }
    used.add(file.artifact.id);
    const id = file.artifact.id;
    if (!file.bytes) {
      row.status = 'download_failed';
    } else if (file.sha256 !== listed.sha256) {
      row.status = 'hash_mismatch';
      failures.push(
        finding(
          'file_hash_mismatch',
          `${listed.title} (${id}): SHA-256 of the bytes in Atlos is ${file.sha256}, the manifest says ${listed.sha256}`,
          id,
        ),
      );
    } else if (file.bytes.length !== listed.size) {
      row.status = 'size_mismatch';
      failures.push(
        finding(
          'file_size_mismatch',
          `${listed.title} (${id}) has ${file.bytes.length} bytes, the manifest says ${listed.size}`,
          id,
        ),
      );
    } else if (file.artifact.file_hash_sha256 && file.artifact.file_hash_sha256 !== listed.sha256) {
      row.status = 'server_hash_mismatch';
      failures.push(
        finding(
          'server_hash_mismatch',
          `${listed.title} (${id}): Atlos records SHA-256 ${file.artifact.file_hash_sha256}, the bytes have ${file.sha256}`,
          id,
        ),
      );
    }
  }
  return { results, unlisted: files.filter((f) => !used.has(f.artifact.id)) };
}
