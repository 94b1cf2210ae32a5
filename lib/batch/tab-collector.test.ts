import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { collectArtifacts } from '../artifacts/collect';
import type { TabLike } from '../artifacts/deps';
import { fakeDeps, PNG_DATA_URL, request } from '../artifacts/testing/collect-fakes';
import type { BatchItemProgress } from './collector';
import { openTabCollector } from './tab-collector';

const URLS: Record<number, string> = { 1: 'https://a.example/1', 2: 'https://b.example/2', 3: 'https://c.example/3' };

function setup(options: { browserName?: 'chrome' | 'firefox'; allSites?: boolean } = {}) {
  const tabs = new Map<number, TabLike>(
    Object.entries(URLS).map(([id, url]) => [
      Number(id),
      { id: Number(id), windowId: 3, url, title: url, active: id === '1' },
    ]),
  );
  const events: string[] = [];
  const fake = fakeDeps({
    browserName: options.browserName ?? 'chrome',
    hasHostAccess: async () => options.allSites ?? true,
  });
  const { deps } = fake;
  deps.tabs.get = async (id) => {
    const tab = tabs.get(id);
    if (!tab) throw new Error(`No tab with id: ${id}.`);
    return { ...tab };
  };
  deps.tabs.update = async (id, { active }) => {
    events.push(`activate ${id}`);
    for (const tab of tabs.values()) tab.active = tab.id === id ? active : false;
  };
  deps.tabs.captureVisibleTab = async () => {
    events.push(`capture ${[...tabs.values()].find((t) => t.active)?.id}`);
    return PNG_DATA_URL;
  };
  if (options.browserName === 'firefox') {
    deps.tabs.captureTab = async (tabId) => (events.push(`captureTab ${tabId}`), PNG_DATA_URL);
  }
  const browser = {
    collectDeps: deps,
    frontTabs: async () => ({ tabs: [{ tabId: 1, windowId: 3 }], focusedWindowId: 3 }),
    focusWindow: async (id: number) => void events.push(`focus ${id}`),
    hasFileAccess: async () => false,
    collect: collectArtifacts,
  };
  return { tabs, events, browser };
}

const progress = (released: string[], id: number): BatchItemProgress => ({
  onArtifact: async () => undefined,
  signal: new AbortController().signal,
  released: () => void released.push(`released ${id}`),
  turn: Promise.resolve(),
});

const tabRequest = (tabId: number, url = URLS[tabId]!) => ({
  ...request({ viewportScreenshot: true, fullPageScreenshot: false, pageArchive: false }, { url, pageUrl: url }),
  tabId,
});

beforeEach(() => fakeBrowser.reset());

describe('the batch tab collector', () => {
  it('Chrome: brings each tab to the front for its screenshot, then puts the person back where they were', async () => {
    const t = setup();
    const collector = await openTabCollector(t.browser);
    const released: string[] = [];
    for (const id of [2, 3, 1]) {
      const result = await collector.collect(tabRequest(id), progress(released, id));
      expect(result.artifacts.map((a) => a.kind)).toEqual(['viewport_screenshot']);
      expect(result.problems).toEqual([]);
    }
    await collector.close();
    expect(t.events).toEqual([
      'activate 2',
      'capture 2',
      'activate 3',
      'capture 3',
      'activate 1',
      'capture 1',
      'activate 1',
      'focus 3',
    ]);
    expect(released).toEqual(['released 2', 'released 3', 'released 1']);
  });

  it('Firefox: captures each tab in the background, switching nothing', async () => {
    const t = setup({ browserName: 'firefox' });
    const collector = await openTabCollector(t.browser);
    for (const id of [2, 3]) {
      const result = await collector.collect(tabRequest(id), progress([], id));
      expect(result.artifacts.map((a) => a.kind)).toEqual(['viewport_screenshot']);
    }
    await collector.close();
    expect(t.events).toEqual(['captureTab 2', 'captureTab 3']);
    expect(t.tabs.get(1)!.active).toBe(true);
  });

  it('a tab closed or navigated by its turn, or unreadable without all-sites access, goes on with its address only', async () => {
    const t = setup({ allSites: false });
    const collector = await openTabCollector(t.browser);
    t.tabs.delete(3);
    const closed = await collector.collect(tabRequest(3), progress([], 3));
    const noAccess = await collector.collect(tabRequest(2), progress([], 2));
    t.tabs.get(1)!.url = 'https://a.example/elsewhere';
    const navigated = await collector.collect(tabRequest(1), progress([], 1));
    for (const [result, message] of [
      [closed, /closed before its turn/],
      [noAccess, /access to all sites was declined/],
      [navigated, /another page by its turn \(https:\/\/a\.example\/elsewhere\)/],
    ] as const) {
      expect(result.artifacts).toEqual([]);
      expect(result.problems).toEqual([{ artifact: 'viewport_screenshot', message: expect.stringMatching(message) }]);
    }
    expect(t.events.filter((e) => e.startsWith('capture'))).toEqual([]);
  });

  it('the tab the person was on needs no all-sites access (the click granted it)', async () => {
    const t = setup({ allSites: false });
    const collector = await openTabCollector(t.browser);
    const result = await collector.collect(tabRequest(1), progress([], 1));
    expect(result.artifacts).toHaveLength(1);
  });

  it('a browser page fails with the reason; the tabs are still put back', async () => {
    const t = setup();
    t.tabs.get(2)!.url = 'chrome://settings/';
    const collector = await openTabCollector(t.browser);
    await expect(collector.collect(tabRequest(2, 'chrome://settings/'), progress([], 2))).rejects.toThrow(/browser/i);
    await collector.close();
    expect(t.events).toEqual(['activate 1', 'focus 3']);
  });
});
