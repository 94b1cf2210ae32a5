/**
 * A tiny in-memory `contextMenus` for unit tests (fakeBrowser has none). Behaves like Chrome's
 * where it matters here: duplicate ids and unknown parents fail through `runtime.lastError`
 * inside the `create` callback; `removeAll` empties the menu.
 */
import type { MenuClickInfo } from '../click-target';
import type { ClickTab } from '../menu-click';
import type { MenuItemSpec } from '../menu-items';
import type { ContextMenusApi } from '../context-menus';

export interface FakeContextMenus extends ContextMenusApi {
  items: MenuItemSpec[];
  lastError: { message: string } | undefined;
  /** Number of `removeAll` calls, to see rebuilds. */
  removeAllCalls: number;
  click(info: MenuClickInfo, tab?: ClickTab): void;
}

export function createFakeContextMenus(): FakeContextMenus {
  const listeners: ((info: MenuClickInfo, tab?: ClickTab) => void)[] = [];
  const fake: FakeContextMenus = {
    items: [],
    lastError: undefined,
    removeAllCalls: 0,
    async removeAll() {
      fake.removeAllCalls += 1;
      await Promise.resolve();
      fake.items = [];
    },
    create(properties, callback) {
      const duplicate = fake.items.some((i) => i.id === properties.id);
      const orphan = properties.parentId !== undefined && !fake.items.some((i) => i.id === properties.parentId);
      if (!duplicate && !orphan) fake.items.push({ ...properties });
      queueMicrotask(() => {
        fake.lastError = duplicate
          ? { message: `Cannot create item with duplicate id ${properties.id}` }
          : orphan
            ? { message: `Cannot find menu item with id ${properties.parentId}` }
            : undefined;
        callback?.();
        fake.lastError = undefined;
      });
      return properties.id;
    },
    onClicked: { addListener: (listener) => void listeners.push(listener) },
    click(info, tab) {
      for (const listener of listeners) listener(info, tab);
    },
  };
  return fake;
}
