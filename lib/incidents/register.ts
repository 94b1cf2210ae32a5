/**
 * Wires the incident handlers to runtime messages. Only the extension's own pages may ask: a
 * content script shares the extension id, so its URL is checked too (lib/trusted-sender.ts).
 */
import type { ConnectionSummary } from '../connections/protocol';
import { onMessage } from '../messaging';
import { isTrustedSender, type SenderLike } from '../trusted-sender';
import { openIncidentCache } from './cache';
import type { IncidentsClient } from './deps';
import { createIncidentsHandlers, type IncidentsHandlers } from './handlers';
import { pinnedIncidentsItem } from './pinned';
import type { IncidentsProtocol } from './protocol';
import { recentIncidentsItem } from './recent';

export interface RegisterIncidentsDeps {
  onMessage: typeof onMessage;
  handlers: IncidentsHandlers;
  extensionId: string;
  /** `browser.runtime.getURL('/')` */
  extensionBaseUrl: string;
}

export class UntrustedSenderError extends Error {
  constructor() {
    super('This request must come from the extension’s own pages.');
  }
}

export function registerIncidentsHandlers({ onMessage, handlers, extensionId, extensionBaseUrl }: RegisterIncidentsDeps): () => void {
  const names = Object.keys(handlers) as (keyof IncidentsProtocol)[];
  const removers = names.map((name) =>
    onMessage(name, (message) => {
      if (!isTrustedSender(message.sender as SenderLike, extensionId, extensionBaseUrl)) throw new UntrustedSenderError();
      const handler = handlers[name] as (data: unknown) => Promise<unknown>;
      return handler(message.data) as never;
    }),
  );
  return () => removers.forEach((remove) => remove());
}

/** Background wiring: cache, handlers and message listeners, on top of the connection registry. */
export function registerIncidents(
  runtime: { id: string; getURL(path: '/'): string },
  registry: { list(): Promise<ConnectionSummary[]>; getClient(connectionId: string): Promise<IncidentsClient> },
): IncidentsHandlers {
  const handlers = createIncidentsHandlers({
    listConnections: () => registry.list(),
    getClient: (connectionId) => registry.getClient(connectionId),
    cache: openIncidentCache(),
    recentItem: recentIncidentsItem,
    pinnedItem: pinnedIncidentsItem,
  });
  registerIncidentsHandlers({ onMessage, handlers, extensionId: runtime.id, extensionBaseUrl: runtime.getURL('/') });
  return handlers;
}
