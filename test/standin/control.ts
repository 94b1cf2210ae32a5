// The control interface for tests: a programmatic object and the same operations over HTTP under /__standin/.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from './app.ts';
import type { Faults, FaultSpec, RandomFaultConfig } from './faults.ts';
import {
  geolocationJson,
  projectJson,
  timestamp,
  updateJson,
  versionJson,
  type GeolocationJson,
  type ProjectJson,
  type SourceMaterialJson,
  type UpdateJson,
} from './json.ts';
import type { Artifact, Incident, User } from './model.ts';
import type { RequestLog, RequestRecord } from './request-log.ts';
import { sendJson } from './respond.ts';

/**
 * An incident as the stand-in holds it: the Atlos JSON fields without the embedded project, plus what the API
 * hides (project id, time, assignments, custom values, auto_metadata, version ids).
 */
export type StateIncident = Pick<
  Incident,
  | 'id'
  | 'slug'
  | 'attr_description'
  | 'attr_more_info'
  | 'attr_date'
  | 'attr_geolocation_resolution'
  | 'attr_restrictions'
  | 'attr_sensitive'
  | 'attr_status'
  | 'attr_tags'
  | 'attr_time'
  | 'attr_assignments'
  | 'custom'
  | 'deleted'
  | 'auto_metadata'
> & {
  project_id: string;
  attr_geolocation: GeolocationJson | null;
  version_ids: string[];
  inserted_at: string;
  updated_at: string;
};

/** A source material whose artifacts keep their internal fields (stored name, uploading token) beside the download URL. */
export type StateSourceMaterial = Omit<SourceMaterialJson, 'artifacts'> & {
  artifacts: (Artifact & { access_url: string })[];
};

/** An update with the fields the API hides (the old value, hidden, its project). */
export type StateUpdate = UpdateJson & { old_value: unknown; hidden: boolean; project_id: string };

export interface StandinState {
  projects: ProjectJson[];
  incidents: StateIncident[];
  sourceMaterial: StateSourceMaterial[];
  updates: StateUpdate[];
}

export interface StandinControl {
  /** Deep copy of everything; `only` (additive) copies just those parts and leaves the others empty. */
  state(only?: StatePart[]): StandinState;
  requests(): RequestRecord[];
  clearRequests(): void;
  injectFault(fault: FaultSpec): void;
  randomFaults(config: RandomFaultConfig | null): void;
  clearFaults(): void;
  faultStats(): { injected: number; byKind: Record<string, number> };
  setOffline(offline: boolean): void;
  finishArchiveJobs(): Promise<void>;
  advanceClock(ms: number): void;
  /**
   * A colleague acts on an incident outside the extension: `by.username` is a person in the web app
   * (a seeded user), `by.tokenId` another API token. Returns the new source material's id.
   */
  addSourceMaterialAs(args: { slug: string; url: string; archive?: boolean; by: Colleague }): string;
  addCommentAs(args: { slug: string; text: string; by: Colleague }): void;
  reset(): void;
}

export type Colleague = { username: string } | { tokenId: string };

export interface ControlDeps {
  app: App;
  faults: Faults;
  log: RequestLog;
  setOffline(offline: boolean): void;
}

export type StatePart = keyof StandinState;
const ALL_PARTS: StatePart[] = ['projects', 'incidents', 'sourceMaterial', 'updates'];

/**
 * Internal view: incidents without the embedded project, plus fields the API hides (time, assignments,
 * auto_metadata). `only` (additive) limits the copy to some parts; the others come back empty, which keeps
 * polling cheap with 10,000 incidents.
 */
export function snapshotState(app: App, only: StatePart[] = ALL_PARTS): StandinState {
  const store = app.store;
  const want = new Set(only);
  const incidents = !want.has('incidents')
    ? []
    : [...store.incidents.values()].map((i): StateIncident => ({
        id: i.id,
        slug: i.slug,
        project_id: i.projectId,
        attr_description: i.attr_description,
        attr_more_info: i.attr_more_info,
        attr_date: i.attr_date,
        attr_geolocation: geolocationJson(i),
        attr_geolocation_resolution: i.attr_geolocation_resolution,
        attr_restrictions: i.attr_restrictions,
        attr_sensitive: i.attr_sensitive,
        attr_status: i.attr_status,
        attr_tags: i.attr_tags,
        attr_time: i.attr_time,
        attr_assignments: i.attr_assignments,
        custom: i.custom,
        deleted: i.deleted,
        auto_metadata: i.auto_metadata,
        version_ids: i.versions.map((v) => v.id),
        inserted_at: timestamp(i.inserted_at),
        updated_at: timestamp(i.updated_at),
      }));
  const sourceMaterial = !want.has('sourceMaterial')
    ? []
    : [...store.versions.values()].map((v): StateSourceMaterial => ({
        ...versionJson(v, app.baseUrl),
        artifacts: v.artifacts.map((a) => ({ ...a, access_url: `${app.baseUrl}/__files/${a.id}` })),
      }));
  const updates = !want.has('updates')
    ? []
    : [...store.updatesByProject.values()].flat().map((u): StateUpdate => ({
        ...updateJson(u),
        old_value: u.old_value,
        hidden: u.hidden,
        project_id: u.projectId,
      }));
  const projects = !want.has('projects') ? [] : [...store.projects.values()].map(projectJson);
  // One JSON round trip makes the deep copy (much faster than cloning piece by piece at 10,000 incidents).
  return JSON.parse(JSON.stringify({ projects, incidents, sourceMaterial, updates })) as StandinState;
}

export function createControl(deps: ControlDeps): StandinControl {
  const { app, faults, log } = deps;
  return {
    state: (only) => snapshotState(app, only),
    requests: () => log.all(),
    clearRequests: () => log.clear(),
    injectFault: (fault) => faults.inject(fault),
    randomFaults: (config) => faults.setRandom(config),
    clearFaults: () => faults.clear(),
    faultStats: () => faults.stats(),
    setOffline: (offline) => deps.setOffline(offline),
    finishArchiveJobs: async () => app.archiver.finishAll(),
    advanceClock: (ms) => app.clock.advance(ms),
    addSourceMaterialAs: ({ slug, url, archive, by }) => {
      const incident = incidentBySlug(app, slug);
      const version = app.newVersion(incident, url, archive === true);
      app.newUpdate(incident, { type: 'upload_version', media_version_id: version.id, ...actor(app, by) });
      return version.id;
    },
    addCommentAs: ({ slug, text, by }) => {
      app.newUpdate(incidentBySlug(app, slug), { type: 'comment', explanation: text, ...actor(app, by) });
    },
    reset: () => {
      app.reseed();
      faults.clear();
      faults.resetStats();
      log.clear();
      deps.setOffline(false);
    },
  };
}

function incidentBySlug(app: App, slug: string): Incident {
  const incident = app.store.incidentsBySlug.get(slug.toUpperCase());
  if (!incident) throw new Error(`no incident ${slug}`);
  return incident;
}

function actor(app: App, by: Colleague): { user: User | null; api_token_id: string | null } {
  if ('tokenId' in by) return { user: null, api_token_id: by.tokenId };
  const user = app.store.users.find((u) => u.username === by.username);
  if (!user) throw new Error(`no user ${by.username}`);
  return { user, api_token_id: null };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  return text === '' ? null : JSON.parse(text);
}

/** HTTP form of the control interface (no auth; never under /api). */
export async function handleControlHttp(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  control: StandinControl,
  fixtures: () => unknown,
): Promise<void> {
  const route = `${req.method ?? 'GET'} ${path.replace(/\/+$/, '')}`;
  // Unlike /api (no CORS at all), the control interface may be called from test pages on other origins.
  res.setHeader('access-control-allow-origin', '*');
  if (req.method === 'OPTIONS') {
    res
      .writeHead(204, { 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': 'content-type' })
      .end();
    return;
  }
  try {
    const body = req.method === 'POST' ? await readJson(req) : null;
    const field = (name: string): unknown =>
      typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
    switch (route) {
      case 'GET /__standin/fixtures':
        return sendJson(res, 200, fixtures());
      case 'GET /__standin/state': {
        const only = new URL(req.url ?? '/', 'http://x').searchParams.get('only');
        return sendJson(res, 200, control.state(only ? (only.split(',') as StatePart[]) : undefined));
      }
      case 'GET /__standin/requests':
        return sendJson(res, 200, control.requests());
      case 'POST /__standin/requests/clear':
        control.clearRequests();
        break;
      case 'POST /__standin/faults':
        control.injectFault(body as FaultSpec);
        break;
      case 'POST /__standin/faults/random':
        control.randomFaults(body as RandomFaultConfig | null);
        break;
      case 'POST /__standin/faults/clear':
        control.clearFaults();
        break;
      case 'GET /__standin/faults/stats':
        return sendJson(res, 200, control.faultStats());
      case 'POST /__standin/offline':
        control.setOffline(field('offline') === true);
        break;
      case 'POST /__standin/archive/finish':
        await control.finishArchiveJobs();
        break;
      case 'POST /__standin/clock/advance':
        control.advanceClock(Number(field('ms') ?? 0));
        break;
      case 'POST /__standin/reset':
        control.reset();
        break;
      case 'POST /__standin/colleague/source-material':
        return sendJson(res, 200, {
          id: control.addSourceMaterialAs(body as Parameters<StandinControl['addSourceMaterialAs']>[0]),
        });
      case 'POST /__standin/colleague/comment':
        control.addCommentAs(body as Parameters<StandinControl['addCommentAs']>[0]);
        break;
      default:
        return sendJson(res, 404, { error: `unknown control route ${route}` });
    }
    sendJson(res, 200, { ok: true });
  } catch (error) {
    sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
  }
}
