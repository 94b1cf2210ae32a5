/**
 * zod schemas for every Atlos API v2 response shape (docs/atlos-api-behaviour.md §4). Objects are loose: Atlos may
 * add keys (and adds deprecated mirror keys per project), which we keep rather than reject. Fields
 * the extension relies on (ids, slugs, statuses, page links) are required and typed.
 */
import { z } from 'zod';

/** Naive ISO-8601 UTC timestamps without a zone suffix, e.g. "2025-03-01T12:34:56". */
const Timestamp = z.string();
const Id = z.string().min(1);

export const UserSchema = z.looseObject({
  id: Id,
  username: z.string(),
  bio: z.string().nullish(),
  flair: z.string().nullish(),
});

export const ArtifactSchema = z.looseObject({
  id: Id,
  /** `upload`, `media`, `viewport`, `fullpage`, `pdf`, `wacz`, `direct_file`, `other` (kept open). */
  type: z.string(),
  title: z.string().nullish(),
  file_hash_sha256: z.string().nullish(),
  file_size: z.number().nullish(),
  mime_type: z.string().nullish(),
  perceptual_hashes: z.unknown().optional(),
  /** Signed URL on another origin: fetch it without the Authorization header. */
  access_url: z.string().nullish(),
});

export const SourceMaterialStatusSchema = z.enum(['pending', 'complete', 'error']);
export const UploadTypeSchema = z.enum(['direct', 'user_provided']);
export const VisibilitySchema = z.enum(['visible', 'hidden', 'removed']);

export const SourceMaterialSchema = z.looseObject({
  id: Id,
  incident_id: Id,
  scoped_id: z.number().int(),
  source_url: z.string().nullish(),
  status: SourceMaterialStatusSchema,
  upload_type: UploadTypeSchema,
  visibility: VisibilitySchema,
  metadata: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((m) => m ?? {}),
  artifacts: z
    .array(ArtifactSchema)
    .nullish()
    .transform((a) => a ?? []),
  inserted_at: Timestamp,
  updated_at: Timestamp,
});

export const ProjectAttributeDefinitionSchema = z.looseObject({
  name: z.string(),
  description: z.string().nullish(),
  /** `select`, `text`, `date`, `multi_select` (kept open). */
  type: z.string(),
  options: z.array(z.string()).nullish(),
});

export const ProjectSchema = z.looseObject({
  id: Id,
  name: z.string(),
  code: z.string(),
  description: z.string().nullish(),
  color: z.string().nullish(),
  active: z.boolean(),
  /** All custom attributes, disabled ones included; no ids here (docs/atlos-api-behaviour.md §4.2). */
  attributes: z
    .array(ProjectAttributeDefinitionSchema)
    .nullish()
    .transform((a) => a ?? []),
});

/** The only place the API exposes custom-attribute UUIDs (docs/atlos-api-behaviour.md §4.1). */
export const ProjectAttributeValueSchema = z.looseObject({
  name: z.string(),
  id: Id,
  value: z.unknown(),
});

export const GeoJsonPointSchema = z.looseObject({
  type: z.string(),
  /** [longitude, latitude]: longitude first, unlike the "lat,lon" input string (docs/atlos-api-behaviour.md §4.7). */
  coordinates: z.array(z.number()),
});

export const IncidentSchema = z.looseObject({
  id: Id,
  slug: z.string().min(1),
  attr_description: z.string(),
  attr_more_info: z.string().nullish(),
  attr_date: z.string().nullish(),
  attr_geolocation: GeoJsonPointSchema.nullish(),
  attr_geolocation_resolution: z.string().nullish(),
  attr_restrictions: z.array(z.string()).nullish(),
  attr_sensitive: z.array(z.string()).nullish(),
  /** Null in the creation response even though the stored default is "To Do" (docs/atlos-api-behaviour.md §7.4). */
  attr_status: z.string().nullish(),
  attr_tags: z.array(z.string()).nullish(),
  deleted: z.boolean().nullish(),
  inserted_at: Timestamp,
  updated_at: Timestamp,
  project: ProjectSchema,
  /** Identical to `source_material`; all versions, hidden and removed included. */
  versions: z.array(SourceMaterialSchema).optional(),
  source_material: z.array(SourceMaterialSchema).optional(),
  project_attributes: z
    .array(ProjectAttributeValueSchema)
    .nullish()
    .transform((a) => a ?? []),
  // Deprecated core mirrors, present only when the project has the matching custom attribute (docs/atlos-api-behaviour.md §4.1).
  attr_type: z.array(z.unknown()).nullish(),
  attr_impact: z.array(z.unknown()).nullish(),
  attr_equipment: z.array(z.unknown()).nullish(),
  attr_general_location: z.unknown().optional(),
});

export const UpdateSchema = z.looseObject({
  id: Id,
  /** `update_attribute`, `create`, `upload_version`, `comment`, `delete`, … (kept open). */
  type: z.string(),
  /** The incident's UUID, never its slug. */
  media_id: Id,
  user_id: z.string().nullish(),
  user: UserSchema.nullish(),
  api_token_id: z.string().nullish(),
  media_version_id: z.string().nullish(),
  modified_attribute: z.string().nullish(),
  explanation: z.string().nullish(),
  attachments: z.array(z.string()).nullish(),
  attachment_urls: z.array(z.string()).nullish(),
  inserted_at: Timestamp,
  /** Unreliable (may hold the old value) and `old_value` never exists (docs/atlos-api-behaviour.md §4.5): re-read instead. */
  new_value: z.unknown().optional(),
});

export function listPageSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    results: z.array(item),
    next: z
      .string()
      .nullish()
      .transform((v) => v || null),
    previous: z
      .string()
      .nullish()
      .transform((v) => v || null),
  });
}

export function successResultSchema<T extends z.ZodType>(result: T) {
  return z.looseObject({ success: z.literal(true), result });
}

export const SuccessSchema = z.looseObject({ success: z.literal(true) });

export const IncidentPageSchema = listPageSchema(IncidentSchema);
export const SourceMaterialPageSchema = listPageSchema(SourceMaterialSchema);
export const UpdatePageSchema = listPageSchema(UpdateSchema);

export type User = z.infer<typeof UserSchema>;
export type Artifact = z.infer<typeof ArtifactSchema>;
export type SourceMaterialStatus = z.infer<typeof SourceMaterialStatusSchema>;
export type SourceMaterial = z.infer<typeof SourceMaterialSchema>;
export type Project = z.infer<typeof ProjectSchema>;
export type ProjectAttributeValue = z.infer<typeof ProjectAttributeValueSchema>;
export type Incident = z.infer<typeof IncidentSchema>;
export type Update = z.infer<typeof UpdateSchema>;
