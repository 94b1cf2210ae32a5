/**
 * What the `Send to Atlos` context menu holds (README.md, "Use it"): one parent item on every
 * context we capture, up to five recently used incidents (most recent first), a separator, and
 * `Choose incident…`; on a selection also `Send links to Atlos…`, placed before `Choose incident…`
 * so that `Choose incident…` stays the last item on every context. Firefox also gets a top-level
 * `Send N tabs to Atlos` on the tab strip (`contexts: ["tab"]` exists only there:
 * https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/menus/ContextType).
 * Pure: builds item specs from the recents; `register.ts` creates them.
 */
import type { RecentIncident } from '../incidents/recent';

export const MENU_PARENT_ID = 'atlos-send';
export const MENU_SEPARATOR_ID = 'atlos-separator';
export const MENU_CHOOSE_ID = 'atlos-choose';
export const MENU_LINKS_ID = 'atlos-links';
export const MENU_TABS_ID = 'atlos-tabs';
const RECENT_ID_PREFIX = 'atlos-recent|';

export const MENU_CONTEXTS = ['page', 'link', 'image', 'video', 'audio', 'selection'] as const;
export type MenuContext = (typeof MENU_CONTEXTS)[number] | 'tab';

export const MAX_MENU_RECENTS = 5;
/** Characters of the description shown after the slug; menus are narrow. */
export const DESCRIPTION_CHARS = 40;

export interface MenuItemSpec {
  id: string;
  parentId?: string;
  type: 'normal' | 'separator';
  title?: string;
  contexts: MenuContext[];
}

export interface MenuTitles {
  sendToAtlos: string;
  chooseIncident: string;
  sendLinks: string;
  /** The tab-strip item's title before `menus.onShown` counts the selected tabs (Firefox only). */
  sendTabs?: string;
}

/** Which incident a recent item stands for; kept in the item id so a click needs no lookup. */
export interface RecentItemKey {
  connectionId: string;
  slug: string;
}

export function recentItemId(key: RecentItemKey): string {
  return `${RECENT_ID_PREFIX}${encodeURIComponent(key.connectionId)}|${encodeURIComponent(key.slug)}`;
}

export function parseRecentItemId(id: string | number): RecentItemKey | null {
  if (typeof id !== 'string' || !id.startsWith(RECENT_ID_PREFIX)) return null;
  const parts = id.slice(RECENT_ID_PREFIX.length).split('|');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  try {
    return { connectionId: decodeURIComponent(parts[0]), slug: decodeURIComponent(parts[1]) };
  } catch {
    return null;
  }
}

/**
 * Browsers treat `&` in menu titles as an access-key marker (`&&` shows one `&`) and replace
 * `%s` with the selected text, in Chrome, Firefox and Safari alike
 * (https://github.com/w3c/webextensions/issues/1064). Descriptions are user data, so neutralise both.
 */
export function escapeMenuText(text: string): string {
  return text.replace(/&/g, '&&').replace(/%s/g, '%\u200Bs');
}

/** The first `max` characters (whole code points, at a word boundary when one is near), plus `…`. */
export function startOf(text: string, max = DESCRIPTION_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  const cut = chars.slice(0, max).join('');
  const lastSpace = cut.lastIndexOf(' ');
  const wordCut = lastSpace >= max * 0.6 ? cut.slice(0, lastSpace) : cut;
  return `${wordCut.trimEnd()}…`;
}

/** `<SLUG> · <start of description>`, or just the slug when there is no description. */
export function recentItemTitle(recent: Pick<RecentIncident, 'slug' | 'description'>): string {
  const description = recent.description ? startOf(recent.description) : '';
  const title = description ? `${recent.slug} · ${description}` : recent.slug;
  return escapeMenuText(title);
}

/**
 * The recents the menu offers: only incidents of usable connections, each once, at most five,
 * in the stored (most recent first) order.
 */
export function menuRecents(
  recents: readonly RecentIncident[],
  usableConnectionIds: ReadonlySet<string>,
): RecentIncident[] {
  const seen = new Set<string>();
  const chosen: RecentIncident[] = [];
  for (const recent of recents) {
    const id = recentItemId(recent);
    if (!usableConnectionIds.has(recent.connectionId) || seen.has(id)) continue;
    seen.add(id);
    chosen.push(recent);
    if (chosen.length === MAX_MENU_RECENTS) break;
  }
  return chosen;
}

/** The full menu, parent first, in display order. No recents: no separator above `Choose incident…`. */
export function buildMenuItems(
  recents: readonly RecentIncident[],
  usableConnectionIds: ReadonlySet<string>,
  titles: MenuTitles,
): MenuItemSpec[] {
  const contexts = [...MENU_CONTEXTS];
  const child = { parentId: MENU_PARENT_ID, contexts };
  const shown = menuRecents(recents, usableConnectionIds);
  return [
    { id: MENU_PARENT_ID, type: 'normal', title: escapeMenuText(titles.sendToAtlos), contexts },
    ...shown.map((recent): MenuItemSpec => ({
      ...child,
      id: recentItemId(recent),
      type: 'normal',
      title: recentItemTitle(recent),
    })),
    ...(shown.length ? [{ ...child, id: MENU_SEPARATOR_ID, type: 'separator' } satisfies MenuItemSpec] : []),
    { ...child, id: MENU_LINKS_ID, type: 'normal', title: escapeMenuText(titles.sendLinks), contexts: ['selection'] },
    { ...child, id: MENU_CHOOSE_ID, type: 'normal', title: escapeMenuText(titles.chooseIncident) },
    ...(titles.sendTabs
      ? [
          {
            id: MENU_TABS_ID,
            type: 'normal',
            title: escapeMenuText(titles.sendTabs),
            contexts: ['tab'],
          } as MenuItemSpec,
        ]
      : []),
  ];
}
