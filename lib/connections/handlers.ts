/**
 * Background wiring of connections: message handlers (only for the extension's own pages),
 * permission listeners, and the registry other features use. Call `registerConnections`
 * synchronously from the background's `main`.
 */
import type { browser as extensionBrowser } from 'wxt/browser';
import { createAtlosClient } from '../atlos/client';
import { onMessage } from '../messaging';
import { isTrustedSender, type SenderLike } from '../trusted-sender';
import { forgetConnection } from '../incidents/recent';
import { createConnectionRegistry, type ConnectionRegistry } from './registry';
import { createConnectionsService, type ConnectionsService } from './service';
import { createConnectionStore } from './store';
import { createTokenVault } from './vault';

let registry: ConnectionRegistry | undefined;

/** The registry wired by the background; throws if `registerConnections` has not run. */
export function getConnectionRegistry(): ConnectionRegistry {
  if (!registry) throw new Error('registerConnections() has not been called in the background');
  return registry;
}

export function registerConnections(browser: typeof extensionBrowser): ConnectionRegistry {
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
  registry = createConnectionRegistry({ store, permissions, createClient: createAtlosClient });

  // A person can revoke an instance's access at any time in the browser's extension settings.
  browser.permissions.onRemoved.addListener(() => void service.syncPermissions());
  browser.permissions.onAdded.addListener(() => void service.syncPermissions());

  registerHandlers(service, (sender) =>
    isTrustedSender(sender, browser.runtime.id, browser.runtime.getURL('/')),
  );
  return registry;
}

/** Exported for tests, which pass their own idea of a trusted sender. */
export function registerHandlers(service: ConnectionsService, trusted: (sender: SenderLike) => boolean): void {
  const guard = <T>(sender: SenderLike, run: () => Promise<T>): Promise<T> => {
    if (!trusted(sender)) return Promise.reject(new Error('Refused: not sent by an extension page.'));
    return run();
  };
  onMessage('listConnections', ({ sender }) => guard(sender, () => service.list()));
  onMessage('connect', ({ sender, data }) => guard(sender, () => service.connect(data)));
  onMessage('replaceToken', ({ sender, data }) => guard(sender, () => service.replaceToken(data)));
  onMessage('disconnect', ({ sender, data }) => guard(sender, () => service.disconnect(data)));
  onMessage('recheckConnection', ({ sender, data }) => guard(sender, () => service.recheck(data)));
}
