/** Injected at capture time only: returns the page's metadata (lib/metadata/extract.ts). */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { extractPageMetadata } from '../lib/metadata/extract';

export default defineUnlistedScript({
  // The background reads this script's return value from executeScript (docs/browser-facts.md §4).
  globalName: true,
  main: () => extractPageMetadata(document, window),
});
