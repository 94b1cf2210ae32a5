/**
 * The verify page asks the background for a source material: the token stays in the background
 * (lib/connections), the page gets only what Atlos answered. Extension pages only.
 */
import type { SourceMaterial } from '../atlos/schemas.ts';
import type { onMessage as OnMessage } from '../messaging.ts';
import type { SenderLike } from '../trusted-sender.ts';

export function registerCustodyHandlers(deps: {
  onMessage: typeof OnMessage;
  getClient(connectionId: string): Promise<{ getSourceMaterial(id: string): Promise<SourceMaterial> }>;
  trusted(sender: SenderLike): boolean;
}): () => void {
  return deps.onMessage('custodySourceMaterial', async ({ sender, data }) => {
    if (!deps.trusted(sender)) throw new Error('Refused: not sent by an extension page.');
    const client = await deps.getClient(data.connectionId);
    return client.getSourceMaterial(data.sourceMaterialId);
  });
}
