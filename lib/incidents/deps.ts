/**
 * What the background side of the picker needs from the rest of the extension, typed narrowly so
 * unit tests can pass small fakes and the real registry/client fit structurally.
 */
import type { AtlosClient } from '../atlos/client';
import type { ConnectionSummary } from '../connections/protocol';
import type { IncidentCache } from './cache';

export type IncidentsClient = Pick<AtlosClient, 'listIncidents' | 'listUpdates' | 'updateAttribute' | 'createIncident'>;

export interface IncidentsDeps {
  listConnections(): Promise<ConnectionSummary[]>;
  getClient(connectionId: string): Promise<IncidentsClient>;
  cache: IncidentCache;
}

/** Connections the background may use now (token accepted, host access granted). */
export async function usableConnections(deps: Pick<IncidentsDeps, 'listConnections'>): Promise<ConnectionSummary[]> {
  return (await deps.listConnections()).filter((connection) => connection.status === 'ok');
}
