// Lookups and permission checks shared by the routes (docs/atlos-api-behaviour.md §1.6, §2.1).
import type { ApiToken, Incident, Version } from '../model.ts';
import type { App } from '../app.ts';
import { crash, hasPermission } from '../http.ts';
import { isUuid } from '../rng.ts';

/** §2.1: split on the first '-'; a prefix other than exactly `ATL` is dropped; then upper-case. */
export function normaliseSlug(raw: string): string {
  const dash = raw.indexOf('-');
  if (dash >= 0 && raw.slice(0, dash) !== 'ATL') return raw.slice(dash + 1).toUpperCase();
  return raw.toUpperCase();
}

export function findIncident(app: App, raw: unknown): Incident | undefined {
  if (typeof raw !== 'string') return undefined;
  return app.store.incidentsBySlug.get(normaliseSlug(raw));
}

/** "Editable media": not deleted and its project active (security mode is always `normal` here). */
export function isEditable(app: App, incident: Incident): boolean {
  return !incident.deleted && app.store.projectOf(incident).active;
}

export function canEditMedia(app: App, token: ApiToken, incident: Incident): boolean {
  return hasPermission(token, 'edit') && isEditable(app, incident) && token.projectId === incident.projectId;
}

export function canComment(app: App, token: ApiToken, incident: Incident): boolean {
  return hasPermission(token, 'comment') && token.projectId === incident.projectId && isEditable(app, incident);
}

/** A version by UUID; a non-UUID id is a database cast error → empty 500 (§2.4). */
export function findVersion(app: App, id: unknown): Version | undefined {
  if (!isUuid(id)) crash('non-UUID id');
  return app.store.versions.get(id.toLowerCase());
}
