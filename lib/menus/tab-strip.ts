/**
 * Firefox's tab-strip item says how many tabs it will send: its title is set when the menu opens
 * (`menus.onShown`, then `menus.refresh`, which redraws the open menu:
 * https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/menus/onShown).
 * A right-click on a tab that is not part of the selection acts on that tab alone, as Firefox's
 * own tab menu items do.
 */
import { MENU_TABS_ID, escapeMenuText } from './menu-items';

export interface TabStripDeps {
  /** Tabs selected (highlighted) in a window. */
  highlightedTabIds(windowId: number): Promise<number[]>;
  update(id: string, properties: { title: string }): Promise<void>;
  refresh(): Promise<void>;
  /** `Send 1 tab to Atlos` / `Send N tabs to Atlos`, from the locale. */
  title(count: number): string;
}

export interface ShownInfo {
  contexts: string[];
  menuIds: Array<string | number>;
}

export async function countTabsToSend(
  tab: { id?: number; windowId?: number } | undefined,
  deps: Pick<TabStripDeps, 'highlightedTabIds'>,
): Promise<number> {
  if (tab?.id === undefined || tab.windowId === undefined) return 1;
  const selected = await deps.highlightedTabIds(tab.windowId);
  return selected.includes(tab.id) ? selected.length : 1;
}

export async function onTabStripShown(
  info: ShownInfo,
  tab: { id?: number; windowId?: number } | undefined,
  deps: TabStripDeps,
): Promise<number | null> {
  if (!info.contexts.includes('tab') || !info.menuIds.includes(MENU_TABS_ID)) return null;
  const count = await countTabsToSend(tab, deps);
  await deps.update(MENU_TABS_ID, { title: escapeMenuText(deps.title(count)) });
  await deps.refresh();
  return count;
}
