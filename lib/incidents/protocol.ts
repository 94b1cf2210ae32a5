/** Messages of this feature; see lib/messaging.ts. Answered in the background (service.ts via handlers.ts). */
import type { IncidentActivity } from './activity';
import type { CreateIncidentResult, NewIncidentInput } from './create';
import type { IncidentOption } from './types';

export type { IncidentOption } from './types';

export type StatusUpdateResult = { ok: true; activity: IncidentActivity } | { ok: false; message: string };

export interface IncidentsProtocol {
  /**
   * Atlos search (first page per connection) merged with local matches. A newer search on the
   * same `channel` aborts the older one's requests (one channel per open popup).
   */
  searchIncidents(data: { query: string; channel?: string }): IncidentOption[];
  /** A pasted slug, `CODE-SLUG` or incident URL → the incident(s) it names (usually one). */
  resolveIncidentReference(data: { input: string }): IncidentOption[];
  /** Incidents of `connectionId` whose source material holds `url` (the popup splits them: classifyDuplicates). */
  checkDuplicates(data: { url: string; connectionId: string }): { matches: IncidentOption[] };
  incidentActivity(data: { connectionId: string; slug: string }): IncidentActivity;
  updateIncidentStatus(data: {
    connectionId: string;
    slug: string;
    status: string;
    message?: string;
  }): StatusUpdateResult;
  createIncident(data: NewIncidentInput): CreateIncidentResult;
}
