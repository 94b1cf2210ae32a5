// POST /api/v2/incidents/new (docs/atlos-api-behaviour.md §7).
import type { Incident } from '../model.ts';
import { crash, denied, hasPermission, type RouteContext, type ApiResponse, success } from '../http.ts';
import { incidentJson } from '../json.ts';
import { refreshSearchText } from '../store.ts';
import { makeSlug, createRng } from '../rng.ts';
import {
  CORE_ATTRIBUTES,
  DEPRECATED_ATTRIBUTES,
  LOCATION_ERROR,
  checkCore,
  checkCustom,
  inspectList,
  parseLatLon,
} from '../validate.ts';

// Core keys that actually take effect on creation; every other known key is accepted and ignored (§7.1).
const CAST_ON_CREATE = ['description', 'sensitive', 'status', 'date', 'more_info', 'restrictions', 'tags'];
const slugRng = createRng(Date.now() & 0xffffffff);

function validUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.hostname.includes('.');
  } catch {
    return false;
  }
}

export function createIncident(ctx: RouteContext): ApiResponse {
  const { app, token, params } = ctx;
  if (!hasPermission(token, 'edit')) return denied('unauthorized');
  const project = app.store.projects.get(token.projectId ?? '');
  if (!project) crash('token without project');
  const custom = project.attributes.filter((a) => a.enabled);
  const known = new Set([
    ...Object.keys(CORE_ATTRIBUTES),
    ...DEPRECATED_ATTRIBUTES,
    ...custom.map((a) => a.id),
    'urls',
  ]);
  const unknown = Object.keys(params)
    .filter((k) => !known.has(k))
    .sort();
  if (unknown.length > 0) return denied(`unknown attributes: ${inspectList(unknown)}`);

  const errors: Record<string, unknown> = {};
  const values: Record<string, unknown> = {};
  for (const name of CAST_ON_CREATE) {
    const attr = CORE_ATTRIBUTES[name];
    if (!attr) continue;
    const required = attr.required && name !== 'status';
    if (!(name in params)) {
      if (required) errors[attr.field] = "can't be blank";
      continue;
    }
    const checked = checkCore({ ...attr, required }, params[name], true);
    if (checked.ok) values[attr.field] = checked.value;
    else errors[attr.field] = checked.error;
  }
  let location: { lat: number; lon: number } | null = null;
  if ('geolocation' in params && params.geolocation !== null) {
    if (typeof params.geolocation !== 'string') errors.location = 'is invalid';
    else if (params.geolocation.trim() !== '') {
      location = parseLatLon(params.geolocation);
      if (!location) errors.attr_geolocation = LOCATION_ERROR;
    }
  }
  let urls: string[] = [];
  if ('urls' in params) {
    if (!Array.isArray(params.urls)) errors.urls = 'Invalid list';
    else {
      if (params.urls.some((u) => typeof u !== 'string')) crash('non-string url entry');
      urls = params.urls as string[];
      const bad = urls.filter((u) => !validUrl(u));
      if (bad.length > 0) errors.urls_parsed = `The following entries are not valid urls: ${bad.join(', ')}`;
    }
  }
  const customValues: Record<string, unknown> = {};
  const nested: unknown[] = [];
  for (const attr of custom) {
    if (!(attr.id in params)) continue;
    const value = params[attr.id];
    const message = value === null ? null : checkCustom(attr, value);
    if (message) nested.push({ value: message, source: { value, id: attr.id, project_id: project.id } });
    else customValues[attr.id] = value;
  }
  if (nested.length > 0) errors.project_attributes = nested;
  if (!project.active) errors.project_id = 'You cannot add incidents to this project.';
  if (Object.keys(errors).length > 0) return denied(errors);

  const now = app.clock.stamp();
  let slug = makeSlug(slugRng);
  while (app.store.incidentsBySlug.has(slug)) slug = makeSlug(slugRng);
  const incident: Incident = {
    id: crypto.randomUUID(),
    slug,
    projectId: project.id,
    attr_description: values.attr_description as string,
    attr_more_info: (values.attr_more_info as string | null | undefined) ?? null,
    attr_date: (values.attr_date as string | null | undefined) ?? null,
    attr_geolocation: location,
    attr_geolocation_resolution: null,
    attr_restrictions: (values.attr_restrictions as string[] | null | undefined) ?? null,
    attr_sensitive: values.attr_sensitive as string[],
    attr_status: (values.attr_status as string | null | undefined) ?? 'To Do',
    attr_tags: (values.attr_tags as string[] | null | undefined) ?? null,
    attr_time: null,
    attr_assignments: [],
    custom: customValues,
    subscribers: [],
    deleted: false,
    inserted_at: now,
    updated_at: now,
    versions: [],
    auto_metadata: null,
    searchText: '',
    searchTokens: '',
  };
  app.store.addIncident(incident);
  refreshSearchText(app.store, incident); // its own fields are searchable at once; auto_metadata follows later
  app.newUpdate(incident, { type: 'create', api_token_id: token.id });
  const versions = urls.map((url) => {
    const version = app.newVersion(incident, url, true);
    app.newUpdate(incident, { type: 'upload_version', api_token_id: token.id, media_version_id: version.id });
    return version;
  });
  const result = incidentJson(app.store, incident, app.baseUrl);
  // Fields the database fills in are not re-read in the creation response (§7.4).
  if (!('attr_status' in values)) result.attr_status = null;
  app.scheduleAutoMetadata(incident);
  for (const version of versions) app.archiver.enqueue(version);
  return success(result);
}
