import { describe, expect, it } from 'vitest';
import type { RecentIncident } from '../incidents/recent';
import {
  MENU_CHOOSE_ID,
  MENU_CONTEXTS,
  MENU_LINKS_ID,
  MENU_TABS_ID,
  MENU_PARENT_ID,
  MENU_SEPARATOR_ID,
  buildMenuItems,
  escapeMenuText,
  parseRecentItemId,
  recentItemId,
  recentItemTitle,
  startOf,
} from './menu-items';

const titles = { sendToAtlos: 'Send to Atlos', chooseIncident: 'Choose incident…', sendLinks: 'Send links to Atlos…' };

function recent(slug: string, connectionId = 'c1', description?: string): RecentIncident {
  return { connectionId, slug, ...(description ? { description } : {}), usedAt: '2026-11-27T10:00:00.000Z' };
}

describe('buildMenuItems', () => {
  it('puts the parent on every captured context, then recents, a separator and Choose incident…', () => {
    const items = buildMenuItems([recent('AAAAAA', 'c1', 'Shelling of the market')], new Set(['c1']), titles);
    expect(items.map((i) => [i.id, i.type, i.title, i.parentId])).toEqual([
      [MENU_PARENT_ID, 'normal', 'Send to Atlos', undefined],
      [
        recentItemId({ connectionId: 'c1', slug: 'AAAAAA' }),
        'normal',
        'AAAAAA · Shelling of the market',
        MENU_PARENT_ID,
      ],
      [MENU_SEPARATOR_ID, 'separator', undefined, MENU_PARENT_ID],
      [MENU_LINKS_ID, 'normal', 'Send links to Atlos…', MENU_PARENT_ID],
      [MENU_CHOOSE_ID, 'normal', 'Choose incident…', MENU_PARENT_ID],
    ]);
    for (const item of items.filter((i) => i.id !== MENU_LINKS_ID))
      expect(item.contexts).toEqual(['page', 'link', 'image', 'video', 'audio', 'selection']);
    // Only on a selection, and before `Choose incident…` so that it stays the last item everywhere.
    expect(items.find((i) => i.id === MENU_LINKS_ID)!.contexts).toEqual(['selection']);
    expect([...MENU_CONTEXTS]).toHaveLength(6);
  });

  it('shows at most five recents, most recent first, in stored order', () => {
    const list = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7'].map((s) => recent(s));
    const items = buildMenuItems(list, new Set(['c1']), titles);
    const shown = items.filter((i) => parseRecentItemId(i.id)).map((i) => i.title);
    expect(shown).toEqual(['S1', 'S2', 'S3', 'S4', 'S5']);
  });

  it('leaves out incidents of unusable or unknown connections and duplicates', () => {
    const list = [recent('S1', 'gone'), recent('S2', 'c1'), recent('S2', 'c1'), recent('S3', 'c2'), recent('S3', 'c1')];
    const items = buildMenuItems(list, new Set(['c1', 'c2']), titles);
    expect(items.map((i) => parseRecentItemId(i.id)).filter(Boolean)).toEqual([
      { connectionId: 'c1', slug: 'S2' },
      { connectionId: 'c2', slug: 'S3' },
      { connectionId: 'c1', slug: 'S3' },
    ]);
  });

  it('without recents offers only Choose incident…, without a dangling separator', () => {
    const items = buildMenuItems([recent('S1', 'c1')], new Set(), titles);
    expect(items.map((i) => i.id)).toEqual([MENU_PARENT_ID, MENU_LINKS_ID, MENU_CHOOSE_ID]);
  });
});

describe('the Firefox tab strip', () => {
  it('adds a top-level tab-strip item only when a title for it is given', () => {
    const items = buildMenuItems([], new Set(), { ...titles, sendTabs: 'Send 1 tab to Atlos' });
    expect(items.at(-1)).toEqual({ id: MENU_TABS_ID, type: 'normal', title: 'Send 1 tab to Atlos', contexts: ['tab'] });
    expect(buildMenuItems([], new Set(), titles).some((i) => i.id === MENU_TABS_ID)).toBe(false);
  });
});

describe('titles', () => {
  it('truncates the description to its start at a word boundary', () => {
    const title = recentItemTitle(
      recent('K7Q2ZP', 'c1', 'Airstrike on the hospital in the north of the city, second day'),
    );
    expect(title).toBe('K7Q2ZP · Airstrike on the hospital in the north…');
    expect(Array.from(title.split(' · ')[1]!).length).toBeLessThanOrEqual(41);
  });

  it('keeps short descriptions whole, flattens whitespace, and shows the bare slug without one', () => {
    expect(recentItemTitle(recent('K7Q2ZP', 'c1', '  Short\n  text '))).toBe('K7Q2ZP · Short text');
    expect(recentItemTitle(recent('K7Q2ZP'))).toBe('K7Q2ZP');
  });

  it('never splits a character made of two UTF-16 units', () => {
    const text = '𝐀'.repeat(60);
    const cut = startOf(text, 40);
    expect(Array.from(cut)).toHaveLength(41);
    expect(cut.endsWith('𝐀…')).toBe(true);
  });

  it('cuts mid-word when the text has no space near the limit', () => {
    expect(startOf('x'.repeat(50), 10)).toBe(`${'x'.repeat(10)}…`);
  });

  it('neutralises access-key ampersands and %s placeholders from descriptions', () => {
    expect(escapeMenuText('Arms & ammunition 100%s')).toBe('Arms && ammunition 100%\u200Bs');
    expect(recentItemTitle(recent('AB12CD', 'c1', 'A & B'))).toBe('AB12CD · A && B');
  });
});

describe('recent item ids', () => {
  it('round-trip connection ids and slugs holding the separator', () => {
    const key = { connectionId: 'a|b c', slug: 'K7Q2ZP' };
    expect(parseRecentItemId(recentItemId(key))).toEqual(key);
  });

  it('reject ids that are not recent items', () => {
    expect(parseRecentItemId(MENU_CHOOSE_ID)).toBeNull();
    expect(parseRecentItemId(7)).toBeNull();
    expect(parseRecentItemId('atlos-recent|only')).toBeNull();
    expect(parseRecentItemId('atlos-recent|%E0%A4%A|X')).toBeNull();
  });
});
