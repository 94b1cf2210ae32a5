/**
 * Recently used incidents (most recent first), shared by the popup picker and the context menu.
 * Updated by the capture engine when a capture starts.
 */
import { storage } from 'wxt/utils/storage';
import type { IncidentRef } from '../domain/capture-request';

export interface RecentIncident extends IncidentRef {
  /** Project code, e.g. `CIV`, for `CODE-SLUG` display. */
  projectCode?: string;
  usedAt: string;
}

const MAX_RECENT = 20;

export const recentIncidentsItem = storage.defineItem<RecentIncident[]>('local:recentIncidents', {
  fallback: [],
  version: 1,
});

export function withRecent(list: RecentIncident[], used: RecentIncident): RecentIncident[] {
  const rest = list.filter((r) => !(r.connectionId === used.connectionId && r.slug === used.slug));
  return [used, ...rest].slice(0, MAX_RECENT);
}

export async function rememberIncident(used: RecentIncident): Promise<void> {
  await recentIncidentsItem.setValue(withRecent(await recentIncidentsItem.getValue(), used));
}

/** Drop incidents of connections that no longer exist. */
export async function forgetConnection(connectionId: string): Promise<void> {
  const list = await recentIncidentsItem.getValue();
  await recentIncidentsItem.setValue(list.filter((r) => r.connectionId !== connectionId));
}
