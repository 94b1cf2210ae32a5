/**
 * The chosen incident in context: its current state (re-read, since updates carry no reliable
 * values, docs/atlos-api-behaviour.md §4.5) and its latest updates and comments (first page of
 * `GET /updates?slug=`), plus changing its status with an optional message.
 */
import type { IncidentsDeps } from './deps';
import { readIncident } from './search';
import type { IncidentOption } from './types';

/** The status options of Atlos' default project (docs/atlos-api-behaviour.md §4.1). */
export const INCIDENT_STATUSES = [
  'To Do',
  'In Progress',
  'Help Needed',
  'Ready for Review',
  'Completed',
  'Cancelled',
] as const;

export const ACTIVITY_LIMIT = 5;

export interface ActivityItem {
  id: string;
  /** `comment`, `update_attribute`, `create`, `upload_version`, … */
  type: string;
  /** `status`, `description`, a custom-attribute id… for attribute updates. */
  attribute: string | null;
  text: string | null;
  /** Username, or null for an API token. */
  author: string | null;
  /** Naive UTC timestamp from Atlos, e.g. `2025-03-01T12:34:56`. */
  at: string;
}

export interface IncidentActivity {
  incident: IncidentOption | null;
  items: ActivityItem[];
}

interface UpdateLike {
  id: string;
  type: string;
  modified_attribute?: string | null;
  explanation?: string | null;
  user?: { username: string } | null;
  inserted_at: string;
}

export function toActivityItem(update: UpdateLike): ActivityItem {
  return {
    id: update.id,
    type: update.type,
    attribute: update.modified_attribute ?? null,
    text: update.explanation ?? null,
    author: update.user?.username ?? null,
    at: update.inserted_at,
  };
}

export async function incidentActivity(
  deps: IncidentsDeps,
  connectionId: string,
  slug: string,
): Promise<IncidentActivity> {
  const client = await deps.getClient(connectionId);
  const [incident, updates] = await Promise.all([readIncident(deps, connectionId, slug), client.listUpdates({ slug })]);
  return { incident, items: updates.results.slice(0, ACTIVITY_LIMIT).map(toActivityItem) };
}

export async function updateIncidentStatus(
  deps: IncidentsDeps,
  { connectionId, slug, status, message }: { connectionId: string; slug: string; status: string; message?: string },
): Promise<IncidentActivity> {
  const client = await deps.getClient(connectionId);
  const note = message?.trim();
  await client.updateAttribute(slug, 'status', status, note ? note : undefined);
  return incidentActivity(deps, connectionId, slug);
}
