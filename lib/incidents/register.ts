/**
 * Background wiring of incidents: the cache, the service and its page messages, on top of the
 * connection registry. Call `registerIncidents` synchronously from the background's `main`.
 */
import type { ConnectionSummary } from '../connections/protocol';
import { isTrustedSender, type OnMessage } from '../trusted-sender';
import { openIncidentCache } from './cache';
import type { IncidentsClient } from './deps';
import { registerIncidentsHandlers } from './handlers';
import type { IncidentsProtocol } from './protocol';
import { createIncidentsService, type IncidentsService } from './service';

export function registerIncidents(deps: {
  runtime: { id: string; getURL(path: '/'): string };
  registry: { list(): Promise<ConnectionSummary[]>; getClient(connectionId: string): Promise<IncidentsClient> };
  /** lib/messaging.ts's, passed in by the background (features sit below lib/messaging.ts). */
  onMessage: OnMessage<IncidentsProtocol>;
}): IncidentsService {
  const { runtime, registry } = deps;
  const service = createIncidentsService({
    listConnections: () => registry.list(),
    getClient: (connectionId) => registry.getClient(connectionId),
    cache: openIncidentCache(),
  });
  registerIncidentsHandlers({
    onMessage: deps.onMessage,
    service,
    trusted: (sender) => isTrustedSender(sender, runtime.id, runtime.getURL('/')),
  });
  return service;
}
