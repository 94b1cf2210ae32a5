/** Messages of this feature; see lib/messaging.ts. Handlers live in the background. */
export interface ConnectionsProtocol {}
