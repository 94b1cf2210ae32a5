/**
 * What the picker offers before anything is typed: pinned incidents, then recently used ones,
 * completed from the local cache. Pure, so the popup can build it from storage and IndexedDB
 * without waking the background.
 */
import type { ConnectionSummary } from '../connections/protocol';
import { mergeOptions } from './local-match';
import type { RecentIncident } from './recent';
import { incidentUrl } from './summarize';
import { incidentKey, type IncidentOption } from './types';

export function initialOptions({
  pinned,
  recent,
  cached,
  connections,
}: {
  pinned: readonly IncidentOption[];
  recent: readonly RecentIncident[];
  cached: readonly IncidentOption[];
  connections: readonly Pick<ConnectionSummary, 'id' | 'baseUrl' | 'project'>[];
}): IncidentOption[] {
  const byId = new Map(connections.map((c) => [c.id, c]));
  const byKey = new Map(cached.map((c) => [incidentKey(c), c]));
  const fromRecent: IncidentOption[] = [];
  for (const used of recent) {
    const connection = byId.get(used.connectionId);
    if (!connection) continue;
    const known = byKey.get(incidentKey(used));
    fromRecent.push(
      known ?? {
        connectionId: used.connectionId,
        slug: used.slug,
        projectCode: used.projectCode ?? connection.project?.code ?? '',
        projectName: connection.project?.name ?? '',
        description: used.description ?? '',
        status: null,
        incidentUrl: incidentUrl(connection.baseUrl, used.slug),
      },
    );
  }
  const livePinned = pinned.filter((p) => byId.has(p.connectionId)).map((p) => byKey.get(incidentKey(p)) ?? p);
  return mergeOptions(livePinned, fromRecent);
}

/**
 * The incident to preselect: the most recently used one of a still-connected project, as the
 * picker offers it (completed from the cache when the cache knows it).
 */
export function lastUsedOption(
  recent: readonly RecentIncident[],
  initial: readonly IncidentOption[],
  connections: readonly Pick<ConnectionSummary, 'id'>[],
): IncidentOption | null {
  const last = recent.find((r) => connections.some((c) => c.id === r.connectionId));
  return last ? (initial.find((o) => incidentKey(o) === incidentKey(last)) ?? null) : null;
}
