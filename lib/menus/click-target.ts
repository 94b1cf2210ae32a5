/**
 * The target of a context-menu click is the thing clicked (README.md, "Use it").
 *
 * Several contexts can apply at once (an image inside a link, a link inside a selection). The
 * thing under the pointer wins, most specific first:
 *   1. media (image / video / audio with a `srcUrl`): the element itself;
 *   2. link (`linkUrl` with a web URL): where it points;
 *   3. selection (`selectionText`): the page, plus the selected text;
 *   4. page.
 * `pageUrl` is always the tab's page at the click (the top-level page, also for clicks in frames);
 * `frameId` is kept so the artifacts are read from the frame that was clicked.
 */
import type { Browser } from 'wxt/browser';
import type { CaptureTarget } from '../domain/capture-request';

export type MenuClickInfo = Pick<
  Browser.contextMenus.OnClickData,
  'menuItemId' | 'pageUrl' | 'frameId' | 'frameUrl' | 'linkUrl' | 'srcUrl' | 'mediaType' | 'selectionText'
>;

const MEDIA_TYPES = new Set(['image', 'video', 'audio']);

/** URLs Atlos can record as a source (`blob:`, `data:`, `javascript:` … cannot be fetched by anyone else). */
export function isWebUrl(url: string | undefined): url is string {
  if (!url) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** The target of a click, or null when the click happened where there is no page (no URL at all). */
export function targetFromClick(info: MenuClickInfo, tabUrl?: string): CaptureTarget | null {
  const pageUrl = info.pageUrl || tabUrl;
  if (!pageUrl) return null;
  const frame = info.frameId ? { frameId: info.frameId } : {};

  if (info.mediaType && MEDIA_TYPES.has(info.mediaType) && info.srcUrl) {
    return {
      kind: info.mediaType,
      // A `blob:` or `data:` source means nothing outside this tab: record the page as the source
      // URL and keep the element's own URL for reading its bytes.
      url: isWebUrl(info.srcUrl) ? info.srcUrl : pageUrl,
      pageUrl,
      mediaUrl: info.srcUrl,
      ...frame,
    };
  }
  if (isWebUrl(info.linkUrl)) {
    return { kind: 'link', url: info.linkUrl, pageUrl, ...frame };
  }
  if (info.selectionText) {
    return { kind: 'selection', url: pageUrl, pageUrl, selectionText: info.selectionText, ...frame };
  }
  return { kind: 'page', url: pageUrl, pageUrl, ...frame };
}
