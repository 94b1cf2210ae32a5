/**
 * Incidents a person pinned in the picker: always offered first, before anything is typed.
 * Plain summaries in `storage.local` so the popup shows them without waking the background.
 */
import { storage } from 'wxt/utils/storage';
import { incidentKey, type IncidentOption } from './types';

export const MAX_PINNED = 30;

export const pinnedIncidentsItem = storage.defineItem<IncidentOption[]>('local:pinnedIncidents', {
  fallback: [],
  version: 1,
});

export function withPinned(list: readonly IncidentOption[], option: IncidentOption): IncidentOption[] {
  const { sourceUrls: _dropped, ...summary } = option;
  return [summary, ...list.filter((p) => incidentKey(p) !== incidentKey(option))].slice(0, MAX_PINNED);
}

export function withoutPinned(
  list: readonly IncidentOption[],
  option: { connectionId: string; slug: string },
): IncidentOption[] {
  return list.filter((p) => incidentKey(p) !== incidentKey(option));
}

export function isPinned(list: readonly IncidentOption[], option: { connectionId: string; slug: string }): boolean {
  return list.some((p) => incidentKey(p) === incidentKey(option));
}
