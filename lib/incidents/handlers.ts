/**
 * The incident messages of the extension's own pages, answered by the service (service.ts).
 * Content scripts are refused by handleTrustedMessages (lib/trusted-sender.ts).
 */
import { handleTrustedMessages, type OnMessage, type SenderLike } from '../trusted-sender';
import type { IncidentsProtocol } from './protocol';
import type { IncidentsService } from './service';

export function registerIncidentsHandlers(deps: {
  onMessage: OnMessage<IncidentsProtocol>;
  service: IncidentsService;
  trusted(sender: SenderLike): boolean;
}): () => void {
  return handleTrustedMessages<IncidentsProtocol>({
    onMessage: deps.onMessage,
    trusted: deps.trusted,
    handlers: deps.service,
  });
}
