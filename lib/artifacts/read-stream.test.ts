import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readResponseHashed } from './read-stream';

function bytesOf(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + 7) & 0xff;
  return bytes;
}

function streamedResponse(bytes: Uint8Array, chunk: number, headers: Record<string, string> = {}): Response {
  let offset = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunk));
      offset += chunk;
    },
  });
  return new Response(body, { headers });
}

describe('readResponseHashed', () => {
  it('returns the exact bytes and their SHA-256 across many chunks and pieces', async () => {
    const bytes = bytesOf(9 * 1024 * 1024 + 123); // more than one 8 MB piece
    const result = await readResponseHashed(streamedResponse(bytes, 300_001), 20 * 1024 * 1024);
    if (result === 'too_large') throw new Error('unexpected');
    expect(result.size).toBe(bytes.length);
    expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const back = new Uint8Array(await result.blob.arrayBuffer());
    expect(back.length).toBe(bytes.length);
    expect(createHash('sha256').update(back).digest('hex')).toBe(result.sha256);
  });

  it('stops at the limit, declared or read', async () => {
    const bytes = bytesOf(5000);
    expect(await readResponseHashed(streamedResponse(bytes, 1000), 4999)).toBe('too_large');
    expect(await readResponseHashed(streamedResponse(bytes, 1000, { 'content-length': '5000' }), 100)).toBe(
      'too_large',
    );
    const exact = await readResponseHashed(streamedResponse(bytes, 1000), 5000);
    expect(exact === 'too_large' ? -1 : exact.size).toBe(5000);
  });
});
