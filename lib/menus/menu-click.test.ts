import { describe, expect, it, vi } from 'vitest';
import type { CaptureRequest, CaptureTarget } from '../domain/capture-request';
import type { RecentIncident } from '../incidents/recent';
import { DEFAULT_CAPTURE_DEFAULTS, type CaptureDefaults } from '../settings';
import type { MenuClickInfo } from './click-target';
import { handleMenuClick, type ClickTab, type MenuClickDeps } from './menu-click';
import { MENU_CHOOSE_ID, MENU_PARENT_ID, recentItemId } from './menu-items';

const PAGE = 'https://news.example/story';
const RECENT: RecentIncident = {
  connectionId: 'conn-1',
  slug: 'K7Q2ZP',
  description: 'Shelling of the market',
  projectCode: 'CIV',
  usedAt: '2026-11-27T10:00:00.000Z',
};
const RECENT_ID = recentItemId(RECENT);
const TAB: ClickTab = { id: 42, url: PAGE };

function fakeDeps(overrides: Partial<MenuClickDeps> & { defaults?: CaptureDefaults } = {}) {
  const started: CaptureRequest[] = [];
  const chooser: { tabId: number; target: CaptureTarget }[] = [];
  const deps: MenuClickDeps = {
    startCapture: vi.fn(async (request: CaptureRequest) => {
      started.push(request);
      return { jobId: `job-${started.length}` };
    }),
    getCaptureDefaults: async () => overrides.defaults ?? DEFAULT_CAPTURE_DEFAULTS,
    getRecentIncidents: async () => [RECENT],
    openChooser: vi.fn(async (tabId: number, target: CaptureTarget) => {
      chooser.push({ tabId, target });
    }),
    getActiveTab: async () => undefined,
    ...overrides,
  };
  return { deps, started, chooser };
}

function click(extra: Partial<MenuClickInfo>, menuItemId: string | number = RECENT_ID): MenuClickInfo {
  return { menuItemId, pageUrl: PAGE, ...extra };
}

async function targetOf(info: MenuClickInfo, tab: ClickTab | undefined = TAB) {
  const { deps, started } = fakeDeps();
  const outcome = await handleMenuClick(info, tab, deps);
  expect(outcome).toEqual({ kind: 'captured', jobId: 'job-1' });
  return started[0]!.target;
}

describe('handleMenuClick: the target is the thing clicked', () => {
  it('page: the page URL', async () => {
    expect(await targetOf(click({}))).toEqual({ kind: 'page', url: PAGE, pageUrl: PAGE });
  });

  it('link: the link URL, with the page recorded', async () => {
    const info = click({ linkUrl: 'https://other.example/report' });
    expect(await targetOf(info)).toEqual({ kind: 'link', url: 'https://other.example/report', pageUrl: PAGE });
  });

  it.each(['image', 'video', 'audio'] as const)('%s: the media URL, with the page recorded', async (mediaType) => {
    const src = `https://cdn.example/${mediaType}.bin`;
    expect(await targetOf(click({ mediaType, srcUrl: src }))).toEqual({
      kind: mediaType,
      url: src,
      pageUrl: PAGE,
      mediaUrl: src,
    });
  });

  it('selection: the page URL plus the selected text', async () => {
    expect(await targetOf(click({ selectionText: 'the words' }))).toEqual({
      kind: 'selection',
      url: PAGE,
      pageUrl: PAGE,
      selectionText: 'the words',
    });
  });

  it('image inside a link: the image (the thing under the pointer) wins', async () => {
    const info = click({
      mediaType: 'image',
      srcUrl: 'https://cdn.example/a.jpg',
      linkUrl: 'https://news.example/gallery',
    });
    expect(await targetOf(info)).toMatchObject({ kind: 'image', url: 'https://cdn.example/a.jpg' });
  });

  it('link inside a selection: the link wins over the selection', async () => {
    const info = click({ linkUrl: 'https://other.example/x', selectionText: 'read this' });
    expect(await targetOf(info)).toEqual({ kind: 'link', url: 'https://other.example/x', pageUrl: PAGE });
  });

  it('a javascript: link is not a source: falls through to the selection or page', async () => {
    expect(await targetOf(click({ linkUrl: 'javascript:void(0)' }))).toEqual({
      kind: 'page',
      url: PAGE,
      pageUrl: PAGE,
    });
  });

  it('blob: media keeps its element URL for the bytes and records the page as the source URL', async () => {
    const info = click({ mediaType: 'video', srcUrl: 'blob:https://news.example/1234' });
    expect(await targetOf(info)).toEqual({
      kind: 'video',
      url: PAGE,
      pageUrl: PAGE,
      mediaUrl: 'blob:https://news.example/1234',
    });
  });

  it('clicks in a frame keep the frame id and the top-level page', async () => {
    const frame = { frameId: 7, frameUrl: 'https://embed.example/player' };
    expect(await targetOf(click({ ...frame, selectionText: 'quoted' }))).toEqual({
      kind: 'selection',
      url: PAGE,
      pageUrl: PAGE,
      selectionText: 'quoted',
      frameId: 7,
    });
    expect(
      await targetOf(click({ ...frame, mediaType: 'image', srcUrl: 'https://embed.example/p.png' })),
    ).toMatchObject({
      kind: 'image',
      frameId: 7,
    });
  });

  it('uses the tab URL when the click carries no page URL', async () => {
    expect(await targetOf({ menuItemId: RECENT_ID })).toEqual({ kind: 'page', url: PAGE, pageUrl: PAGE });
  });
});

describe('handleMenuClick: what happens', () => {
  it('a recent incident captures at once with the saved defaults, from the context menu', async () => {
    const defaults = { ...DEFAULT_CAPTURE_DEFAULTS, archive: false, fullPageScreenshot: false, metadataNamespace: 'x' };
    const { deps, started, chooser } = fakeDeps({ defaults });
    await handleMenuClick(click({}), TAB, deps);
    expect(chooser).toEqual([]);
    expect(started).toEqual([
      {
        incident: { connectionId: 'conn-1', slug: 'K7Q2ZP', description: 'Shelling of the market' },
        tabId: 42,
        target: { kind: 'page', url: PAGE, pageUrl: PAGE },
        options: {
          archive: false,
          viewportScreenshot: true,
          fullPageScreenshot: false,
          pageArchive: true,
          originalMedia: true,
        },
        source: 'context-menu',
      },
    ]);
  });

  it('an incident no longer in the recents still captures to the incident its item named', async () => {
    const { deps, started } = fakeDeps({ getRecentIncidents: async () => [] });
    const id = recentItemId({ connectionId: 'conn-2', slug: 'ZZ99ZZ' });
    await handleMenuClick(click({}, id), TAB, deps);
    expect(started[0]!.incident).toEqual({ connectionId: 'conn-2', slug: 'ZZ99ZZ' });
  });

  it('Choose incident… opens the chooser for that tab and target, capturing nothing', async () => {
    const { deps, started, chooser } = fakeDeps();
    const outcome = await handleMenuClick(
      click({ mediaType: 'image', srcUrl: 'https://cdn.example/a.jpg' }, MENU_CHOOSE_ID),
      TAB,
      deps,
    );
    expect(outcome).toEqual({ kind: 'chooser' });
    expect(started).toEqual([]);
    expect(chooser).toEqual([
      {
        tabId: 42,
        target: {
          kind: 'image',
          url: 'https://cdn.example/a.jpg',
          pageUrl: PAGE,
          mediaUrl: 'https://cdn.example/a.jpg',
        },
      },
    ]);
  });

  it.each([MENU_PARENT_ID, 'some-other-extension-item', 3])(
    'ignores item %s that is not a capture item',
    async (id) => {
      const { deps, started, chooser } = fakeDeps();
      expect(await handleMenuClick(click({}, id), TAB, deps)).toEqual({ kind: 'ignored', reason: 'not_ours' });
      expect(started).toEqual([]);
      expect(chooser).toEqual([]);
    },
  );

  it('without a tab, uses the active tab when it shows the clicked page', async () => {
    const { deps, started } = fakeDeps({ getActiveTab: async () => ({ id: 9, url: PAGE }) });
    await handleMenuClick(click({}), undefined, deps);
    expect(started[0]!.tabId).toBe(9);
  });

  it('treats tab id -1 (TAB_ID_NONE) as no tab', async () => {
    const { deps, started } = fakeDeps({ getActiveTab: async () => ({ id: 5, url: PAGE }) });
    await handleMenuClick(click({}), { id: -1, url: PAGE }, deps);
    expect(started[0]!.tabId).toBe(5);
  });

  it('without a tab, never captures a different page that happens to be active', async () => {
    const { deps, started, chooser } = fakeDeps({
      getActiveTab: async () => ({ id: 9, url: 'https://elsewhere.example/' }),
    });
    expect(await handleMenuClick(click({}), undefined, deps)).toEqual({ kind: 'ignored', reason: 'no_tab' });
    expect(await handleMenuClick(click({}, MENU_CHOOSE_ID), undefined, deps)).toEqual({
      kind: 'ignored',
      reason: 'no_tab',
    });
    expect(started).toEqual([]);
    expect(chooser).toEqual([]);
  });

  it('without a tab or an active tab, does nothing', async () => {
    const { deps, started } = fakeDeps();
    expect(await handleMenuClick(click({}), undefined, deps)).toEqual({ kind: 'ignored', reason: 'no_tab' });
    expect(started).toEqual([]);
  });

  it('with no page URL anywhere, does nothing', async () => {
    const { deps, started } = fakeDeps();
    expect(await handleMenuClick({ menuItemId: RECENT_ID }, { id: 4 }, deps)).toEqual({
      kind: 'ignored',
      reason: 'no_target',
    });
    expect(started).toEqual([]);
  });

  it('passes a failure to start on to the caller', async () => {
    const { deps } = fakeDeps({ startCapture: async () => Promise.reject(new Error('tab closed')) });
    await expect(handleMenuClick(click({}), TAB, deps)).rejects.toThrow('tab closed');
  });
});
