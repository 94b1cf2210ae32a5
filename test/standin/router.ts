// The ten v2 routes (plus legacy v1) and path matching; route names are what faults target.
import type { RouteHandler } from './http.ts';
import { createIncident } from './routes/create-incident.ts';
import { listAllMediaV1, listAllVersionsV1, listProjectIncidents } from './routes/incidents.ts';
import {
  createSourceMaterial,
  getSourceMaterial,
  listProjectSourceMaterial,
  setMetadata,
} from './routes/source-material.ts';
import { updateAttribute } from './routes/update-attribute.ts';
import { uploadFile } from './routes/upload.ts';
import { addComment, listUpdates } from './routes/updates.ts';

export interface Route {
  method: 'GET' | 'POST';
  pattern: string;
  apiVersion: 'v1' | 'v2';
  handler: RouteHandler;
}

export const ROUTES: Route[] = [
  { method: 'GET', pattern: '/api/v2/source_material', apiVersion: 'v2', handler: listProjectSourceMaterial },
  { method: 'GET', pattern: '/api/v2/source_material/:id', apiVersion: 'v2', handler: getSourceMaterial },
  { method: 'POST', pattern: '/api/v2/source_material/new/:slug', apiVersion: 'v2', handler: createSourceMaterial },
  { method: 'POST', pattern: '/api/v2/incidents/new', apiVersion: 'v2', handler: createIncident },
  {
    method: 'POST',
    pattern: '/api/v2/source_material/metadata/:id/:namespace',
    apiVersion: 'v2',
    handler: setMetadata,
  },
  { method: 'POST', pattern: '/api/v2/source_material/upload/:id', apiVersion: 'v2', handler: uploadFile },
  { method: 'GET', pattern: '/api/v2/incidents', apiVersion: 'v2', handler: listProjectIncidents },
  { method: 'GET', pattern: '/api/v2/updates', apiVersion: 'v2', handler: listUpdates },
  { method: 'POST', pattern: '/api/v2/add_comment/:slug', apiVersion: 'v2', handler: addComment },
  { method: 'POST', pattern: '/api/v2/update/:slug/:attribute', apiVersion: 'v2', handler: updateAttribute },
  { method: 'GET', pattern: '/api/v1/media_versions', apiVersion: 'v1', handler: listAllVersionsV1 },
  { method: 'GET', pattern: '/api/v1/media', apiVersion: 'v1', handler: listAllMediaV1 },
];

export interface RouteMatch {
  route: Route;
  name: string;
  pathParams: Record<string, string>;
}

/** Matches a request; HEAD is served by GET routes and trailing slashes are tolerated (§9). */
export function matchRoute(method: string, path: string): RouteMatch | null {
  const effective = method === 'HEAD' ? 'GET' : method;
  const segments = path.replace(/\/+$/, '').split('/');
  for (const route of ROUTES) {
    if (route.method !== effective) continue;
    const pattern = route.pattern.split('/');
    if (pattern.length !== segments.length) continue;
    const pathParams: Record<string, string> = {};
    let matched = true;
    for (let i = 0; i < pattern.length && matched; i++) {
      const part = pattern[i] ?? '';
      const actual = segments[i] ?? '';
      if (part.startsWith(':')) {
        if (actual === '') matched = false;
        else pathParams[part.slice(1)] = safeDecode(actual);
      } else if (part !== actual) matched = false;
    }
    if (matched) return { route, name: `${route.method} ${route.pattern}`, pathParams };
  }
  return null;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Phoenix `accepts ["json"]`: missing header, any-type (star/star) or `application/json` pass; anything else is a 406. */
export function acceptsJson(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return accept.split(',').some((entry) => {
    const type = entry.split(';')[0]?.trim().toLowerCase();
    // Phoenix's `accepts` plug matches a `type/*` wildcard against the format's MIME type, so
    // `application/*` is as good as `application/json`
    // (https://github.com/phoenixframework/phoenix/blob/main/lib/phoenix/controller.ex, `accepts/2`).
    return type === '*/*' || type === 'application/*' || type === 'application/json';
  });
}
