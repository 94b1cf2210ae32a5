/** The connections feature's page messages (only for the extension's own pages). */
import { handleTrustedMessages, type OnMessage, type SenderLike } from '../trusted-sender';
import type { ConnectionsProtocol } from './protocol';
import type { ConnectionsService } from './service';

/** Exported for tests, which pass their own idea of a trusted sender. */
export function registerHandlers(
  service: ConnectionsService,
  trusted: (sender: SenderLike) => boolean,
  onMessage: OnMessage<ConnectionsProtocol>,
): () => void {
  return handleTrustedMessages<ConnectionsProtocol>({
    onMessage,
    trusted,
    handlers: {
      listConnections: () => service.list(),
      connect: (data) => service.connect(data),
      replaceToken: (data) => service.replaceToken(data),
      disconnect: (data) => service.disconnect(data),
      recheckConnection: (data) => service.recheck(data),
    },
  });
}
