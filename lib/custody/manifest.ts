/**
 * The capture manifest, schema `atlos-browser-capture-manifest/1`: one JSON object that binds the
 * capture's files (by SHA-256), the page and browser facts, the time and the Atlos ids together,
 * signed by the install's key. Pure: no extension APIs, so the verifier runs it in Node too.
 * Adding a field is fine; renaming or removing one needs a new schema version.
 */
import { z } from 'zod';
import { SIGNATURE_ALGORITHMS } from './signing.ts';

export const MANIFEST_SCHEMA = 'atlos-browser-capture-manifest/1';
export const MANIFEST_FILE_NAME = 'capture-manifest.json';
export const TIMESTAMP_FILE_NAME = 'capture-manifest.tsr';
export const MANIFEST_MEDIA_TYPE = 'application/json';
export const TIMESTAMP_MEDIA_TYPE = 'application/timestamp-reply';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const isoTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
const nullableString = z.string().nullable();

const cssRect = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });

/** How a file was made (lib/domain/collected-capture.ts `ArtifactMethod` says what each name means). */
export const artifactMethodSchema = z.looseObject({
  /** visible_tab_capture, stitched_tiles, capture_tab_rect, mhtml, dom_snapshot, page_fetch, background_fetch */
  name: z.string(),
  tiles: z.number().int().optional(),
  scale: z.number().optional(),
  rect: cssRect.optional(),
  crop: cssRect.optional(),
  part: z.object({ index: z.number().int(), count: z.number().int() }).optional(),
  note: z.string().optional(),
});

export const manifestArtifactSchema = z.looseObject({
  kind: z.string(),
  title: z.string(),
  file_name: z.string(),
  size: z.number().int().nonnegative(),
  media_type: z.string(),
  sha256,
  method: artifactMethodSchema,
  /** When this file was made, if the collector recorded it (else null: see `collected_at`). */
  made_at: isoTime.nullable(),
  /** For original media, the URL its bytes came from after redirects. */
  final_url: nullableString,
  /** The id Atlos gave the uploaded file. */
  atlos_artifact_id: nullableString,
});

export const publicKeySchema = z.object({
  algorithm: z.enum(SIGNATURE_ALGORITHMS as [string, ...string[]]),
  spki: z.string(),
  fingerprint: z.string().regex(/^sha256:[0-9a-f]{64}$/),
});

export const manifestSchema = z.looseObject({
  schema: z.literal(MANIFEST_SCHEMA),
  capture_id: z.string(),
  /** When the person clicked (capture began). */
  clicked_at: isoTime,
  /** When every file had been made and stored; each artifact was made between the two. */
  collected_at: isoTime,
  target: z.looseObject({ kind: z.string(), url: z.string(), page_url: z.string() }),
  page: z.looseObject({ url: z.string(), title: nullableString }),
  artifacts: z.array(manifestArtifactSchema),
  environment: z.looseObject({
    tool: z.string(),
    extension_version: z.string(),
    browser: z.string(),
    user_agent: z.string(),
    viewport: z.object({ width: z.number(), height: z.number() }),
    device_pixel_ratio: z.number(),
    zoom: z.number().nullable(),
  }),
  problems: z.array(z.looseObject({ artifact: z.string(), message: z.string() })),
  atlos: z.looseObject({
    instance: nullableString,
    project_id: nullableString,
    incident_slug: nullableString,
    incident_id: nullableString,
    source_material_id: nullableString,
    archived_source_material_id: nullableString,
  }),
  public_key: publicKeySchema,
});

export type CaptureManifest = z.infer<typeof manifestSchema>;
export type ManifestArtifact = z.infer<typeof manifestArtifactSchema>;

/** The file as uploaded: the manifest plus its signature over the canonical bytes of the rest. */
export const signedManifestSchema = manifestSchema.extend({
  signature: z.object({ algorithm: z.string(), value: z.string() }),
});
export type SignedManifest = z.infer<typeof signedManifestSchema>;
