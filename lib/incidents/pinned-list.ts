/**
 * The list of pinned incidents, as values (lib/incidents/pinned.ts stores it). Apart from the
 * storage item so that the popup, which reads the key itself, does not load WXT's storage helper.
 */
import { incidentKey, type IncidentOption } from './types';

export const MAX_PINNED = 30;

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
