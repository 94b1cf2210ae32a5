/**
 * The metadata written to Atlos, schema `atlos-browser-capture/1` (README.md, "What a capture contains").
 * Adding a field is fine; renaming or removing one needs a new schema version.
 */
import { z } from 'zod';
import type { CollectedCapture } from '../domain/collected-capture';

export const METADATA_SCHEMA = 'atlos-browser-capture/1';

const nullableString = z.string().nullable();

export const captureMetadataSchema = z.object({
  schema: z.literal(METADATA_SCHEMA),
  captured_at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
  tool: z.object({ name: z.string(), version: z.string(), browser: z.string(), user_agent: z.string() }),
  target: z.object({
    kind: z.enum(['page', 'link', 'image', 'video', 'audio', 'selection']),
    url: z.string(),
    page_url: z.string(),
    /** Added fields: a link sent from a selection, its text and its 1-based position there. */
    link_text: z.string().optional(),
    link_position: z.number().int().positive().optional(),
  }),
  page: z.object({
    url: z.string(),
    title: nullableString,
    canonical_url: nullableString,
    description: nullableString,
    language: nullableString,
    site_name: nullableString,
    author: nullableString,
    published_at: nullableString,
    opengraph: z.record(z.string(), z.string()),
    json_ld: z.array(z.unknown()),
    /** Added fields (docs/metadata.md): a profile URL never goes into `author`. */
    author_url: nullableString.optional(),
    dir: z.enum(['ltr', 'rtl']).nullable().optional(),
    /** Where each fact came from, so a reader can weigh it. */
    sources: z.record(z.string(), z.enum(['document', 'meta', 'json_ld', 'readability', 'page', 'url'])).optional(),
    /** Readability's article: plain text capped at 100,000 characters, `length` before the cap. */
    article: z
      .object({
        title: nullableString,
        byline: nullableString,
        excerpt: nullableString,
        text: z.string(),
        length: z.number().int().nonnegative(),
        truncated: z.boolean(),
      })
      .nullable()
      .optional(),
  }),
  viewport: z.object({
    width: z.number(),
    height: z.number(),
    device_pixel_ratio: z.number(),
    scroll_width: z.number(),
    scroll_height: z.number(),
  }),
  selection: z.object({ text: z.string(), prefix: z.string(), suffix: z.string() }).nullable(),
  artifacts: z.array(
    z.object({
      kind: z.enum(['viewport_screenshot', 'full_page_screenshot', 'page_archive', 'original_media']),
      title: z.string(),
      file_name: z.string(),
      mime_type: z.string(),
      size: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      server_verified: z.boolean(),
      part: z.object({ index: z.number().int(), count: z.number().int() }).optional(),
      note: z.string().optional(),
    }),
  ),
  archive: z.object({ requested: z.boolean(), source_material_id: z.string().nullable() }),
  /** Added field: what could not be captured and why (empty when everything was captured). */
  problems: z.array(z.object({ artifact: z.string(), message: z.string() })),
  /** Added field: the signed capture manifest uploaded beside the files (docs/custody.md). */
  manifest: z
    .object({
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      public_key_fingerprint: z.string(),
      timestamped: z.boolean(),
    })
    .optional(),
});

export type CaptureMetadata = z.infer<typeof captureMetadataSchema>;

export interface MetadataInputs {
  collected: Omit<CollectedCapture, 'artifacts'> & {
    artifacts: Array<Omit<CollectedCapture['artifacts'][number], 'blob'>>;
  };
  /** SHA-256 values that Atlos reported back (`file_hash_sha256`) for uploaded artifacts. */
  serverHashes: ReadonlySet<string>;
  archive: { requested: boolean; sourceMaterialId: string | null };
  manifest?: CaptureMetadata['manifest'];
  /** Problems found after the click (e.g. a timestamp that could not be had). */
  laterProblems?: CaptureMetadata['problems'];
}

export function buildCaptureMetadata({
  collected,
  serverHashes,
  archive,
  manifest,
  laterProblems = [],
}: MetadataInputs): CaptureMetadata {
  return {
    schema: METADATA_SCHEMA,
    captured_at: collected.capturedAt,
    tool: collected.tool,
    target: collected.target,
    page: collected.page,
    viewport: collected.viewport,
    selection: collected.selection,
    artifacts: collected.artifacts.map((artifact) => ({
      kind: artifact.kind,
      title: artifact.title,
      file_name: artifact.fileName,
      mime_type: artifact.mimeType,
      size: artifact.size,
      sha256: artifact.sha256,
      server_verified: serverHashes.has(artifact.sha256),
      ...(artifact.part ? { part: artifact.part } : {}),
      ...(artifact.note ? { note: artifact.note } : {}),
    })),
    archive: { requested: archive.requested, source_material_id: archive.sourceMaterialId },
    problems: [...collected.problems, ...laterProblems],
    ...(manifest ? { manifest } : {}),
  };
}
