/**
 * Background side of the picker: one plain function per message of IncidentsProtocol, with its
 * dependencies injected (connections, Atlos clients, cache) so it is testable. handlers.ts hands
 * them to the page messages; pinned and recent incidents are storage items the popup reads itself.
 */
import { isAtlosError } from '../atlos/errors';
import { parseIncidentReference } from '../atlos/slug';
import { incidentActivity, updateIncidentStatus } from './activity';
import { createIncident } from './create';
import type { IncidentsDeps } from './deps';
import { incidentsWithUrl } from './duplicates';
import type { IncidentsProtocol } from './protocol';
import { resolveIncidentReference, searchIncidents } from './search';

type Service = {
  [K in keyof IncidentsProtocol]: (
    data: Parameters<IncidentsProtocol[K]>[0],
  ) => Promise<ReturnType<IncidentsProtocol[K]>>;
};

export function createIncidentsService(deps: IncidentsDeps): Service {
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
    // Only the search: the popup splits the matches by the chosen incident (classifyDuplicates),
    // since it knows the chosen incident's source URLs and can re-split when the choice changes.
    async checkDuplicates({ url, connectionId }) {
      return { matches: await incidentsWithUrl(deps, connectionId, url) };
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

export type IncidentsService = ReturnType<typeof createIncidentsService>;
