/**
 * The `storage.local` data the popup reads and writes itself, by key, through
 * `browser.storage.local`, rather than through the WXT storage items that own these keys
 * (lib/connections/store.ts, lib/incidents/recent.ts, lib/incidents/pinned.ts, lib/settings.ts):
 * importing the items would put WXT's storage helper into the popup's bundle, and an item with a
 * `version` reads storage to migrate as soon as it is defined
 * (https://github.com/wxt-dev/wxt/blob/main/packages/storage/src/index.ts, `defineItem`), on the
 * popup's critical path. Values are stored as the items store them (the value under its key);
 * the items' owners migrate. local-keys.test.ts keeps the keys and fallbacks equal.
 */
import type { CaptureChoices } from '@/components/CaptureOptions';
import type { ConnectionSummary } from '@/lib/connections/protocol';
import type { RecentIncident } from '@/lib/incidents/recent';
import type { IncidentOption } from '@/lib/incidents/types';
import { CAPTURE_DEFAULTS_KEY } from '@/lib/domain/capture-defaults';

/** `local:` keys as WXT names them; `browser.storage.local` takes the part after the colon. */
export const POPUP_STORAGE_KEYS = {
  connections: 'local:connections',
  recent: 'local:recentIncidents',
  pinned: 'local:pinnedIncidents',
  captureDefaults: CAPTURE_DEFAULTS_KEY,
  /** The popup's last choices; owned by the popup (no item elsewhere). */
  choices: 'local:popupCaptureChoices',
} as const;

export const areaKey = (key: `local:${string}`) => key.slice('local:'.length);

/** The part of `browser.storage.local` the popup uses (tests pass an in-memory one). */
export interface LocalArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface StoredPopupData {
  connections: ConnectionSummary[];
  recent: RecentIncident[];
  pinned: IncidentOption[];
  /** Raw: normalized by the caller (lib/domain/capture-defaults.ts `normalizeCaptureDefaults`). */
  captureDefaults: unknown;
  choices: CaptureChoices | null;
}

/** One read for all of it; a missing value is its item's fallback. */
export async function readPopupData(area: LocalArea): Promise<StoredPopupData> {
  const k = POPUP_STORAGE_KEYS;
  const stored = await area.get(Object.values(k).map(areaKey));
  const value = <T>(key: `local:${string}`, fallback: T) => (stored[areaKey(key)] ?? fallback) as T;
  return {
    connections: value<ConnectionSummary[]>(k.connections, []),
    recent: value<RecentIncident[]>(k.recent, []),
    pinned: value<IncidentOption[]>(k.pinned, []),
    captureDefaults: value<unknown>(k.captureDefaults, null),
    choices: value<CaptureChoices | null>(k.choices, null),
  };
}

export async function updatePinned(
  area: LocalArea,
  change: (list: IncidentOption[]) => IncidentOption[],
): Promise<IncidentOption[]> {
  const key = areaKey(POPUP_STORAGE_KEYS.pinned);
  const next = change(((await area.get([key]))[key] as IncidentOption[] | undefined) ?? []);
  await area.set({ [key]: next });
  return next;
}

export function saveChoices(area: LocalArea, choices: CaptureChoices): Promise<void> {
  return area.set({ [areaKey(POPUP_STORAGE_KEYS.choices)]: choices });
}
