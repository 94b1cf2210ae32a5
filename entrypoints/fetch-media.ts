/** Injected into the clicked frame: fetches original media the way the page does (lib/artifacts/page/media.ts). */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { fetchMediaInPage, locateMediaElement, type PageFetchOptions } from '../lib/artifacts/page/media';

export default defineUnlistedScript(() => {
  let saved: { x: number; y: number } | null = null;
  Object.assign(globalThis, {
    __atlosMedia: {
      fetch: (src: string, options: PageFetchOptions) => fetchMediaInPage(src, options),
      locate: (src: string) => {
        saved = { x: window.scrollX, y: window.scrollY };
        return locateMediaElement(document, window, src);
      },
      restoreScroll: () => {
        if (saved) window.scrollTo({ left: saved.x, top: saved.y, behavior: 'instant' as ScrollBehavior });
        saved = null;
      },
    },
  });
});
