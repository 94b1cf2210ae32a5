/**
 * Capture defaults the person sets on the options page; the popup starts from them and the
 * context menu and keyboard shortcut use them as they are. Stored in `storage.local` with a
 * version so later changes migrate instead of breaking saved choices.
 */
import { storage } from 'wxt/utils/storage';

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

/**
 * Marked pure so a page that imports only the plain helpers above (the popup reads the key itself,
 * entrypoints/popup/api.ts) leaves the item out of its bundle: a WXT item with `migrations` reads
 * storage to migrate as soon as it is defined (`defineItem` in
 * https://github.com/wxt-dev/wxt/blob/main/packages/storage/src/index.ts), which must not happen
 * while the popup opens. The background and the options page define it and migrate.
 */
export const captureDefaultsItem = /* @__PURE__ */ storage.defineItem<CaptureDefaults>(CAPTURE_DEFAULTS_KEY, {
  version: 1,
  fallback: DEFAULT_CAPTURE_DEFAULTS,
  // Version 1 is the first shape. A future version 2 adds `2: (v1) => ({ ...v1, newField })` here;
  // values written before versioning count as v1 and are normalized on read.
  migrations: {},
});

export async function getCaptureDefaults(): Promise<CaptureDefaults> {
  return normalizeCaptureDefaults(await captureDefaultsItem.getValue());
}

export async function setCaptureDefaults(value: CaptureDefaults): Promise<void> {
  await captureDefaultsItem.setValue(normalizeCaptureDefaults(value));
}
