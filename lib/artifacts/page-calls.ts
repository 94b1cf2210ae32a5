/**
 * Talking to the injected scripts. A file (an unlisted WXT script) installs a small API on the
 * extension's isolated-world `globalThis`; later `func` injections call it with arguments.
 * Both run in the same isolated world of the frame, so state (e.g. what to restore) persists.
 */
import { limitsOf, type CollectDeps, type InjectionResult } from './deps';
import { createHashedCollector, type HashedBytes } from './read-stream';
import type { StitchImage } from './stitch';
import { withTimeLimit } from './time-limit';

type Deps = Pick<CollectDeps<StitchImage>, 'scripting' | 'limits'>;

function firstResult<T>(results: InjectionResult[]): T {
  const [first] = results;
  if (!first) throw new Error('The page did not run the capture script.');
  if (first.error) throw first.error instanceof Error ? first.error : new Error(String(first.error));
  return first.result as T;
}

export async function injectFile(deps: Deps, tabId: number, frameId: number, file: string): Promise<unknown> {
  const injection = { target: { tabId, frameIds: [frameId] }, injectImmediately: true, files: [file] };
  return firstResult(await withTimeLimit(deps.scripting.executeScript(injection), limitsOf(deps).pageCallMs));
}

/** Like `callInPage`, with its own time limit (e.g. the lazy-load pass, which takes longer). */
export async function callInPageWithin<T, A extends unknown[]>(
  deps: Deps,
  limitMs: number,
  tabId: number,
  frameId: number,
  func: (...args: A) => T | Promise<T>,
  ...args: A
): Promise<T> {
  const injection = {
    target: { tabId, frameIds: [frameId] },
    injectImmediately: true,
    func: func as unknown as (...args: never[]) => unknown,
    args,
  };
  return firstResult<T>(await withTimeLimit(deps.scripting.executeScript(injection), limitMs));
}

export async function callInPage<T, A extends unknown[]>(
  deps: Deps,
  tabId: number,
  frameId: number,
  func: (...args: A) => T | Promise<T>,
  ...args: A
): Promise<T> {
  return callInPageWithin(deps, limitsOf(deps).pageCallMs, tabId, frameId, func, ...args);
}

/**
 * Reads bytes the page holds (payloads.ts) in base64 chunks, then lets the page drop them.
 * The chunks go straight into a hashed collector (one Blob at the end, hashed on the way), so
 * the worker never holds a second full-size copy.
 */
export async function readPagePayload(
  deps: Deps,
  tabId: number,
  frameId: number,
  id: string,
  size: number,
  type = '',
): Promise<HashedBytes> {
  const CHUNK = 4 * 1024 * 1024;
  const collector = createHashedCollector();
  try {
    for (let offset = 0; offset < size; offset += CHUNK) {
      const base64 = await callInPage(
        deps,
        tabId,
        frameId,
        (payloadId: string, start: number, length: number) => {
          const store = (globalThis as unknown as { __atlosPayloads?: Map<string, Uint8Array> }).__atlosPayloads;
          const slice = store?.get(payloadId)?.subarray(start, start + length);
          if (!slice) throw new Error('The page no longer holds the captured bytes.');
          let binary = '';
          for (let i = 0; i < slice.length; i += 0x8000)
            binary += String.fromCharCode(...slice.subarray(i, i + 0x8000));
          return btoa(binary);
        },
        id,
        offset,
        CHUNK,
      );
      collector.add(base64ToBytes(base64));
    }
  } finally {
    await callInPage(
      deps,
      tabId,
      frameId,
      (payloadId: string) => {
        (globalThis as unknown as { __atlosPayloads?: Map<string, Uint8Array> }).__atlosPayloads?.delete(payloadId);
      },
      id,
    ).catch(() => {});
  }
  return collector.finish(type);
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** `data:image/png;base64,…` → Blob. */
export function dataUrlToBlob(dataUrl: string): Blob {
  const match = /^data:([^;,]+)?(;base64)?,(.*)$/s.exec(dataUrl);
  if (!match) throw new Error('The browser returned an unreadable image.');
  const type = match[1] ?? 'application/octet-stream';
  const bytes = match[2] ? base64ToBytes(match[3]!) : new TextEncoder().encode(decodeURIComponent(match[3]!));
  return new Blob([bytes as BlobPart], { type });
}
