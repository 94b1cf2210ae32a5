/**
 * The links found by `Send links to Atlos…`, handed from the background to the chooser window. Kept
 * in `storage.session` (memory only, cleared when the browser closes, not readable by content
 * scripts by default: https://developer.chrome.com/docs/extensions/reference/api/storage#property-session)
 * under a random key that travels in the window's URL (`popup.html?tabId=N&links=<key>`).
 */
import type { SelectionLinks } from './normalise';

export interface StoredLinks extends SelectionLinks {
  /** The tab the links were found in. */
  tabId: number;
  savedAt: string;
}

/** The part of `browser.storage.session` used here. */
export interface SessionArea {
  get(keys: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string): Promise<void>;
}

const PREFIX = 'selectionLinks:';
/** Older lists are dropped when a new one is saved (a person rarely has more than one open). */
const KEEP_MS = 6 * 60 * 60 * 1000;

export function isLinksKey(key: string | null): key is string {
  return !!key && /^[0-9a-f-]{36}$/i.test(key);
}

export async function saveLinks(
  area: SessionArea,
  value: Omit<StoredLinks, 'savedAt'>,
  now = new Date(),
): Promise<string> {
  const key = crypto.randomUUID();
  const all = await area.get(null).catch(() => ({}) as Record<string, unknown>);
  for (const [name, stored] of Object.entries(all)) {
    const savedAt = Date.parse((stored as Partial<StoredLinks> | null)?.savedAt ?? '');
    if (name.startsWith(PREFIX) && !(now.getTime() - savedAt < KEEP_MS)) await area.remove(name);
  }
  await area.set({ [PREFIX + key]: { ...value, savedAt: now.toISOString() } satisfies StoredLinks });
  return key;
}

export async function readLinks(area: SessionArea, key: string): Promise<StoredLinks | null> {
  if (!isLinksKey(key)) return null;
  const value = (await area.get(PREFIX + key))[PREFIX + key] as StoredLinks | undefined;
  return value && Array.isArray(value.links) ? value : null;
}
