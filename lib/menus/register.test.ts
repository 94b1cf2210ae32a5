import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CaptureRequest } from '../domain/capture-request';
import { connectionsItem, type Connection } from '../connections/store';
import { recentIncidentsItem } from '../incidents/recent';
import { DEFAULT_CAPTURE_DEFAULTS, setCaptureDefaults } from '../settings';
import { createFakeContextMenus, type FakeContextMenus } from './testing/fake-context-menus';
import { MENU_CHOOSE_ID, recentItemId } from './menu-items';
import { registerMenusAndCommands } from './register';

const PAGE = 'https://news.example/story';
const connection: Connection = {
  id: 'c1',
  baseUrl: 'https://atlos.test',
  project: { id: 'p', name: 'Civilian Harm', code: 'CIV' },
  tokenHint: 'abcd',
  status: 'ok',
  addedAt: '2026-11-27T00:00:00.000Z',
};

async function settle() {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('registerMenusAndCommands (real storage items, fake browser)', () => {
  let menus: FakeContextMenus;
  let commandListener: ((command: string, tab?: { id?: number; url?: string }) => void) | undefined;
  let started: CaptureRequest[];

  beforeEach(() => {
    fakeBrowser.reset();
    menus = createFakeContextMenus();
    vi.spyOn(fakeBrowser.contextMenus, 'create').mockImplementation(menus.create as never);
    vi.spyOn(fakeBrowser.contextMenus, 'removeAll').mockImplementation(menus.removeAll as never);
    vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation(
      menus.onClicked.addListener as never,
    );
    commandListener = undefined;
    vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(((listener: typeof commandListener) => {
      commandListener = listener;
    }) as never);
    started = [];
  });

  function register() {
    return registerMenusAndCommands({
      startCapture: async (request) => {
        started.push(request);
        return { jobId: `job-${started.length}` };
      },
    });
  }

  it('registers the click and command listeners synchronously, and builds translated menus on install', async () => {
    register();
    expect(fakeBrowser.contextMenus.onClicked.addListener).toHaveBeenCalledTimes(1);
    expect(commandListener).toBeTypeOf('function');
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await settle();
    expect(menus.items.map((i) => i.title)).toEqual(['Send to Atlos', 'Send links to Atlos…', 'Choose incident…']);
  });

  it('shows recents of ok connections, captures with the saved defaults', async () => {
    const registration = register();
    await setCaptureDefaults({ ...DEFAULT_CAPTURE_DEFAULTS, archive: false });
    await connectionsItem.setValue([connection]);
    await recentIncidentsItem.setValue([
      { connectionId: 'c1', slug: 'K7Q2ZP', description: 'Convoy', usedAt: '2026-11-27T10:00:00.000Z' },
    ]);
    await settle();
    expect(menus.items.map((i) => i.title)).toEqual([
      'Send to Atlos',
      'K7Q2ZP · Convoy',
      undefined,
      'Send links to Atlos…',
      'Choose incident…',
    ]);

    menus.click(
      {
        menuItemId: recentItemId({ connectionId: 'c1', slug: 'K7Q2ZP' }),
        pageUrl: PAGE,
        linkUrl: 'https://x.example/a',
      },
      { id: 4, url: PAGE },
    );
    await settle();
    expect(started).toMatchObject([
      {
        tabId: 4,
        target: { kind: 'link', url: 'https://x.example/a' },
        options: { archive: false },
        source: 'context-menu',
      },
    ]);
    registration.dispose();
  });

  it('Choose incident… opens popup.html with the tab and target in a popup window', async () => {
    const create = vi.spyOn(fakeBrowser.windows, 'create').mockResolvedValue({} as never);
    register();
    menus.click({ menuItemId: MENU_CHOOSE_ID, pageUrl: PAGE, selectionText: 'quote' }, { id: 4, url: PAGE });
    await settle();
    expect(create).toHaveBeenCalledTimes(1);
    const options = create.mock.calls[0]![0]!;
    expect(options).toMatchObject({ type: 'popup', width: 420, height: 640 });
    const url = new URL(options.url as string);
    expect(url.pathname).toBe('/popup.html');
    expect(url.searchParams.get('tabId')).toBe('4');
    expect(JSON.parse(url.searchParams.get('target')!)).toEqual({
      kind: 'selection',
      url: PAGE,
      pageUrl: PAGE,
      selectionText: 'quote',
    });
  });

  it('the keyboard command captures the tab to the last-used incident', async () => {
    register();
    await connectionsItem.setValue([connection]);
    await recentIncidentsItem.setValue([{ connectionId: 'c1', slug: 'K7Q2ZP', usedAt: '2026-11-27T10:00:00.000Z' }]);
    commandListener!('capture-to-last-incident', { id: 6, url: PAGE });
    await settle();
    expect(started).toMatchObject([
      { tabId: 6, incident: { slug: 'K7Q2ZP' }, target: { kind: 'page', url: PAGE }, source: 'command' },
    ]);
  });
});
