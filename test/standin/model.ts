// Internal data model of the stand-in. Field names follow the Atlos JSON where they are exposed (docs/atlos-api-behaviour.md §4).

export type Permission = 'read' | 'comment' | 'edit';

export interface ApiToken {
  id: string;
  name: string;
  value: string;
  projectId: string | null;
  isLegacy: boolean;
  isActive: boolean;
  permissions: Permission[];
}

export type AttributeType = 'select' | 'text' | 'date' | 'multi_select';

export interface CustomAttribute {
  id: string;
  name: string;
  description: string;
  type: AttributeType;
  options: string[];
  enabled: boolean;
}

export interface Project {
  id: string;
  name: string;
  code: string;
  description: string;
  color: string;
  active: boolean;
  attributes: CustomAttribute[];
}

export interface Artifact {
  id: string;
  file_hash_sha256: string;
  file_size: number;
  mime_type: string;
  perceptual_hashes: null | { computed: { kind: 'phash' | 'tmkl1'; hash: string }[] };
  type: 'upload' | 'media' | 'viewport' | 'fullpage' | 'pdf' | 'wacz' | 'direct_file' | 'other';
  title: string | null;
  /** Stored name (not exposed), as in `original-<tmpname><ext>`. */
  file_location: string;
  uploading_token_id: string | null;
}

export type VersionStatus = 'pending' | 'complete' | 'error';

export interface Version {
  id: string;
  incident_id: string;
  scoped_id: number;
  source_url: string | null;
  status: VersionStatus;
  upload_type: 'direct' | 'user_provided';
  visibility: 'visible' | 'hidden' | 'removed';
  metadata: Record<string, unknown>;
  artifacts: Artifact[];
  inserted_at: number; // ms since epoch (stand-in clock)
  updated_at: number;
}

export interface GeoPoint {
  lat: number;
  lon: number;
}

export interface Incident {
  id: string;
  slug: string;
  projectId: string;
  attr_description: string;
  attr_more_info: string | null;
  attr_date: string | null;
  attr_geolocation: GeoPoint | null;
  attr_geolocation_resolution: string | null;
  attr_restrictions: string[] | null;
  attr_sensitive: string[];
  attr_status: string | null;
  attr_tags: string[] | null;
  attr_time: string | null;
  attr_assignments: string[];
  /** Custom attribute values by attribute UUID (free-form JSON). */
  custom: Record<string, unknown>;
  subscribers: string[];
  deleted: boolean;
  inserted_at: number;
  updated_at: number;
  versions: Version[];
  /** Written by the asynchronous auto-metadata step; source URLs become searchable only after it ran. */
  auto_metadata: { source_urls: string[]; displayed_slug: string; project_code: string } | null;
  /** Precomputed lower-case texts: everything incl. raw JSON (ILIKE), and the tsvector fields (word match). */
  searchText: string;
  searchTokens: string;
}

export type UpdateType =
  | 'update_attribute'
  | 'create'
  | 'upload_version'
  | 'comment'
  | 'delete'
  | 'undelete'
  | 'add_project'
  | 'change_project'
  | 'remove_project';

export interface User {
  id: string;
  username: string;
  bio: string;
  flair: string;
}

export interface Update {
  id: string;
  type: UpdateType;
  media_id: string;
  projectId: string;
  user: User | null;
  api_token_id: string | null;
  media_version_id: string | null;
  modified_attribute: string | null;
  explanation: string | null;
  attachments: string[];
  old_value: unknown;
  new_value: unknown;
  hidden: boolean;
  inserted_at: number;
}

export interface StoredFile {
  path: string;
  mime: string;
}
