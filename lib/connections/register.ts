/**
 * Background wiring of connections: message handlers (only for the extension's own pages),
 * permission listeners, and the registry other features use. Call `registerConnections`
 * synchronously from the background's `main`.
 */
import type { browser as extensionBrowser } from 'wxt/browser';
import { createAtlosClient } from '../atlos/client';
import { forgetConnection } from '../incidents/recent';
import { isTrustedSender, type OnMessage } from '../trusted-sender';
import { registerHandlers } from './handlers';
import type { ConnectionsProtocol } from './protocol';
import { createConnectionRegistry, type ConnectionRegistry } from './registry';
import { createConnectionsService } from './service';
import { createConnectionStore } from './store';
import { createTokenVault } from './vault';

/** `onMessage` is lib/messaging.ts's, passed in by the background (features sit below lib/messaging.ts). */
export function registerConnections(
  browser: typeof extensionBrowser,
  onMessage: OnMessage<ConnectionsProtocol>,
): ConnectionRegistry {
  // Defence in depth (tokens are not in storage.local anyway): keep content scripts out of
  // storage.local in Chrome. Firefox has no setAccessLevel. https://developer.chrome.com/docs/extensions/reference/api/storage#method-StorageArea-setAccessLevel
  void browser.storage.local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })?.catch?.(() => undefined);

  const store = createConnectionStore({ vault: createTokenVault() });
  const permissions = browser.permissions;
  const service = createConnectionsService({
    store,
    permissions,
    createClient: createAtlosClient,
    onDisconnected: forgetConnection,
  });
  const registry = createConnectionRegistry({ store, permissions, createClient: createAtlosClient });

  // A person can revoke an instance's access at any time in the browser's extension settings.
  browser.permissions.onRemoved.addListener(() => void service.syncPermissions());
  browser.permissions.onAdded.addListener(() => void service.syncPermissions());

  registerHandlers(
    service,
    (sender) => isTrustedSender(sender, browser.runtime.id, browser.runtime.getURL('/')),
    onMessage,
  );
  return registry;
}
