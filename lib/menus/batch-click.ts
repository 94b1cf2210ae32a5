/**
 * The batch items of the menus: `Send links to Atlos…` on a selection, and Firefox's
 * `Send N tabs to Atlos` on the tab strip. Both open the chooser window; nothing is captured
 * before the person picks an incident and presses Capture there.
 */
import type { ChooserBatch } from '../chooser-window';
import type { SelectionLinks } from '../links/normalise';
import type { StoredLinks } from '../links/store';
import type { MenuClickInfo } from './click-target';
import { MENU_LINKS_ID, MENU_TABS_ID } from './menu-items';

export interface BatchClickDeps {
  /** Reads the selection's links in the clicked frame (lib/links/collect.ts), while the click's grant lasts. */
  readSelectionLinks(tabId: number, frameId: number): Promise<SelectionLinks>;
  /** Keeps them for the chooser window; answers the key to pass in its URL (lib/links/store.ts). */
  saveLinks(value: Omit<StoredLinks, 'savedAt'>): Promise<string>;
  openBatchChooser(tabId: number, batch: ChooserBatch): Promise<void>;
}

export type BatchClickOutcome = { kind: 'links'; key: string; count: number } | { kind: 'tabs' } | null;

export function isBatchItem(id: string | number): boolean {
  return id === MENU_LINKS_ID || id === MENU_TABS_ID;
}

/** Null when the click is not one of the batch items (the caller then handles it). */
export async function handleBatchClick(
  info: Pick<MenuClickInfo, 'menuItemId' | 'frameId' | 'pageUrl'>,
  tabId: number,
  deps: BatchClickDeps,
): Promise<BatchClickOutcome> {
  if (info.menuItemId === MENU_TABS_ID) {
    await deps.openBatchChooser(tabId, { tabs: 'selected' });
    return { kind: 'tabs' };
  }
  if (info.menuItemId !== MENU_LINKS_ID) return null;
  const found = await deps.readSelectionLinks(tabId, info.frameId ?? 0);
  // The page the links were found on is the tab's page, also for a click in a frame.
  const pageUrl = info.pageUrl || found.pageUrl;
  const key = await deps.saveLinks({ ...found, pageUrl, tabId });
  // Opened also when nothing was found: the window says so, next to the page it looked at.
  await deps.openBatchChooser(tabId, { links: key });
  return { kind: 'links', key, count: found.links.length };
}
