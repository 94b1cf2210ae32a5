// In-memory database of the stand-in with the indexes the routes need (by project, by slug, by id).
import type { ApiToken, Incident, Project, StoredFile, Update, User, Version } from './model.ts';

export interface Clock {
  now(): number;
  /** A strictly increasing creation time: Atlos stores microseconds, so records made in one ms still order. */
  stamp(): number;
  advance(ms: number): void;
  reset(): void;
}

export function createClock(): Clock {
  let offset = 0;
  let last = 0;
  return {
    now: () => Date.now() + offset,
    stamp: () => {
      last = Math.max(Date.now() + offset, last + 1);
      return last;
    },
    advance: (ms) => {
      offset += ms;
    },
    reset: () => {
      offset = 0;
      last = 0;
    },
  };
}

export class Store {
  projects = new Map<string, Project>();
  tokensByValue = new Map<string, ApiToken>();
  tokens: ApiToken[] = [];
  users: User[] = [];
  incidents = new Map<string, Incident>();
  incidentsByProject = new Map<string, Incident[]>();
  incidentsBySlug = new Map<string, Incident>();
  versions = new Map<string, Version>();
  versionsByProject = new Map<string, Version[]>();
  updatesByProject = new Map<string, Update[]>();
  /** Artifact id → file on disk (served at /__files/<id>). */
  files = new Map<string, StoredFile>();

  addProject(project: Project): void {
    this.projects.set(project.id, project);
    this.incidentsByProject.set(project.id, []);
    this.versionsByProject.set(project.id, []);
    this.updatesByProject.set(project.id, []);
  }

  addToken(token: ApiToken): void {
    this.tokens.push(token);
    if (token.isActive) this.tokensByValue.set(token.value, token);
  }

  addIncident(incident: Incident): void {
    this.incidents.set(incident.id, incident);
    this.incidentsBySlug.set(incident.slug, incident);
    this.incidentsByProject.get(incident.projectId)?.push(incident);
  }

  addVersion(incident: Incident, version: Version): void {
    incident.versions.push(version);
    this.versions.set(version.id, version);
    this.versionsByProject.get(incident.projectId)?.push(version);
  }

  addUpdate(update: Update): void {
    this.updatesByProject.get(update.projectId)?.push(update);
  }

  projectOf(incident: Incident): Project {
    const project = this.projects.get(incident.projectId);
    if (!project) throw new Error(`incident ${incident.id} has no project`);
    return project;
  }

  incidentOfVersion(version: Version): Incident {
    const incident = this.incidents.get(version.incident_id);
    if (!incident) throw new Error(`version ${version.id} has no incident`);
    return incident;
  }
}

/** The auto-metadata job of Atlos: source URLs of visible versions, display slug, project code (docs/atlos-api-behaviour.md §5.2). */
export function runAutoMetadata(store: Store, incident: Incident): void {
  const project = store.projectOf(incident);
  incident.auto_metadata = {
    source_urls: incident.versions
      .filter((v) => v.visibility === 'visible' && typeof v.source_url === 'string' && v.source_url !== '')
      .map((v) => v.source_url as string),
    displayed_slug: `${project.code}-${incident.slug}`,
    project_code: project.code,
  };
  refreshSearchText(store, incident);
}

/** Recomputes the ILIKE text and the tsvector-like token string (docs/atlos-api-behaviour.md §5.2 `query`). */
export function refreshSearchText(store: Store, incident: Incident): void {
  const customStrings: string[] = [];
  for (const value of Object.values(incident.custom)) {
    if (typeof value === 'string') customStrings.push(value);
    else if (Array.isArray(value)) for (const v of value) if (typeof v === 'string') customStrings.push(v);
  }
  const project = store.projects.get(incident.projectId);
  const generalLocation = project?.attributes.find((a) => a.name === 'Reported Near');
  const locationValue = generalLocation ? incident.custom[generalLocation.id] : undefined;
  const autoStrings = incident.auto_metadata
    ? [
        ...incident.auto_metadata.source_urls,
        incident.auto_metadata.displayed_slug,
        incident.auto_metadata.project_code,
      ]
    : [];
  const vectorParts = [
    incident.slug,
    incident.attr_description,
    incident.attr_more_info ?? '',
    ...customStrings,
    typeof locationValue === 'string' ? locationValue : '',
    ...(incident.attr_restrictions ?? []),
    ...incident.attr_sensitive,
    incident.attr_status ?? '',
    ...autoStrings,
  ];
  const rawJson =
    JSON.stringify(incident.custom) + (incident.auto_metadata ? JSON.stringify(incident.auto_metadata) : '');
  const vectorText = vectorParts.join(' ').toLowerCase();
  incident.searchTokens = vectorText;
  incident.searchText = `${vectorText} ${rawJson.toLowerCase()}`;
}

/** Roughly PostgreSQL's `simple` text-search parser: lower-cased runs of letters and digits. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
}
