import { describe, expect, it } from 'vitest';
import { MENU_TABS_ID } from './menu-items';
import { onTabStripShown, type TabStripDeps } from './tab-strip';

function deps(highlighted: number[]) {
  const calls: string[] = [];
  const strip: TabStripDeps = {
    highlightedTabIds: async () => highlighted,
    update: async (id, { title }) => void calls.push(`update ${id} ${title}`),
    refresh: async () => void calls.push('refresh'),
    title: (count) => (count === 1 ? 'Send 1 tab to Atlos' : `Send ${count} tabs to Atlos`),
  };
  return { strip, calls };
}

const shown = { contexts: ['tab'], menuIds: [MENU_TABS_ID] };

describe('onTabStripShown', () => {
  it('counts the selected tabs of the clicked tab window, then redraws the open menu', async () => {
    const { strip, calls } = deps([3, 4, 5]);
    expect(await onTabStripShown(shown, { id: 4, windowId: 1 }, strip)).toBe(3);
    expect(calls).toEqual([`update ${MENU_TABS_ID} Send 3 tabs to Atlos`, 'refresh']);
  });

  it('a tab outside the selection is sent alone ("Send 1 tab…")', async () => {
    const { strip, calls } = deps([3, 4, 5]);
    expect(await onTabStripShown(shown, { id: 9, windowId: 1 }, strip)).toBe(1);
    expect(calls[0]).toBe(`update ${MENU_TABS_ID} Send 1 tab to Atlos`);
  });

  it('does nothing for menus on other contexts', async () => {
    const { strip, calls } = deps([3, 4]);
    expect(await onTabStripShown({ contexts: ['page'], menuIds: ['atlos-send'] }, { id: 3, windowId: 1 }, strip)).toBe(
      null,
    );
    expect(calls).toEqual([]);
  });
});
