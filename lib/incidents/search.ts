/**
 * Incident search for the picker, across every usable connection: one first page of Atlos'
 * free-text search per connection (never a walk through the whole project), merged with matches
 * from the local cache. Every incident seen is cached so the next search matches it instantly.
 */
import { parseIncidentReference, type IncidentReference } from '../atlos/slug';
import type { ConnectionSummary } from '../connections/protocol';
import { usableConnections, type IncidentsDeps } from './deps';
import { matchIncidents, mergeOptions } from './local-match';
import { summarizeIncident } from './summarize';
import type { IncidentOption } from './types';

/** Per connection; Atlos pages hold 100, the picker shows far fewer. */
export const MAX_RESULTS_PER_CONNECTION = 30;

async function firstPage(deps: IncidentsDeps, connection: ConnectionSummary, query: string, signal?: AbortSignal) {
  const client = await deps.getClient(connection.id);
  const page = await client.listIncidents({ query }, signal ? { signal } : {});
  return page.results.map((incident) => summarizeIncident(connection.id, connection.baseUrl, incident));
}

/** Runs `task` per connection in parallel; throws only when every connection failed. */
async function acrossConnections<T>(
  connections: ConnectionSummary[],
  task: (connection: ConnectionSummary) => Promise<T[]>,
): Promise<T[]> {
  const settled = await Promise.allSettled(connections.map(task));
  const failures = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (connections.length > 0 && failures.length === connections.length) throw failures[0]!.reason;
  return settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : []));
}

export async function searchIncidents(
  deps: IncidentsDeps,
  query: string,
  signal?: AbortSignal,
): Promise<IncidentOption[]> {
  const text = query.trim();
  if (!text) return [];
  const reference = parseIncidentReference(text);
  if (reference) {
    const resolved = await resolveIncidentReference(deps, reference, signal);
    if (resolved.length > 0) return resolved;
  }
  const connections = await usableConnections(deps);
  const remote = await acrossConnections(connections, async (connection) =>
    (await firstPage(deps, connection, text, signal)).slice(0, MAX_RESULTS_PER_CONNECTION),
  );
  await deps.cache.put(remote);
  const usable = new Set(connections.map((c) => c.id));
  const local = matchIncidents(
    (await deps.cache.all()).filter((c) => usable.has(c.connectionId)),
    text,
  );
  return mergeOptions(remote, local);
}

/** Connections a reference can belong to: its instance (URL) and project code, when it names them. */
export function candidateConnections(
  connections: ConnectionSummary[],
  reference: IncidentReference,
): ConnectionSummary[] {
  let candidates = connections;
  if (reference.origin) candidates = candidates.filter((c) => c.baseUrl.replace(/\/+$/, '') === reference.origin);
  if (reference.projectCode) {
    const sameCode = candidates.filter((c) => c.project?.code.toUpperCase() === reference.projectCode);
    // A project not yet known by name may still hold it; only narrow when a project matches.
    if (sameCode.length > 0) candidates = sameCode;
  }
  return candidates;
}

/**
 * The incidents a pasted slug, `CODE-SLUG` or incident URL names: Atlos search by slug, then an
 * exact slug match (the search also finds the slug inside other incidents' text).
 */
export async function resolveIncidentReference(
  deps: IncidentsDeps,
  reference: IncidentReference,
  signal?: AbortSignal,
): Promise<IncidentOption[]> {
  const candidates = candidateConnections(await usableConnections(deps), reference);
  const wanted = reference.slug.toUpperCase();
  const found = await acrossConnections(candidates, async (connection) =>
    (await firstPage(deps, connection, reference.slug, signal)).filter((o) => o.slug.toUpperCase() === wanted),
  );
  await deps.cache.put(found);
  return found;
}

/** Re-reads one incident (there is no get-one endpoint: search by slug, exact match). */
export async function readIncident(deps: IncidentsDeps, connectionId: string, slug: string, signal?: AbortSignal) {
  const connection = (await deps.listConnections()).find((c) => c.id === connectionId);
  if (!connection) return null;
  const found = (await firstPage(deps, connection, slug, signal)).find((o) => o.slug === slug) ?? null;
  if (found) await deps.cache.put([found]);
  return found;
}
