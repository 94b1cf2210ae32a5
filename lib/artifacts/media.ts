/**
 * Original media bytes: streamed by the background when the extension holds host access, else
 * (or when that is refused) fetched by the page (its cookies, its cache, `blob:` URLs). Returns
 * the bytes with their SHA-256, or the reasons why not,
 * so the caller can say why and fall back to an element screenshot.
 */
import { i18n } from '#i18n';
import { errorText } from './artifact';
import type { CollectDeps } from './deps';
import type { ElementBox, PageFetchResult } from './page/media';
import { callInPage, injectFile, readPagePayload } from './page-calls';
import { readResponseHashed } from './read-stream';
import type { StitchImage } from './stitch';

export const FETCH_MEDIA_SCRIPT = '/fetch-media.js';

type MediaScope = {
  __atlosMedia?: {
    fetch(src: string, maxBytes: number): Promise<PageFetchResult>;
    locate(src: string): Promise<ElementBox | null>;
    restoreScroll(): void;
  };
};

export type MediaFetch =
  | { ok: true; blob: Blob; contentType: string; sha256: string }
  | { ok: false; reasons: string[]; tooLarge?: boolean };

function describeFailure(result: Exclude<PageFetchResult, { ok: true }>, where: 'page' | 'background'): string {
  const prefix = where === 'page' ? i18n.t('artifacts_mediaFromPage') : i18n.t('artifacts_mediaFromBackground');
  switch (result.reason) {
    case 'http':
      return `${prefix}: ${i18n.t('artifacts_mediaHttpStatus', [String(result.status)])}`;
    case 'too_large':
      return `${prefix}: ${i18n.t('artifacts_mediaTooLarge', [formatSize(result.limit)])}`;
    case 'network':
      return `${prefix}: ${result.message}`;
  }
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

export async function ensureMediaScript(deps: CollectDeps<StitchImage>, tabId: number, frameId: number) {
  await injectFile(deps, tabId, frameId, FETCH_MEDIA_SCRIPT);
}

async function fetchFromPage(deps: CollectDeps<StitchImage>, tabId: number, frameId: number, src: string): Promise<MediaFetch> {
  await ensureMediaScript(deps, tabId, frameId);
  const result = await callInPage(
    deps,
    tabId,
    frameId,
    (url: string, max: number) => (globalThis as unknown as MediaScope).__atlosMedia!.fetch(url, max),
    src,
    deps.maxMediaBytes,
  );
  if (!result.ok) return { ok: false, reasons: [describeFailure(result, 'page')], tooLarge: result.reason === 'too_large' };
  const { blob, sha256 } = await readPagePayload(deps, tabId, frameId, result.id, result.size);
  return { ok: true, blob, sha256, contentType: result.contentType };
}

/**
 * Streams the body in the background, hashing as it arrives (read-stream.ts): no page round
 * trips, no base64, no second copy. `refused` means the page may still get it (its cookies,
 * its credentials), so the caller falls back to the page.
 */
async function fetchFromBackground(deps: CollectDeps<StitchImage>, src: string): Promise<MediaFetch & { refused?: boolean }> {
  let response: Response;
  try {
    response = await deps.fetch(src, { credentials: 'include' });
  } catch (error) {
    const reason = describeFailure({ ok: false, reason: 'network', message: errorText(error) }, 'background');
    return { ok: false, reasons: [reason], refused: true };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    return { ok: false, reasons: [describeFailure({ ok: false, reason: 'http', status: response.status }, 'background')], refused: true };
  }
  const body = await readResponseHashed(response, deps.maxMediaBytes);
  if (body === 'too_large') {
    const reason = describeFailure({ ok: false, reason: 'too_large', limit: deps.maxMediaBytes }, 'background');
    return { ok: false, reasons: [reason], tooLarge: true };
  }
  return { ok: true, blob: body.blob, sha256: body.sha256, contentType: response.headers.get('content-type') ?? '' };
}

/**
 * Background first when the extension has host access for the URL (streamed, hashed on the
 * way, fast and lean); the page's own fetch otherwise or when the background is refused
 * (e.g. 401/403 because the page's cookies or partitioned state are not sent), and always for
 * `blob:` / `data:` URLs, which only the page can resolve.
 */
export async function fetchOriginalMedia(
  deps: CollectDeps<StitchImage>,
  tabId: number,
  frameId: number,
  src: string,
): Promise<MediaFetch> {
  const reasons: string[] = [];
  const pageOnly = src.startsWith('blob:') || src.startsWith('data:');
  const hostAccess = !pageOnly && (await deps.hasHostAccess(src).catch(() => false));
  if (hostAccess) {
    const fromBackground = await fetchFromBackground(deps, src);
    if (fromBackground.ok) return fromBackground;
    reasons.push(...fromBackground.reasons);
    // Too large stays too large from anywhere else.
    if (fromBackground.tooLarge) return { ok: false, reasons, tooLarge: true };
  }
  try {
    const fromPage = await fetchFromPage(deps, tabId, frameId, src);
    if (fromPage.ok) return fromPage;
    reasons.push(...fromPage.reasons);
    if (fromPage.tooLarge) return { ok: false, reasons, tooLarge: true };
  } catch (error) {
    reasons.push(`${i18n.t('artifacts_mediaFromPage')}: ${errorText(error)}`);
  }
  if (!pageOnly && !hostAccess) reasons.push(i18n.t('artifacts_mediaNoHostAccess'));
  return { ok: false, reasons };
}

/** Where the media element is on screen (scrolled into view if needed), or null. */
export async function locateMedia(deps: CollectDeps<StitchImage>, tabId: number, frameId: number, src: string) {
  await ensureMediaScript(deps, tabId, frameId);
  return callInPage(deps, tabId, frameId, (url: string) => (globalThis as unknown as MediaScope).__atlosMedia!.locate(url), src);
}

export async function restoreMediaScroll(deps: CollectDeps<StitchImage>, tabId: number, frameId: number) {
  await callInPage(deps, tabId, frameId, () => (globalThis as unknown as MediaScope).__atlosMedia?.restoreScroll()).catch(() => {});
}
