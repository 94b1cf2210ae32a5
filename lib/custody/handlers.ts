/**
 * The verify page asks the background for a source material: the token stays in the background
 * (lib/connections), the page gets only what Atlos answered. Extension pages only.
 */
import type { SourceMaterial } from '../atlos/schemas.ts';
import { handleTrustedMessages, type OnMessage, type SenderLike } from '../trusted-sender.ts';
import type { CustodyProtocol } from './protocol.ts';

export function registerCustodyHandlers(deps: {
  onMessage: OnMessage<CustodyProtocol>;
  getClient(connectionId: string): Promise<{ getSourceMaterial(id: string): Promise<SourceMaterial> }>;
  trusted(sender: SenderLike): boolean;
}): () => void {
  return handleTrustedMessages({
    onMessage: deps.onMessage,
    trusted: deps.trusted,
    handlers: {
      custodySourceMaterial: async (data) =>
        (await deps.getClient(data.connectionId)).getSourceMaterial(data.sourceMaterialId),
    },
  });
}
