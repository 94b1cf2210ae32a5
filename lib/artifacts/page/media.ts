/**
 * Runs in the frame where the media was clicked (injected by `entrypoints/fetch-media.ts`).
 * Fetching from the page gets the bytes the way the page got them: its cookies, its origin,
 * the HTTP cache, and `blob:` URLs that only this document can resolve.
 */
import { mediaTypeMismatch, sameSite, type MediaKind } from '../media-check';
import { nextFrames } from './frames';
import { holdPayload } from './payloads';

export type PageFetchResult =
  | { ok: true; id: string; size: number; contentType: string; finalUrl: string }
  | { ok: false; reason: 'http'; status: number }
  | { ok: false; reason: 'redirected'; finalUrl: string }
  | { ok: false; reason: 'wrong_type'; sent: string }
  | { ok: false; reason: 'too_large'; limit: number }
  | { ok: false; reason: 'network'; message: string };

/** Reads a response body, stopping as soon as it passes `maxBytes`. */
export async function readBodyLimited(response: Response, maxBytes: number): Promise<Uint8Array | 'too_large'> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    return 'too_large';
  }
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return 'too_large';
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

export interface PageFetchOptions {
  maxBytes: number;
  kind: MediaKind;
  /** The page gives up by itself after this long (the extension's own limit is a little longer). */
  timeoutMs: number;
}

/**
 * Cache first (`force-cache`): the bytes the page already loaded, when the HTTP cache holds
 * them. The answer must come from the same site as asked and fit the media kind.
 */
export async function fetchMediaInPage(
  src: string,
  options: PageFetchOptions,
  fetchImpl: typeof fetch = fetch,
): Promise<PageFetchResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    const response = await fetchImpl(src, { credentials: 'include', cache: 'force-cache', signal: controller.signal });
    const local = src.startsWith('blob:') || src.startsWith('data:');
    if (!local && response.url && !sameSite(src, response.url)) {
      await response.body?.cancel().catch(() => {});
      return { ok: false, reason: 'redirected', finalUrl: response.url };
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      return { ok: false, reason: 'http', status: response.status };
    }
    const body = await readBodyLimited(response, options.maxBytes);
    if (body === 'too_large') return { ok: false, reason: 'too_large', limit: options.maxBytes };
    const contentType = response.headers.get('content-type') ?? '';
    const sent = mediaTypeMismatch(options.kind, contentType, body.subarray(0, 64));
    if (sent) return { ok: false, reason: 'wrong_type', sent };
    return {
      ok: true,
      ...holdPayload(body),
      contentType,
      finalUrl: src.startsWith('data:') ? '' : response.url || src,
    };
  } catch (error) {
    return { ok: false, reason: 'network', message: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

export interface ElementBox {
  /** CSS px relative to the viewport, after scrolling it into view. */
  x: number;
  y: number;
  width: number;
  height: number;
  devicePixelRatio: number;
  viewportWidth: number;
  viewportHeight: number;
}

function sameUrl(a: string | null | undefined, b: string, base: string): boolean {
  if (!a) return false;
  try {
    return new URL(a, base).href === new URL(b, base).href;
  } catch {
    return a === b;
  }
}

/** The img/video/audio element showing `src` (directly, via `<source>`, or as a poster). */
export function findMediaElement(doc: Document, src: string): HTMLElement | null {
  const base = doc.baseURI;
  for (const element of Array.from(doc.querySelectorAll<HTMLImageElement | HTMLMediaElement>('img, video, audio'))) {
    if (sameUrl(element.currentSrc, src, base) || sameUrl(element.getAttribute('src'), src, base)) return element;
  }
  for (const source of Array.from(doc.querySelectorAll('source'))) {
    const owner = source.closest('video, audio, picture');
    if (owner && sameUrl(source.getAttribute('src'), src, base)) {
      return owner instanceof HTMLElement && owner.localName === 'picture'
        ? owner.querySelector('img')
        : (owner as HTMLElement);
    }
  }
  for (const video of Array.from(doc.querySelectorAll('video')))
    if (sameUrl(video.getAttribute('poster'), src, base)) return video;
  return null;
}

/** Scrolls the element into view if needed (and lets the page paint) and returns its visible box, or null. */
export async function locateMediaElement(doc: Document, win: Window, src: string): Promise<ElementBox | null> {
  const element = findMediaElement(doc, src);
  if (!element) return null;
  let rect = element.getBoundingClientRect();
  const inView = rect.top >= 0 && rect.left >= 0 && rect.bottom <= win.innerHeight && rect.right <= win.innerWidth;
  if (!inView) {
    element.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' as ScrollBehavior });
    await nextFrames(win);
    rect = element.getBoundingClientRect();
  }
  const x = Math.max(0, rect.left);
  const y = Math.max(0, rect.top);
  const width = Math.min(rect.right, win.innerWidth) - x;
  const height = Math.min(rect.bottom, win.innerHeight) - y;
  if (width < 1 || height < 1) return null;
  return {
    x,
    y,
    width,
    height,
    devicePixelRatio: win.devicePixelRatio,
    viewportWidth: win.innerWidth,
    viewportHeight: win.innerHeight,
  };
}
