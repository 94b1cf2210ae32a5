// GET /api/v2/incidents with the search of §5, plus the legacy v1 lists (§2.12).
import type { Incident } from '../model.ts';
import { compareKeys, type CursorKey, paginate, verifyCursor } from '../cursor.ts';
import { BAD_CURSOR, crash, type RouteContext, type ApiResponse } from '../http.ts';
import { incidentJson } from '../json.ts';
import { editedByJoin, incidentFilters, incidentOrder } from '../search.ts';
import { listSourceMaterial } from './source-material.ts';

function listIncidents(ctx: RouteContext, incidents: Incident[], projectId: string | null, limit: number): ApiResponse {
  const { app, token, params } = ctx;
  const order = incidentOrder(params);
  const filters = projectId === null ? [] : incidentFilters(params, projectId);
  let after: CursorKey | null = null;
  if ('cursor' in params) {
    after = verifyCursor(params.cursor, token.value, app.clock.now());
    if (!after) return BAD_CURSOR;
    // A date sort's cursor taken on an incident without a date compares against NULL, and Atlos
    // answers the next page with an empty 500 (§3.6).
    if (typeof params.sort === 'string' && params.sort.startsWith('date_') && after[0] === null)
      crash('cursor compares NULL');
  }
  let matching = incidents.filter((i) => filters.every((f) => f(i)));
  if (projectId !== null) matching = editedByJoin(params, matching, app.store.updatesByProject.get(projectId) ?? []);
  const keyed = matching.map((incident) => ({ incident, key: order.keyOf(incident) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key, order.directions));
  const page = paginate(keyed, (k) => k.key, order.directions, after, limit, token.value, app.clock.now());
  return {
    status: 200,
    body: {
      results: page.results.map((k) => incidentJson(app.store, k.incident, app.baseUrl)),
      next: page.next,
      previous: page.previous,
    },
  };
}

export function listProjectIncidents(ctx: RouteContext): ApiResponse {
  const projectId = ctx.token.projectId ?? '';
  return listIncidents(ctx, ctx.app.store.incidentsByProject.get(projectId) ?? [], projectId, 100);
}

export function listAllMediaV1(ctx: RouteContext): ApiResponse {
  return listIncidents(ctx, [...ctx.app.store.incidents.values()], null, 50);
}

export function listAllVersionsV1(ctx: RouteContext): ApiResponse {
  return listSourceMaterial(ctx, [...ctx.app.store.versions.values()], 50);
}
