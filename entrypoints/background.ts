/**
 * Wiring only. Every listener is registered synchronously inside `main` so a service worker
 * woken by an event sees it (https://developer.chrome.com/docs/extensions/develop/concepts/service-workers/events).
 * Logic lives in lib/; each feature exposes one `register…` function taking its dependencies,
 * including lib/messaging.ts's messenger (features sit below it: docs/ARCHITECTURE.md).
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { registerArtifactsTestHook } from '../lib/artifacts/test-hook';
import { registerCapture } from '../lib/capture/register';
import { registerConnections } from '../lib/connections/register';
import { registerCustodyHandlers } from '../lib/custody/handlers';
import { registerIncidents } from '../lib/incidents/register';
import { registerMenusAndCommands } from '../lib/menus/register';
import { onMessage, sendMessage } from '../lib/messaging';
import { registerPopupShell } from '../lib/popup-shell/register';
import { isTrustedSender } from '../lib/trusted-sender';

export default defineBackground({
  type: 'module',
  main() {
    // `connections.getClient(connectionId)` gives other features a client; tokens never leave lib/connections.
    const connections = registerConnections(browser, onMessage);
    // `capture.startCapture(request)` is the one way in for the popup, the menus and the commands.
    const capture = registerCapture({
      browser,
      messages: { onMessage, sendMessage },
      getClient: (connectionId) => connections.getClient(connectionId),
    });
    // The verify page reads a source material through the background, which holds the token.
    registerCustodyHandlers({
      onMessage,
      getClient: (connectionId) => connections.getClient(connectionId),
      trusted: (sender) => isTrustedSender(sender, browser.runtime.id, browser.runtime.getURL('/')),
    });
    registerIncidents({ runtime: browser.runtime, registry: connections, onMessage });
    registerMenusAndCommands({ startCapture: (request) => capture.startCapture(request) });
    // Chrome: serves the popup with the last opening already in it while this worker runs.
    registerPopupShell(browser);
    registerArtifactsTestHook(); // e2e builds only; a no-op otherwise
  },
});
