import { describe, expect, it, vi } from 'vitest';
import type { ChooserBatch } from '../chooser-window';
import type { SelectionLinks } from '../links/normalise';
import type { BatchClickDeps } from './batch-click';
import { handleMenuClick, type MenuClickDeps } from './menu-click';
import { MENU_LINKS_ID, MENU_TABS_ID } from './menu-items';

const found: SelectionLinks = {
  pageUrl: 'https://news.example/frame',
  links: [{ url: 'https://a.example/1', text: 'One', position: 1 }],
  skipped: 1,
  truncated: false,
};

function deps() {
  const opened: Array<{ tabId: number; batch: ChooserBatch }> = [];
  const saved: unknown[] = [];
  const batch: BatchClickDeps = {
    readSelectionLinks: vi.fn(async () => found),
    saveLinks: vi.fn(async (value) => {
      saved.push(value);
      return '00000000-0000-4000-8000-000000000001';
    }),
    openBatchChooser: async (tabId, chosen) => void opened.push({ tabId, batch: chosen }),
  };
  const all: MenuClickDeps = {
    startCapture: vi.fn(),
    getCaptureDefaults: vi.fn(),
    getRecentIncidents: vi.fn(),
    openChooser: vi.fn(),
    getActiveTab: async () => undefined,
    batch,
  };
  return { all, batch, opened, saved };
}

describe('Send links to Atlos…', () => {
  it('reads the links in the clicked frame, keeps them with the tab page, and opens the chooser on them', async () => {
    const { all, batch, opened, saved } = deps();
    const outcome = await handleMenuClick(
      { menuItemId: MENU_LINKS_ID, pageUrl: 'https://news.example/', frameId: 3, selectionText: 'x' },
      { id: 7, url: 'https://news.example/' },
      all,
    );
    expect(outcome).toEqual({ kind: 'batch' });
    expect(batch.readSelectionLinks).toHaveBeenCalledWith(7, 3);
    expect(saved).toEqual([{ ...found, pageUrl: 'https://news.example/', tabId: 7 }]);
    expect(opened).toEqual([{ tabId: 7, batch: { links: '00000000-0000-4000-8000-000000000001' } }]);
    expect(all.startCapture).not.toHaveBeenCalled();
  });

  it('a failed read opens nothing and reaches the caller (which tells the person)', async () => {
    const { all, batch, opened } = deps();
    batch.readSelectionLinks = async () => {
      throw new Error('Could not read the links in the selection: no access');
    };
    await expect(
      handleMenuClick({ menuItemId: MENU_LINKS_ID, pageUrl: 'https://n.example/' }, { id: 7 }, all),
    ).rejects.toThrow('no access');
    expect(opened).toEqual([]);
  });

  it('is ignored without a tab', async () => {
    const { all, opened } = deps();
    const outcome = await handleMenuClick({ menuItemId: MENU_LINKS_ID }, { id: -1 }, all);
    expect(outcome).toEqual({ kind: 'ignored', reason: 'no_tab' });
    expect(opened).toEqual([]);
  });
});

describe('Send N tabs to Atlos (Firefox tab strip)', () => {
  it('opens the chooser on the clicked tab in selected-tabs mode', async () => {
    const { all, opened, batch } = deps();
    const outcome = await handleMenuClick({ menuItemId: MENU_TABS_ID }, { id: 12, url: 'https://x.example/' }, all);
    expect(outcome).toEqual({ kind: 'batch' });
    expect(opened).toEqual([{ tabId: 12, batch: { tabs: 'selected' } }]);
    expect(batch.readSelectionLinks).not.toHaveBeenCalled();
  });
});
