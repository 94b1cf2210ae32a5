import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CaptureRequest } from '../domain/capture-request';
import { connectionsItem, type Connection } from '../connections/store';
import { recentIncidentsItem, rememberIncident, type RecentIncident } from '../incidents/recent';
import { DEFAULT_CAPTURE_DEFAULTS } from '../settings';
import { createFakeContextMenus, type FakeContextMenus } from './testing/fake-context-menus';
import { MENU_CHOOSE_ID, MENU_LINKS_ID, MENU_PARENT_ID, MENU_SEPARATOR_ID, recentItemId } from './menu-items';
import { registerMenus, serialised, type MenuRegistrationDeps } from './context-menus';

function connection(id: string, status: Connection['status'] = 'ok'): Connection {
  return {
    id,
    baseUrl: 'https://atlos.test',
    project: null,
    tokenHint: 'abcd',
    status,
    addedAt: '2026-11-27T00:00:00.000Z',
  };
}

function recent(slug: string, connectionId = 'c1'): RecentIncident {
  return { connectionId, slug, description: `About ${slug}`, usedAt: '2026-11-27T10:00:00.000Z' };
}

/** Waits until pending storage watchers and menu builds have settled. */
async function settle() {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

function setup(overrides: Partial<MenuRegistrationDeps> = {}) {
  const menus = createFakeContextMenus();
  const started: CaptureRequest[] = [];
  const errors: unknown[] = [];
  const deps: MenuRegistrationDeps = {
    contextMenus: menus,
    lastError: () => menus.lastError,
    onInstalled: fakeBrowser.runtime.onInstalled,
    onStartup: fakeBrowser.runtime.onStartup,
    startCapture: async (request) => {
      started.push(request);
      return { jobId: 'job' };
    },
    getCaptureDefaults: async () => DEFAULT_CAPTURE_DEFAULTS,
    getRecentIncidents: () => recentIncidentsItem.getValue(),
    getUsableConnectionIds: async () =>
      new Set((await connectionsItem.getValue()).filter((c) => c.status === 'ok').map((c) => c.id)),
    openChooser: async () => undefined,
    getActiveTab: async () => undefined,
    watchRecents: (cb) => recentIncidentsItem.watch(cb),
    watchConnections: (cb) => connectionsItem.watch(cb),
    titles: () => ({
      sendToAtlos: 'Send to Atlos',
      chooseIncident: 'Choose incident…',
      sendLinks: 'Send links to Atlos…',
    }),
    reportError: (error) => void errors.push(error),
    ...overrides,
  };
  const registration = registerMenus(deps);
  return { menus, started, errors, registration };
}

const titlesOf = (menus: FakeContextMenus) => menus.items.map((i) => i.title ?? `[${i.type}]`);

describe('registerMenus', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('creates the menu on install, from the stored recents and connections', async () => {
    await connectionsItem.setValue([connection('c1')]);
    await recentIncidentsItem.setValue([recent('BBBBBB'), recent('AAAAAA')]);
    const { menus } = setup();
    expect(menus.items).toEqual([]);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await settle();
    expect(titlesOf(menus)).toEqual([
      'Send to Atlos',
      'BBBBBB · About BBBBBB',
      'AAAAAA · About AAAAAA',
      '[separator]',
      'Send links to Atlos…',
      'Choose incident…',
    ]);
    expect(menus.items.filter((i) => i.id !== MENU_PARENT_ID).every((i) => i.parentId === MENU_PARENT_ID)).toBe(true);
  });

  it('rebuilds on browser startup without duplicate-id errors', async () => {
    const { menus, errors } = setup();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await settle();
    await fakeBrowser.runtime.onStartup.trigger();
    await settle();
    expect(menus.items.map((i) => i.id)).toEqual([MENU_PARENT_ID, MENU_LINKS_ID, MENU_CHOOSE_ID]);
    expect(menus.removeAllCalls).toBe(2);
    expect(errors).toEqual([]);
  });

  it('follows captures: a newly used incident moves to the top', async () => {
    await connectionsItem.setValue([connection('c1')]);
    await recentIncidentsItem.setValue([recent('AAAAAA')]);
    const { menus, registration } = setup();
    await registration.rebuild();
    await rememberIncident(recent('CCCCCC'));
    await settle();
    expect(titlesOf(menus).slice(1, 3)).toEqual(['CCCCCC · About CCCCCC', 'AAAAAA · About AAAAAA']);
    registration.dispose();
  });

  it('follows connections: incidents of a revoked or removed connection disappear, and come back', async () => {
    await connectionsItem.setValue([connection('c1'), connection('c2')]);
    await recentIncidentsItem.setValue([recent('AAAAAA', 'c1'), recent('BBBBBB', 'c2')]);
    const { menus, registration } = setup();
    await registration.rebuild();
    expect(menus.items.map((i) => i.id)).toContain(recentItemId({ connectionId: 'c2', slug: 'BBBBBB' }));

    await connectionsItem.setValue([connection('c1'), connection('c2', 'permission_revoked')]);
    await settle();
    expect(menus.items.map((i) => i.id)).not.toContain(recentItemId({ connectionId: 'c2', slug: 'BBBBBB' }));

    await connectionsItem.setValue([]);
    await settle();
    expect(menus.items.map((i) => i.id)).toEqual([MENU_PARENT_ID, MENU_LINKS_ID, MENU_CHOOSE_ID]);

    await connectionsItem.setValue([connection('c2')]);
    await settle();
    expect(menus.items.map((i) => i.id)).toEqual([
      MENU_PARENT_ID,
      recentItemId({ connectionId: 'c2', slug: 'BBBBBB' }),
      MENU_SEPARATOR_ID,
      MENU_LINKS_ID,
      MENU_CHOOSE_ID,
    ]);
    registration.dispose();
  });

  it('serialises builds: a burst of changes never creates duplicates and ends current', async () => {
    await connectionsItem.setValue([connection('c1')]);
    const { menus, errors, registration } = setup();
    await Promise.all(
      ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'].map((s, i) =>
        recentIncidentsItem.setValue(
          ['S1', 'S2', 'S3', 'S4', 'S5', 'S6']
            .slice(0, i + 1)
            .reverse()
            .map((x) => recent(x)),
        ),
      ),
    );
    await Promise.all([registration.rebuild(), registration.rebuild(), fakeBrowser.runtime.onStartup.trigger()]);
    await settle();
    expect(errors).toEqual([]);
    expect(titlesOf(menus)).toEqual([
      'Send to Atlos',
      'S6 · About S6',
      'S5 · About S5',
      'S4 · About S4',
      'S3 · About S3',
      'S2 · About S2',
      '[separator]',
      'Send links to Atlos…',
      'Choose incident…',
    ]);
    registration.dispose();
  });

  it('routes clicks to the capture', async () => {
    const { menus, started } = setup();
    menus.click(
      { menuItemId: recentItemId({ connectionId: 'c1', slug: 'AAAAAA' }), pageUrl: 'https://a.test/' },
      { id: 3, url: 'https://a.test/' },
    );
    await settle();
    expect(started).toMatchObject([{ tabId: 3, incident: { slug: 'AAAAAA' }, source: 'context-menu' }]);
  });

  it('reports a capture that fails to start, and a failed build', async () => {
    const { menus, errors, registration } = setup({
      startCapture: () => Promise.reject(new Error('no access')),
      titles: () => {
        throw new Error('no titles');
      },
    });
    menus.click(
      { menuItemId: recentItemId({ connectionId: 'c1', slug: 'AAAAAA' }), pageUrl: 'https://a.test/' },
      { id: 3 },
    );
    await registration.rebuild();
    await settle();
    expect(errors.map((e) => (e as Error).message).sort()).toEqual(['no access', 'no titles']);
  });
});

describe('serialised', () => {
  it('runs one task at a time and folds calls made meanwhile into one more run', async () => {
    let running = 0;
    let maxRunning = 0;
    const task = vi.fn(async () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running -= 1;
    });
    const run = serialised(task);
    await Promise.all([run(), run(), run(), run()]);
    expect(task).toHaveBeenCalledTimes(2);
    expect(maxRunning).toBe(1);
    await run();
    expect(task).toHaveBeenCalledTimes(3);
  });

  it('keeps working after a failed run', async () => {
    let fail = true;
    const run = serialised(async () => {
      if (fail) throw new Error('boom');
    });
    await expect(run()).rejects.toThrow('boom');
    fail = false;
    await expect(run()).resolves.toBeUndefined();
  });
});
