/** Messages of this feature; see lib/messaging.ts. Handlers live in the background (handlers.ts). */
import type { IncidentActivity } from './activity';
import type { CreateIncidentResult, NewIncidentInput } from './create';
import type { DuplicateReport } from './duplicates';
import type { IncidentOption } from './types';

export type { IncidentOption } from './types';

export type StatusUpdateResult =
  | { ok: true; activity: IncidentActivity }
  | { ok: false; message: string };

export interface IncidentsProtocol {
  /**
   * Atlos search (first page per connection) merged with local matches. A newer search on the
   * same `channel` aborts the older one's requests (one channel per open popup).
   */
  searchIncidents(data: { query: string; channel?: string }): IncidentOption[];
  /** A pasted slug, `CODE-SLUG` or incident URL → the incident(s) it names (usually one). */
  resolveIncidentReference(data: { input: string }): IncidentOption[];
  /** Pinned, then recently used incidents, completed from the cache. */
  recentIncidents(): IncidentOption[];
  pinnedIncidents(): IncidentOption[];
  setPinned(data: { incident: IncidentOption; pinned: boolean }): IncidentOption[];
  /** Incidents of `connectionId` whose source material holds `url`, split by the chosen one. */
  checkDuplicates(data: { url: string; connectionId: string; slug?: string }): DuplicateReport & { matches: IncidentOption[] };
  incidentActivity(data: { connectionId: string; slug: string }): IncidentActivity;
  updateIncidentStatus(data: { connectionId: string; slug: string; status: string; message?: string }): StatusUpdateResult;
  createIncident(data: NewIncidentInput): CreateIncidentResult;
}
