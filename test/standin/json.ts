// JSON shapes of docs/atlos-api-behaviour.md §4, built from the internal model. Results share references with the store and
// must be serialised at once (responses are; control.state() round-trips them through JSON).
import type { Artifact, CustomAttribute, Incident, Project, Update, User, Version } from './model.ts';
import type { Store } from './store.ts';

/** An artifact as Atlos serialises it (§4.3). */
export type ArtifactJson = Pick<
  Artifact,
  'id' | 'file_hash_sha256' | 'file_size' | 'mime_type' | 'perceptual_hashes' | 'type' | 'title'
> & {
  access_url: string;
};

/** A source material (media version) as Atlos serialises it (§4.2); timestamps as `timestamp()` strings. */
export type SourceMaterialJson = Pick<
  Version,
  'id' | 'incident_id' | 'scoped_id' | 'source_url' | 'status' | 'upload_type' | 'visibility' | 'metadata'
> & {
  artifacts: ArtifactJson[];
  inserted_at: string;
  updated_at: string;
};

export type ProjectJson = Pick<Project, 'id' | 'name' | 'code' | 'description' | 'color' | 'active'> & {
  attributes: Pick<CustomAttribute, 'name' | 'description' | 'type' | 'options'>[];
};

export type GeolocationJson = {
  type: 'Point';
  coordinates: [number, number];
  crs: { type: 'name'; properties: { name: string } };
};

/** An update as Atlos serialises it (§4.5). */
export type UpdateJson = Pick<
  Update,
  | 'id'
  | 'type'
  | 'media_id'
  | 'api_token_id'
  | 'media_version_id'
  | 'modified_attribute'
  | 'explanation'
  | 'attachments'
> & {
  user_id: string | null;
  user: User | null;
  attachment_urls: string[];
  inserted_at: string;
  new_value: unknown;
};

/** Naive ISO-8601, second precision, no zone suffix (§4.0). */
export function timestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export function artifactJson(artifact: Artifact, baseUrl: string): ArtifactJson {
  return {
    id: artifact.id,
    file_hash_sha256: artifact.file_hash_sha256,
    file_size: artifact.file_size,
    mime_type: artifact.mime_type,
    perceptual_hashes: artifact.perceptual_hashes,
    type: artifact.type,
    title: artifact.title,
    access_url: `${baseUrl}/__files/${artifact.id}`,
  };
}

export function versionJson(version: Version, baseUrl: string): SourceMaterialJson {
  return {
    id: version.id,
    incident_id: version.incident_id,
    scoped_id: version.scoped_id,
    source_url: version.source_url,
    status: version.status,
    upload_type: version.upload_type,
    visibility: version.visibility,
    metadata: version.metadata,
    artifacts: version.artifacts.map((a) => artifactJson(a, baseUrl)),
    inserted_at: timestamp(version.inserted_at),
    updated_at: timestamp(version.updated_at),
  };
}

export function projectJson(project: Project): ProjectJson {
  return {
    id: project.id,
    name: project.name,
    code: project.code,
    description: project.description,
    color: project.color,
    active: project.active,
    attributes: project.attributes.map((a) => ({
      name: a.name,
      description: a.description,
      type: a.type,
      options: [...a.options],
    })),
  };
}

// Deprecated core attributes mirrored from a custom attribute with the same label and type (§4.1).
const DEPRECATED_MIRRORS: { key: string; label: string; type: string }[] = [
  { key: 'attr_type', label: 'Incident Type', type: 'multi_select' },
  { key: 'attr_impact', label: 'Impact', type: 'multi_select' },
  { key: 'attr_equipment', label: 'Equipment Used', type: 'multi_select' },
  { key: 'attr_general_location', label: 'Reported Near', type: 'text' },
];

export function geolocationJson(incident: Incident): GeolocationJson | null {
  const point = incident.attr_geolocation;
  if (!point) return null;
  return {
    type: 'Point',
    coordinates: [point.lon, point.lat],
    crs: { type: 'name', properties: { name: 'EPSG:4326' } },
  };
}

export function incidentJson(store: Store, incident: Incident, baseUrl: string): Record<string, unknown> {
  const project = store.projectOf(incident);
  const versions = incident.versions.map((v) => versionJson(v, baseUrl));
  const json: Record<string, unknown> = {
    id: incident.id,
    slug: incident.slug,
    attr_description: incident.attr_description,
    attr_more_info: incident.attr_more_info,
    attr_date: incident.attr_date,
    attr_geolocation: geolocationJson(incident),
    attr_geolocation_resolution: incident.attr_geolocation_resolution,
    attr_restrictions: incident.attr_restrictions ? [...incident.attr_restrictions] : null,
    attr_sensitive: [...incident.attr_sensitive],
    attr_status: incident.attr_status,
    attr_tags: incident.attr_tags ? [...incident.attr_tags] : null,
    deleted: incident.deleted,
    inserted_at: timestamp(incident.inserted_at),
    updated_at: timestamp(incident.updated_at),
    project: projectJson(project),
    versions,
    source_material: versions,
    project_attributes: project.attributes
      .filter((a) => a.enabled)
      .map((a) => ({ name: a.name, id: a.id, value: incident.custom[a.id] ?? null })),
  };
  for (const mirror of DEPRECATED_MIRRORS) {
    const attr = project.attributes.find((a) => a.enabled && a.name === mirror.label && a.type === mirror.type);
    if (!attr) continue;
    const value = incident.custom[attr.id] ?? null;
    json[mirror.key] = mirror.type === 'multi_select' && value !== null && !Array.isArray(value) ? [value] : value;
  }
  return json;
}

export function updateJson(update: Update): UpdateJson {
  return {
    id: update.id,
    type: update.type,
    media_id: update.media_id,
    user_id: update.user?.id ?? null,
    user: update.user ? { ...update.user } : null,
    api_token_id: update.api_token_id,
    media_version_id: update.media_version_id,
    modified_attribute: update.modified_attribute,
    explanation: update.explanation,
    attachments: [...update.attachments],
    attachment_urls: [],
    inserted_at: timestamp(update.inserted_at),
    // The encoder bug (§4.5): old_value and new_value both land on `new_value`; the stand-in lets the new value win.
    new_value: update.new_value ?? null,
  };
}
