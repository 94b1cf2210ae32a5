/**
 * Creates the `Send to Atlos` menu and keeps it current; routes clicks to `handleMenuClick`.
 *
 * - Chrome MV3 and Firefox MV3 event pages persist menus, so they are (re)built on
 *   `runtime.onInstalled`, and on `runtime.onStartup` for browsers that do not keep them
 *   (docs/browser-facts.md §3; MDN menus.create "persistent and non-persistent extensions").
 *   Every build starts with `removeAll`, so ids never collide.
 * - Rebuilt whenever the recent incidents or the connections change; builds run one at a
 *   time, and changes arriving during a build cause exactly one more build.
 * - `contextMenus.onClicked` is registered synchronously by the caller's `main`, so a worker
 *   woken by a click sees it.
 */
import { handleMenuClick, type ClickTab, type MenuClickDeps } from './menu-click';
import type { MenuClickInfo } from './click-target';
import { buildMenuItems, type MenuItemSpec, type MenuTitles } from './menu-items';
import type { RecentIncident } from '../incidents/recent';

/** The part of `browser.contextMenus` used here (fakeBrowser has none: tests pass a fake). */
export interface ContextMenusApi {
  removeAll(): Promise<void>;
  create(properties: MenuItemSpec, callback?: () => void): number | string;
  onClicked: { addListener(listener: (info: MenuClickInfo, tab?: ClickTab) => void): void };
}

interface EventLike {
  addListener(listener: () => void): void;
}

export interface MenuRegistrationDeps extends MenuClickDeps {
  contextMenus: ContextMenusApi;
  /** `browser.runtime.lastError`, read inside `create`'s callback. */
  lastError(): { message?: string } | undefined | null;
  onInstalled: EventLike;
  onStartup: EventLike;
  getUsableConnectionIds(): Promise<ReadonlySet<string>>;
  /** Calls back when the recent incidents change; returns an unwatch function. */
  watchRecents(onChange: () => void): () => void;
  watchConnections(onChange: () => void): () => void;
  titles(): MenuTitles;
  /** Something went wrong outside any capture (building menus, starting one): tell the person or log. */
  reportError(error: unknown, during: 'build' | 'click'): void;
}

function createItem(deps: MenuRegistrationDeps, spec: MenuItemSpec): Promise<void> {
  return new Promise((resolve, reject) => {
    deps.contextMenus.create({ ...spec }, () => {
      const error = deps.lastError();
      if (error) reject(new Error(error.message ?? `contextMenus.create failed for ${spec.id}`));
      else resolve();
    });
  });
}

/** Runs `task` one at a time; calls made while it runs are folded into one more run. */
export function serialised(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  const loop = async () => {
    try {
      do {
        again = false;
        await task();
      } while (again);
    } finally {
      running = null;
    }
  };
  return () => {
    if (running) {
      again = true;
      return running;
    }
    return (running = loop());
  };
}

export interface MenuRegistration {
  /** Builds the menus now (also what every trigger calls). */
  rebuild(): Promise<void>;
  /** Stops following storage changes (tests). */
  dispose(): void;
}

export function registerMenus(deps: MenuRegistrationDeps): MenuRegistration {
  const build = async () => {
    const [recents, usable]: [RecentIncident[], ReadonlySet<string>] = await Promise.all([
      deps.getRecentIncidents(),
      deps.getUsableConnectionIds(),
    ]);
    const items = buildMenuItems(recents, usable, deps.titles());
    await deps.contextMenus.removeAll();
    // One at a time: a child must never be created before its parent.
    for (const item of items) await createItem(deps, item);
  };
  const runBuild = serialised(build);
  const rebuild = () =>
    runBuild().catch((error: unknown) => {
      deps.reportError(error, 'build');
    });

  deps.contextMenus.onClicked.addListener((info, tab) => {
    handleMenuClick(info, tab, deps).catch((error: unknown) => deps.reportError(error, 'click'));
  });
  deps.onInstalled.addListener(() => void rebuild());
  deps.onStartup.addListener(() => void rebuild());
  const unwatchRecents = deps.watchRecents(() => void rebuild());
  const unwatchConnections = deps.watchConnections(() => void rebuild());

  return {
    rebuild,
    dispose() {
      unwatchRecents();
      unwatchConnections();
    },
  };
}
