// GET /source_material, GET /source_material/:id, POST /source_material/new/:slug, POST /source_material/metadata/:id/:ns
import type { Version } from '../model.ts';
import { type CursorKey, paginate, verifyCursor } from '../cursor.ts';
import { BAD_CURSOR, crash, denied, type RouteContext, type ApiResponse, success } from '../http.ts';
import { versionJson } from '../json.ts';
import { canEditMedia, findIncident, findVersion } from './common.ts';

const versionKey = (v: Version): CursorKey => [v.inserted_at, v.id];

export function listSourceMaterial(ctx: RouteContext, versions: Version[], limit = 100): ApiResponse {
  const { app, token, params } = ctx;
  let after: CursorKey | null = null;
  if ('cursor' in params) {
    after = verifyCursor(params.cursor, token.value, app.clock.now());
    if (!after) return BAD_CURSOR;
  }
  const sorted = [...versions].sort((a, b) => b.inserted_at - a.inserted_at || (a.id < b.id ? 1 : -1));
  const page = paginate(sorted, versionKey, ['desc', 'desc'], after, limit, token.value, app.clock.now());
  return {
    status: 200,
    body: { results: page.results.map((v) => versionJson(v, app.baseUrl)), next: page.next, previous: page.previous },
  };
}

export function listProjectSourceMaterial(ctx: RouteContext): ApiResponse {
  return listSourceMaterial(ctx, ctx.app.store.versionsByProject.get(ctx.token.projectId ?? '') ?? []);
}

export function getSourceMaterial(ctx: RouteContext): ApiResponse {
  const { app, token, params } = ctx;
  const version = findVersion(app, params.id);
  if (!version || app.store.incidentOfVersion(version).projectId !== token.projectId) {
    return denied('media version not found or unauthorized');
  }
  return success(versionJson(version, app.baseUrl));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function createSourceMaterial(ctx: RouteContext): Promise<ApiResponse> {
  const { app, token, params } = ctx;
  const incident = findIncident(app, params.slug);
  if (!incident || !canEditMedia(app, token, incident)) return denied('incident not found or unauthorized');
  const url = params.url ?? null;
  const archive = params.archive === 'true';
  if (url !== null && typeof url !== 'string') crash('url cast failure');
  if (archive && (url === null || url === '')) crash('archive without url');
  // Two creations on one incident race on the unique (media_id, scoped_id) constraint (§2.5): the loser crashes.
  if (app.creating.has(incident.id)) {
    await sleep(app.options.createLatencyMs);
    crash('scoped_id race');
  }
  app.creating.add(incident.id);
  try {
    await sleep(app.options.createLatencyMs);
  } finally {
    app.creating.delete(incident.id);
  }
  if (!app.store.incidents.has(incident.id)) crash('incident vanished (reset)');
  const version = app.newVersion(incident, url === '' ? null : (url as string | null), archive);
  app.newUpdate(incident, { type: 'upload_version', api_token_id: token.id, media_version_id: version.id });
  const result = versionJson(version, app.baseUrl);
  app.scheduleAutoMetadata(incident);
  app.archiver.enqueue(version);
  return success(result);
}

export function setMetadata(ctx: RouteContext): ApiResponse {
  const { app, token, params } = ctx;
  const version = findVersion(app, params.id);
  if (!version) return denied('media version not found or unauthorized');
  const incident = app.store.incidentOfVersion(version);
  if (!canEditMedia(app, token, incident)) return denied('media version not found or unauthorized');
  const namespace = String(params.namespace);
  version.metadata = { ...version.metadata, [namespace]: structuredClone(params.metadata ?? null) };
  version.updated_at = app.clock.now();
  app.scheduleAutoMetadata(incident);
  return success(versionJson(version, app.baseUrl));
}
