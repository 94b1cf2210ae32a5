/**
 * Bytes held in the page's isolated world until the background reads them in base64 chunks:
 * `executeScript` results must be JSON-serialisable, and one huge string per call is fragile.
 * Every injected script bundles this module, so the store lives on `globalThis` to be shared.
 */
type PayloadStore = Map<string, Uint8Array>;

function store(): PayloadStore {
  const scope = globalThis as { __atlosPayloads?: PayloadStore };
  scope.__atlosPayloads ??= new Map();
  return scope.__atlosPayloads;
}

export function holdPayload(bytes: Uint8Array): { id: string; size: number } {
  const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  store().set(id, bytes);
  return { id, size: bytes.byteLength };
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
