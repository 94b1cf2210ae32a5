/**
 * Original media bytes: fetched by the page first (what it loaded: its cache, its cookies,
 * `blob:` URLs), else streamed by the background when the extension holds host access. Both
 * refuse answers from another site and bytes that are not the media kind (media-check.ts).
 * Returns the bytes with their SHA-256 and final URL, or the reasons why not, so the caller
 * can say why and fall back to an element screenshot.
 */
import { i18n } from '#i18n';
import { errorText } from './artifact';
import type { CollectDeps } from './deps';
import { limitsOf } from './deps';
import { mediaTypeMismatch, sameSite, type MediaKind } from './media-check';
import type { ElementBox, PageFetchOptions, PageFetchResult } from './page/media';
import { callInPage, callInPageWithin, injectFile, readPagePayload } from './page-calls';
import { readResponseHashed } from './read-stream';
import type { StitchImage } from './stitch';

export const FETCH_MEDIA_SCRIPT = '/fetch-media.js';

type MediaScope = {
  __atlosMedia?: {
    fetch(src: string, options: PageFetchOptions): Promise<PageFetchResult>;
    locate(src: string): Promise<ElementBox | null>;
    restoreScroll(): void;
  };
};

export type MediaFetch =
  | { ok: true; blob: Blob; contentType: string; sha256: string; finalUrl?: string; via: 'page' | 'background' }
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
    case 'redirected':
      return `${prefix}: ${i18n.t('artifacts_mediaRedirectedAway', [hostOf(result.finalUrl)])}`;
    case 'wrong_type':
      return `${prefix}: ${i18n.t('artifacts_mediaWrongType', [result.sent])}`;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
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

async function fetchFromPage(
  deps: CollectDeps<StitchImage>,
  tabId: number,
  frameId: number,
  src: string,
  kind: MediaKind,
): Promise<MediaFetch> {
  const { mediaFetchMs, pageCallMs } = limitsOf(deps);
  await ensureMediaScript(deps, tabId, frameId);
  const options: PageFetchOptions = { maxBytes: deps.maxMediaBytes, kind, timeoutMs: mediaFetchMs };
  const result = await callInPageWithin(
    deps,
    mediaFetchMs + pageCallMs,
    tabId,
    frameId,
    (url: string, opts: PageFetchOptions) => (globalThis as unknown as MediaScope).__atlosMedia!.fetch(url, opts),
    src,
    options,
  );
  if (!result.ok)
    return { ok: false, reasons: [describeFailure(result, 'page')], tooLarge: result.reason === 'too_large' };
  const { blob, sha256 } = await readPagePayload(deps, tabId, frameId, result.id, result.size);
  return {
    ok: true,
    blob,
    sha256,
    contentType: result.contentType,
    via: 'page',
    ...(result.finalUrl ? { finalUrl: result.finalUrl } : {}),
  };
}

/**
 * Streams the body in the background, hashing as it arrives (read-stream.ts): no page round
 * trips, no base64, no second copy. Cookies only when the media is on the page's own site
 * (a cross-site server must not see the person's cookies for it), a redirect to another site
 * is refused (`Response.url`), and the bytes must fit the media kind.
 */
async function fetchFromBackground(
  deps: CollectDeps<StitchImage>,
  src: string,
  kind: MediaKind,
  pageUrl: string,
): Promise<MediaFetch> {
  const fail = (result: Exclude<PageFetchResult, { ok: true }>): MediaFetch => ({
    ok: false,
    reasons: [describeFailure(result, 'background')],
    ...(result.reason === 'too_large' ? { tooLarge: true } : {}),
  });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limitsOf(deps).mediaFetchMs);
  try {
    const credentials: RequestCredentials = sameSite(src, pageUrl) ? 'include' : 'omit';
    const response = await deps.fetch(src, { credentials, redirect: 'follow', signal: controller.signal });
    const finalUrl = response.url || src;
    if (!sameSite(src, finalUrl)) {
      await response.body?.cancel().catch(() => {});
      return fail({ ok: false, reason: 'redirected', finalUrl });
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      return fail({ ok: false, reason: 'http', status: response.status });
    }
    const body = await readResponseHashed(response, deps.maxMediaBytes);
    if (body === 'too_large') return fail({ ok: false, reason: 'too_large', limit: deps.maxMediaBytes });
    const contentType = response.headers.get('content-type') ?? '';
    const sent = mediaTypeMismatch(kind, contentType, new Uint8Array(await body.blob.slice(0, 64).arrayBuffer()));
    if (sent) return fail({ ok: false, reason: 'wrong_type', sent });
    return { ok: true, blob: body.blob, sha256: body.sha256, contentType, finalUrl, via: 'background' };
  } catch (error) {
    const message = controller.signal.aborted
      ? i18n.t('artifacts_timedOut', [String(Math.round(limitsOf(deps).mediaFetchMs / 1000))])
      : errorText(error);
    return fail({ ok: false, reason: 'network', message });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The page's own fetch first: the bytes the page loaded (HTTP cache first), its cookies, its
 * origin, and `blob:` / `data:` URLs that only the page can resolve. The background second,
 * when the extension has host access for the URL (e.g. the page's fetch is refused by CORS).
 */
export async function fetchOriginalMedia(
  deps: CollectDeps<StitchImage>,
  tabId: number,
  frameId: number,
  src: string,
  kind: MediaKind,
  pageUrl: string,
): Promise<MediaFetch> {
  const reasons: string[] = [];
  const pageOnly = src.startsWith('blob:') || src.startsWith('data:');
  try {
    const fromPage = await fetchFromPage(deps, tabId, frameId, src, kind);
    if (fromPage.ok) return fromPage;
    reasons.push(...fromPage.reasons);
    // Too large stays too large from anywhere else.
    if (fromPage.tooLarge) return { ok: false, reasons, tooLarge: true };
  } catch (error) {
    reasons.push(`${i18n.t('artifacts_mediaFromPage')}: ${errorText(error)}`);
  }
  if (pageOnly) return { ok: false, reasons };
  if (!(await deps.hasHostAccess(src).catch(() => false))) {
    reasons.push(i18n.t('artifacts_mediaNoHostAccess'));
    return { ok: false, reasons };
  }
  const fromBackground = await fetchFromBackground(deps, src, kind, pageUrl);
  if (fromBackground.ok) return fromBackground;
  reasons.push(...fromBackground.reasons);
  return { ok: false, reasons, ...(fromBackground.tooLarge ? { tooLarge: true } : {}) };
}

/** Where the media element is on screen (scrolled into view if needed), or null. */
export async function locateMedia(deps: CollectDeps<StitchImage>, tabId: number, frameId: number, src: string) {
  await ensureMediaScript(deps, tabId, frameId);
  return callInPage(
    deps,
    tabId,
    frameId,
    (url: string) => (globalThis as unknown as MediaScope).__atlosMedia!.locate(url),
    src,
  );
}

export async function restoreMediaScroll(deps: CollectDeps<StitchImage>, tabId: number, frameId: number) {
  await callInPage(deps, tabId, frameId, () =>
    (globalThis as unknown as MediaScope).__atlosMedia?.restoreScroll(),
  ).catch(() => {});
}
