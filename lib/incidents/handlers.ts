/**
 * Background side of the picker: one plain function per message of IncidentsProtocol, with its
 * dependencies injected (connections, Atlos clients, cache, storage items) so it is testable.
 */
import { isAtlosError } from '../atlos/errors';
import { parseIncidentReference } from '../atlos/slug';
import { incidentActivity, updateIncidentStatus } from './activity';
import { createIncident } from './create';
import type { IncidentsDeps } from './deps';
import { classifyDuplicates, incidentsWithUrl } from './duplicates';
import { initialOptions } from './initial';
import { withPinned, withoutPinned } from './pinned';
import type { IncidentsProtocol } from './protocol';
import type { RecentIncident } from './recent';
import { resolveIncidentReference, searchIncidents } from './search';
import type { IncidentOption } from './types';

interface ListItem<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
}

export interface IncidentsHandlerDeps extends IncidentsDeps {
  recentItem: Pick<ListItem<RecentIncident[]>, 'getValue'>;
  pinnedItem: ListItem<IncidentOption[]>;
}

type Handlers = { [K in keyof IncidentsProtocol]: (data: Parameters<IncidentsProtocol[K]>[0]) => Promise<ReturnType<IncidentsProtocol[K]>> };

export function createIncidentsHandlers(deps: IncidentsHandlerDeps): Handlers {
  // One in-flight search per channel: a newer query aborts the older one's HTTP requests.
  const searches = new Map<string, AbortController>();

  return {
    async searchIncidents({ query, channel = 'default' }) {
      searches.get(channel)?.abort();
      const controller = new AbortController();
      searches.set(channel, controller);
      try {
        return await searchIncidents(deps, query, controller.signal);
      } finally {
        if (searches.get(channel) === controller) searches.delete(channel);
      }
    },
    async resolveIncidentReference({ input }) {
      const reference = parseIncidentReference(input);
      return reference ? resolveIncidentReference(deps, reference) : [];
    },
    async recentIncidents() {
      const [pinned, recent, cached, connections] = await Promise.all([
        deps.pinnedItem.getValue(), deps.recentItem.getValue(), deps.cache.all(), deps.listConnections(),
      ]);
      return initialOptions({ pinned, recent, cached, connections });
    },
    async pinnedIncidents() {
      return deps.pinnedItem.getValue();
    },
    async setPinned({ incident, pinned }) {
      const list = await deps.pinnedItem.getValue();
      const next = pinned ? withPinned(list, incident) : withoutPinned(list, incident);
      await deps.pinnedItem.setValue(next);
      return next;
    },
    async checkDuplicates({ url, connectionId, slug }) {
      const matches = await incidentsWithUrl(deps, connectionId, url);
      const chosen = slug ? (await deps.cache.get(connectionId, slug)) ?? { connectionId, slug } : null;
      return { ...classifyDuplicates(url, matches, chosen), matches };
    },
    async incidentActivity({ connectionId, slug }) {
      return incidentActivity(deps, connectionId, slug);
    },
    async updateIncidentStatus(data) {
      try {
        return { ok: true, activity: await updateIncidentStatus(deps, data) };
      } catch (error) {
        return { ok: false, message: isAtlosError(error) || error instanceof Error ? error.message : String(error) };
      }
    },
    async createIncident(data) {
      return createIncident(deps, data);
    },
  };
}

export type IncidentsHandlers = ReturnType<typeof createIncidentsHandlers>;
