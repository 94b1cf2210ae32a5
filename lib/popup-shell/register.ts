/** Background wiring for serve-popup.ts (Chrome's service worker; a no-op in Firefox's background page). */
import type { browser as extensionBrowser } from 'wxt/browser';
import { registerPopupServer, POPUP_PATH, type WorkerScope } from './serve-popup';

export function registerPopupShell(browser: typeof extensionBrowser): void {
  const install = (globalThis as { InstallEvent?: { prototype: object } }).InstallEvent;
  registerPopupServer({
    scope: globalThis as unknown as WorkerScope,
    routes: !!install && 'addRoutes' in install.prototype,
    session: browser.storage.session,
    onSessionChanged: (listener) =>
      browser.storage.onChanged.addListener((changes, area) => {
        if (area === 'session') listener(changes);
      }),
    packagedPopup: async () => (await fetch(browser.runtime.getURL(POPUP_PATH))).text(),
    language: () => navigator.language,
    log: (message) => console.warn(message),
  });
}
