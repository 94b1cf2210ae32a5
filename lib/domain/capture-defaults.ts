/**
 * Capture defaults the person sets on the options page: their shape, default values and
 * normalization, without the storage item (lib/settings.ts). Apart so that a page reading the
 * key itself (the popup, entrypoints/popup/local-keys.ts) does not load WXT's storage helper.
 */

export interface CaptureDefaults {
  /** Ask Atlos to archive the page itself (its own crawler). */
  archive: boolean;
  viewportScreenshot: boolean;
  fullPageScreenshot: boolean;
  /** MHTML (Chromium) / HTML snapshot of the page. */
  pageArchive: boolean;
  /** Upload the original bytes of a clicked image, video or audio. */
  originalMedia: boolean;
  /** Metadata namespace on the source material (`POST …/metadata/:id/:namespace`). */
  metadataNamespace: string;
  /** Media larger than this is linked, not uploaded. */
  maxMediaBytes: number;
  /** Most items one batch may hold (BATCH_SIZE_CAP_RANGE): a batch never floods the instance or the browser. */
  batchSizeCap: number;
}

export const MB = 1024 * 1024;

export const DEFAULT_BATCH_SIZE_CAP = 50;
export const BATCH_SIZE_CAP_RANGE = { min: 1, max: 200 } as const;

export const DEFAULT_CAPTURE_DEFAULTS: CaptureDefaults = {
  archive: true,
  viewportScreenshot: true,
  fullPageScreenshot: true,
  pageArchive: true,
  originalMedia: true,
  metadataNamespace: 'browser_capture',
  maxMediaBytes: 250 * MB,
  batchSizeCap: DEFAULT_BATCH_SIZE_CAP,
};

/** Keys the Atlos archiver writes into source-material metadata; ours must not overwrite them. */
export const RESERVED_NAMESPACES = [
  'auto_archive_successful',
  'crawl_successful',
  'page_info',
  'content_info',
  'is_likely_authwalled',
] as const;

export type NamespaceProblem = 'empty' | 'slash' | 'reserved' | 'too_long';

/** Why a metadata namespace cannot be used, or null when it can. The namespace is a URL path segment. */
export function namespaceProblem(namespace: string): NamespaceProblem | null {
  const value = namespace.trim();
  if (!value) return 'empty';
  if (value.includes('/')) return 'slash';
  if (value.length > 100) return 'too_long';
  if ((RESERVED_NAMESPACES as readonly string[]).includes(value)) return 'reserved';
  return null;
}

/**
 * Fills missing or malformed fields from the defaults, so a value saved by an older version
 * (or edited by hand) always yields a complete, valid object.
 */
export function normalizeCaptureDefaults(value: unknown): CaptureDefaults {
  const input = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const bool = (key: keyof CaptureDefaults) =>
    typeof input[key] === 'boolean' ? (input[key] as boolean) : (DEFAULT_CAPTURE_DEFAULTS[key] as boolean);
  const namespace =
    typeof input.metadataNamespace === 'string' && namespaceProblem(input.metadataNamespace) === null
      ? input.metadataNamespace.trim()
      : DEFAULT_CAPTURE_DEFAULTS.metadataNamespace;
  const max = input.maxMediaBytes;
  const cap = input.batchSizeCap;
  return {
    archive: bool('archive'),
    viewportScreenshot: bool('viewportScreenshot'),
    fullPageScreenshot: bool('fullPageScreenshot'),
    pageArchive: bool('pageArchive'),
    originalMedia: bool('originalMedia'),
    metadataNamespace: namespace,
    maxMediaBytes:
      typeof max === 'number' && Number.isFinite(max) && max > 0
        ? Math.floor(max)
        : DEFAULT_CAPTURE_DEFAULTS.maxMediaBytes,
    batchSizeCap:
      typeof cap === 'number' && Number.isFinite(cap)
        ? Math.min(BATCH_SIZE_CAP_RANGE.max, Math.max(BATCH_SIZE_CAP_RANGE.min, Math.floor(cap)))
        : DEFAULT_BATCH_SIZE_CAP,
  };
}

export const CAPTURE_DEFAULTS_KEY = 'local:captureDefaults' as const;
