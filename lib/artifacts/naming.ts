/**
 * Titles and file names of artifacts. Titles say what the file is, that the browser (not the
 * Atlos crawler) took it, and when: "Full-page screenshot, part 2 of 3 (browser, 2026-11-27 14:03 UTC)".
 * Atlos keeps only a file's extension (docs/atlos-api-behaviour.md §6.2), so names are plain and the extension right.
 */
import { i18n } from '#i18n';
import type { TargetKind } from '../domain/capture-request';

/** `2026-11-27T14:03:09.123Z` → `2026-11-27 14:03 UTC`. */
export function titleTimestamp(capturedAt: string): string {
  const date = new Date(capturedAt);
  if (Number.isNaN(date.getTime())) return capturedAt;
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`;
}

export type MediaKind = Extract<TargetKind, 'image' | 'video' | 'audio'>;

export function viewportScreenshotName(capturedAt: string) {
  return {
    title: i18n.t('artifacts_titleViewport', [titleTimestamp(capturedAt)]),
    fileName: 'visible-area-screenshot.png',
  };
}

export function fullPageScreenshotName(capturedAt: string, part: { index: number; count: number }) {
  const when = titleTimestamp(capturedAt);
  if (part.count <= 1) {
    return { title: i18n.t('artifacts_titleFullPage', [when]), fileName: 'full-page-screenshot.png' };
  }
  return {
    title: i18n.t('artifacts_titleFullPagePart', [String(part.index), String(part.count), when]),
    fileName: `full-page-screenshot-part-${part.index}-of-${part.count}.png`,
  };
}

export function pageArchiveName(capturedAt: string, format: 'mhtml' | 'html') {
  const when = titleTimestamp(capturedAt);
  return format === 'mhtml'
    ? { title: i18n.t('artifacts_titleArchiveMhtml', [when]), fileName: 'page-archive.mhtml' }
    : { title: i18n.t('artifacts_titleArchiveHtml', [when]), fileName: 'page-archive.html' };
}

const MEDIA_TITLE_KEYS = {
  image: 'artifacts_titleOriginalImage',
  video: 'artifacts_titleOriginalVideo',
  audio: 'artifacts_titleOriginalAudio',
} as const;

export function originalMediaName(capturedAt: string, kind: MediaKind, extension: string) {
  return {
    title: i18n.t(MEDIA_TITLE_KEYS[kind], [titleTimestamp(capturedAt)]),
    fileName: `original-${kind}.${extension}`,
  };
}

const ELEMENT_TITLE_KEYS = {
  image: 'artifacts_titleElementImage',
  video: 'artifacts_titleElementVideo',
  audio: 'artifacts_titleElementAudio',
} as const;

export function elementScreenshotName(capturedAt: string, kind: MediaKind) {
  return {
    title: i18n.t(ELEMENT_TITLE_KEYS[kind], [titleTimestamp(capturedAt)]),
    fileName: `element-screenshot-${kind}.png`,
  };
}
