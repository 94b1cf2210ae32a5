/**
 * Original media bytes: first from the page (its cookies, its cache, `blob:` URLs), then from
 * the background when the extension holds host access. Returns the bytes or the reasons why not,
 * so the caller can say why and fall back to an element screenshot.
 */
import { i18n } from '#i18n';
import { errorText } from './artifact';
import type { CollectDeps } from './deps';
import { readBodyLimited, type ElementBox, type PageFetchResult } from './page/media';
import { callInPage, injectFile, readPagePayload } from './page-calls';
import type { StitchImage } from './stitch';

export const FETCH_MEDIA_SCRIPT = '/fetch-media.js';

type MediaScope = {
  __atlosMedia?: {
    fetch(src: string, maxBytes: number): Promise<PageFetchResult>;
    locate(src: string): Promise<ElementBox | null>;
    restoreScroll(): void;
  };
};

export type MediaFetch = { ok: true; blob: Blob; contentType: string } | { ok: false; reasons: string[]; tooLarge?: boolean };

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
  const bytes = await readPagePayload(deps, tabId, frameId, result.id, result.size);
  return { ok: true, blob: new Blob([bytes as BlobPart]), contentType: result.contentType };
}

async function fetchFromBackground(deps: CollectDeps<StitchImage>, src: string): Promise<MediaFetch> {
  let response: Response;
  try {
    response = await deps.fetch(src, { credentials: 'include' });
  } catch (error) {
    return { ok: false, reasons: [describeFailure({ ok: false, reason: 'network', message: errorText(error) }, 'background')] };
  }
  if (!response.ok) return { ok: false, reasons: [describeFailure({ ok: false, reason: 'http', status: response.status }, 'background')] };
  const body = await readBodyLimited(response, deps.maxMediaBytes);
  if (body === 'too_large') {
    const reason = describeFailure({ ok: false, reason: 'too_large', limit: deps.maxMediaBytes }, 'background');
    return { ok: false, reasons: [reason], tooLarge: true };
  }
  return { ok: true, blob: new Blob([body as BlobPart]), contentType: response.headers.get('content-type') ?? '' };
}

export async function fetchOriginalMedia(
  deps: CollectDeps<StitchImage>,
  tabId: number,
  frameId: number,
  src: string,
): Promise<MediaFetch> {
  const reasons: string[] = [];
  try {
    const fromPage = await fetchFromPage(deps, tabId, frameId, src);
    if (fromPage.ok) return fromPage;
    reasons.push(...fromPage.reasons);
    // Too large stays too large from anywhere else.
    if (fromPage.tooLarge) return { ok: false, reasons, tooLarge: true };
  } catch (error) {
    reasons.push(`${i18n.t('artifacts_mediaFromPage')}: ${errorText(error)}`);
  }
  if (src.startsWith('blob:') || src.startsWith('data:')) return { ok: false, reasons };
  if (!(await deps.hasHostAccess(src).catch(() => false))) {
    reasons.push(i18n.t('artifacts_mediaNoHostAccess'));
    return { ok: false, reasons };
  }
  const fromBackground = await fetchFromBackground(deps, src);
  return fromBackground.ok ? fromBackground : { ok: false, reasons: [...reasons, ...fromBackground.reasons] };
}

/** Where the media element is on screen (scrolled into view if needed), or null. */
export async function locateMedia(deps: CollectDeps<StitchImage>, tabId: number, frameId: number, src: string) {
  await ensureMediaScript(deps, tabId, frameId);
  return callInPage(deps, tabId, frameId, (url: string) => (globalThis as unknown as MediaScope).__atlosMedia!.locate(url), src);
}

export async function restoreMediaScroll(deps: CollectDeps<StitchImage>, tabId: number, frameId: number) {
  await callInPage(deps, tabId, frameId, () => (globalThis as unknown as MediaScope).__atlosMedia?.restoreScroll()).catch(() => {});
}
