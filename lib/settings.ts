/**
 * Capture defaults the person sets on the options page; the popup starts from them and the
 * context menu and keyboard shortcut use them as they are. Stored in `storage.local` with a
 * version so later changes migrate instead of breaking saved choices. Their shape, defaults and
 * normalization are in lib/domain/capture-defaults.ts (re-exported here).
 */
import { storage } from 'wxt/utils/storage';
import {
  CAPTURE_DEFAULTS_KEY,
  DEFAULT_CAPTURE_DEFAULTS,
  normalizeCaptureDefaults,
  type CaptureDefaults,
} from './domain/capture-defaults';

export * from './domain/capture-defaults';

/**
 * A WXT item with `migrations` reads
 * storage to migrate as soon as it is defined (`defineItem` in
 * https://github.com/wxt-dev/wxt/blob/main/packages/storage/src/index.ts), which must not happen
 * while the popup opens: the popup reads the key itself (entrypoints/popup/local-keys.ts) and never
 * imports this module. Marked pure so that a page importing only the re-exported helpers leaves it
 * out. The background and the options page define it and migrate.
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
