/**
 * Wiring only. Every listener is registered synchronously inside `main` so a service worker
 * woken by an event sees it (https://developer.chrome.com/docs/extensions/develop/concepts/service-workers/events).
 * Logic lives in lib/; each feature exposes one `register…` function taking its dependencies.
 */
import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground({
  type: 'module',
  main() {
    // [connections] wiring
    // [capture] wiring
    // [incidents] wiring
    // [menus] wiring
  },
});
