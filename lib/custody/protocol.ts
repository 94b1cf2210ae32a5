/** Custody messages between the verify page and the background; see lib/messaging.ts. */
import type { SourceMaterial } from '../atlos/schemas.ts';

export interface CustodyProtocol {
  /** The source material as Atlos lists it now (artifacts with their access_url), for the verify page. */
  custodySourceMaterial(data: { connectionId: string; sourceMaterialId: string }): SourceMaterial;
}
