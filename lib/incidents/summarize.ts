/**
 * Turns an Atlos incident (docs/atlos-api-behaviour.md §4.1) into the small IncidentOption the extension keeps.
 * Typed structurally so the popup bundle never needs zod or the client's schemas.
 */
import type { IncidentOption } from './types';

export interface IncidentLike {
  slug: string;
  attr_description: string;
  attr_status?: string | null;
  project: { name: string; code: string };
  source_material?: { source_url?: string | null; visibility?: string }[] | undefined;
  versions?: { source_url?: string | null; visibility?: string }[] | undefined;
}

/** An incident with thousands of sources must not bloat the cache. */
export const MAX_SOURCE_URLS = 200;

export function incidentUrl(baseUrl: string, slug: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/incidents/${encodeURIComponent(slug)}`;
}

export function summarizeIncident(connectionId: string, baseUrl: string, incident: IncidentLike): IncidentOption {
  const versions = incident.source_material ?? incident.versions ?? [];
  const sourceUrls: string[] = [];
  for (const version of versions) {
    if (sourceUrls.length >= MAX_SOURCE_URLS) break;
    if (version.visibility === 'removed' || !version.source_url) continue;
    if (!sourceUrls.includes(version.source_url)) sourceUrls.push(version.source_url);
  }
  return {
    connectionId,
    slug: incident.slug,
    projectCode: incident.project.code,
    projectName: incident.project.name,
    description: incident.attr_description,
    status: incident.attr_status ?? null,
    incidentUrl: incidentUrl(baseUrl, incident.slug),
    sourceUrls,
  };
}
