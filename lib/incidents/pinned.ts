/**
 * Incidents a person pinned in the picker: always offered first, before anything is typed.
 * Plain summaries in `storage.local` so the popup shows them without waking the background.
 */
import { storage } from 'wxt/utils/storage';
import type { IncidentOption } from './types';

export { MAX_PINNED, isPinned, withPinned, withoutPinned } from './pinned-list';

export const pinnedIncidentsItem = storage.defineItem<IncidentOption[]>('local:pinnedIncidents', {
  fallback: [],
  version: 1,
});
