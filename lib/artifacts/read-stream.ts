/**
 * Reads a byte stream into a Blob while hashing it, holding at most the chunks in flight: the
 * chunks become one Blob (`new Blob(chunks)` hands them to the browser's blob storage) and are
 * dropped, so a large video is never held twice in the worker's heap and never re-read to hash.
 */
import { createSha256 } from './hash';

export type HashedBytes = { blob: Blob; size: number; sha256: string };

/**
 * Every this many bytes the pending chunks become a Blob piece and are dropped, so the heap
 * (and the process, while the browser takes the bytes over) holds one piece, not the file.
 */
const PIECE_BYTES = 8 * 1024 * 1024;

/** Collects chunks and their hash as they arrive. */
export function createHashedCollector() {
  const hasher = createSha256();
  const pieces: Blob[] = [];
  let chunks: Uint8Array[] = [];
  let pendingBytes = 0;
  let size = 0;
  const flush = () => {
    if (chunks.length) pieces.push(new Blob(chunks as BlobPart[]));
    chunks = [];
    pendingBytes = 0;
  };
  return {
    get size() {
      return size;
    },
    add(chunk: Uint8Array) {
      hasher.update(chunk);
      chunks.push(chunk);
      size += chunk.byteLength;
      pendingBytes += chunk.byteLength;
      if (pendingBytes >= PIECE_BYTES) flush();
    },
    finish(type = ''): HashedBytes {
      flush();
      // A Blob of Blobs references the pieces' bytes; nothing is copied again.
      return { blob: new Blob(pieces, { type }), size, sha256: hasher.hex() };
    },
  };
}

/** The response body, or 'too_large' as soon as it (declared or read) passes `maxBytes`. */
export async function readResponseHashed(response: Response, maxBytes: number): Promise<HashedBytes | 'too_large'> {
  const declared = Number(response.headers.get('content-length'));
  if (response.headers.has('content-length') && Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    return 'too_large';
  }
  const collector = createHashedCollector();
  if (!response.body) {
    collector.add(new Uint8Array(await response.arrayBuffer()));
    return collector.size > maxBytes ? 'too_large' : collector.finish();
  }
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (collector.size + value.byteLength > maxBytes) {
      await reader.cancel().catch(() => {});
      return 'too_large';
    }
    collector.add(value);
  }
  return collector.finish();
}
