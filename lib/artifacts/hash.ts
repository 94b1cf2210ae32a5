/**
 * Lowercase hex SHA-256 of exactly these bytes (what Atlos compares with `file_hash_sha256`).
 * Incremental (`@noble/hashes`, pure JS, ~5 kB of the background bundle): WebCrypto's digest
 * only takes one whole buffer, which for a 200 MB video would mean a full extra copy in the
 * worker's heap. Blobs are hashed by streaming them in chunks.
 */
import { sha256 } from '@noble/hashes/sha2.js';

export interface IncrementalSha256 {
  update(chunk: Uint8Array): void;
  /** Hex digest; the hasher cannot be updated afterwards. */
  hex(): string;
}

export function createSha256(): IncrementalSha256 {
  const hasher = sha256.create();
  return {
    update: (chunk) => void hasher.update(chunk),
    hex: () => toHex(hasher.digest()),
  };
}

export async function sha256Hex(data: Blob | ArrayBuffer | Uint8Array): Promise<string> {
  if (!(data instanceof Blob)) {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
    return toHex(new Uint8Array(digest));
  }
  // Small blobs (screenshots): one read and WebCrypto is faster than JS hashing.
  if (data.size <= 8 * 1024 * 1024) return sha256Hex(await data.arrayBuffer());
  const hasher = createSha256();
  const reader = data.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hasher.update(value);
  }
  return hasher.hex();
}

function toHex(digest: Uint8Array): string {
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
