/**
 * Body of POST /api/v2/incidents/new (docs/atlos-api-behaviour.md §7). Atlos wants its exact attribute names
 * (`more_info`, not `moreInfo` or `attr_more_info`) and custom-attribute UUIDs as keys; any other
 * key is refused as an unknown attribute, so only set fields are sent.
 */
import { AtlosError } from './errors.ts';
import { isUuid } from './search-params.ts';

export interface NewIncident {
  /** 8–2000 characters. */
  description: string;
  /** `["Not Sensitive"]` or some of "Personal Information Visible", "Graphic Violence", "Deleted by Source", "Deceptive or Misleading". */
  sensitive: string[];
  /** Not validated by Atlos on creation: pass one of the instance's status options. */
  status?: string;
  /** `YYYY-MM-DD`. */
  date?: string;
  moreInfo?: string;
  restrictions?: string[];
  tags?: string[];
  geolocation?: { lat: number; lon: number } | string;
  /** Each becomes a `direct` source material that Atlos archives. */
  urls?: string[];
  /** Custom-attribute UUID → value (select: option string; multi-select: string[]). */
  customAttributes?: Record<string, unknown>;
}

export function newIncidentBody(incident: NewIncident): Record<string, unknown> {
  const body: Record<string, unknown> = { description: incident.description, sensitive: incident.sensitive };
  if (incident.status !== undefined) body.status = incident.status;
  if (incident.date !== undefined) body.date = incident.date;
  if (incident.moreInfo !== undefined) body.more_info = incident.moreInfo;
  if (incident.restrictions !== undefined) body.restrictions = incident.restrictions;
  if (incident.tags !== undefined) body.tags = incident.tags;
  if (incident.geolocation !== undefined) {
    const g = incident.geolocation;
    body.geolocation = typeof g === 'string' ? g : `${g.lat},${g.lon}`;
  }
  if (incident.urls !== undefined) body.urls = incident.urls;
  const badKeys: Record<string, string> = {};
  for (const [id, value] of Object.entries(incident.customAttributes ?? {})) {
    if (!isUuid(id)) badKeys[id] = 'is not a custom attribute id (a UUID)';
    else if (value !== undefined) body[id.toLowerCase()] = value;
  }
  if (Object.keys(badKeys).length > 0) throw new AtlosError('validation', { fieldErrors: badKeys });
  return body;
}
