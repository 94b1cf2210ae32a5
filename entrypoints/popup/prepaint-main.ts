/**
 * `popup-prepaint.js`, the classic script popup.html runs before its first paint (prepaint.ts).
 * Bundled on its own, without WXT's entrypoint wrapper, by scripts/prerender-popup.ts: every byte
 * here is on the popup's critical path. `chrome` is also defined in Firefox extension pages.
 */
import { afterFirstFrame, prepaint, startApp } from './prepaint';

/** https://developer.chrome.com/docs/extensions/reference/api/i18n#method-getMessage (synchronous). */
declare const chrome: { i18n: { getMessage(key: string): string } };

try {
  prepaint(document, localStorage, (key) => chrome.i18n.getMessage(key), navigator.language);
} finally {
  afterFirstFrame(window, () => startApp(document)); // whatever happened above, the app runs
}
