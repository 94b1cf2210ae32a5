/**
 * Binds the menus and keyboard commands to the real browser, storage items and the capture
 * engine. Called once, synchronously, from the background's `main` (the listeners must be
 * registered before `main` returns).
 */
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import type { CaptureRequest, CaptureTarget } from '../domain/capture-request';
import { openChooserWindow, type ChooserBatch } from '../chooser-window';
import { readSelectionLinks, type LinksScripting } from '../links/collect';
import { saveLinks, type SessionArea } from '../links/store';
import { handleCommand } from '../commands';
import { connectionsItem } from '../connections/store';
import { recentIncidentsItem } from '../incidents/recent';
import { getCaptureDefaults } from '../settings';
import type { BatchClickDeps } from './batch-click';
import { registerMenus, type ContextMenusApi, type MenuRegistration } from './context-menus';
import type { MenuClickInfo } from './click-target';
import { handleMenuClick, type ClickTab } from './menu-click';
import { onTabStripShown, type ShownInfo } from './tab-strip';

export interface MenusWiring {
  startCapture(request: CaptureRequest): Promise<{ jobId: string }>;
}

async function getUsableConnectionIds(): Promise<ReadonlySet<string>> {
  const connections = await connectionsItem.getValue();
  return new Set(connections.filter((c) => c.status === 'ok').map((c) => c.id));
}

async function getActiveTab() {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab;
}

function openChooser(tabId: number, target: CaptureTarget) {
  return openChooserWindow(
    {
      popupUrl: browser.runtime.getURL('/popup.html'),
      createWindow: (options) => browser.windows.create(options),
    },
    tabId,
    target,
  );
}

function openBatchChooser(tabId: number, batch: ChooserBatch) {
  return openChooserWindow(
    {
      popupUrl: browser.runtime.getURL('/popup.html'),
      createWindow: (options) => browser.windows.create(options),
    },
    tabId,
    undefined,
    batch,
  );
}

const batchClicks: BatchClickDeps = {
  readSelectionLinks: (tabId, frameId) =>
    readSelectionLinks(browser.scripting as unknown as LinksScripting, tabId, frameId),
  saveLinks: (value) => saveLinks(browser.storage.session as unknown as SessionArea, value),
  openBatchChooser,
};

const IS_FIREFOX = import.meta.env.FIREFOX === true;

const tabsTitle = (count: number) =>
  count === 1 ? i18n.t('menus_sendOneTab') : i18n.t('menus_sendTabs', [String(count)]);

/** Firefox's `menus` namespace (the tab-strip context and `onShown` exist only there). */
interface FirefoxMenus {
  onShown: {
    addListener(listener: (info: ShownInfo, tab?: { id?: number; windowId?: number }) => void): void;
  };
  update(id: string, properties: { title: string }): Promise<void>;
  refresh(): Promise<void>;
}

function followTabStrip() {
  const menus = (browser as unknown as { menus?: FirefoxMenus }).menus;
  menus?.onShown.addListener((info, tab) => {
    onTabStripShown(info, tab, {
      highlightedTabIds: async (windowId) =>
        (await browser.tabs.query({ highlighted: true, windowId })).flatMap((t) => (t.id === undefined ? [] : [t.id])),
      update: (id, properties) => menus.update(id, properties),
      refresh: () => menus.refresh(),
      title: tabsTitle,
    }).catch((error: unknown) => console.error('[menus] tab strip', error));
  });
}

/** The manifest's largest icon; Chrome requires one for a basic notification. */
function notificationIcon(): string {
  const icons = browser.runtime.getManifest().icons ?? {};
  const largest = Object.keys(icons)
    .map(Number)
    .sort((a, b) => b - a)[0];
  return largest === undefined ? '' : new URL(icons[largest]!, browser.runtime.getURL('/')).href;
}

function reportError(error: unknown, during: 'build' | 'click' | 'command') {
  console.error(`[menus] ${during} failed`, error);
  if (during === 'build') return;
  // A capture that never started has no job to report through: say so here.
  const reason = error instanceof Error && error.message ? error.message : String(error);
  browser.notifications
    .create({
      type: 'basic',
      iconUrl: notificationIcon(),
      title: i18n.t('menus_captureNotStarted'),
      message: reason,
    })
    .catch(() => undefined);
}

export function registerMenusAndCommands(wiring: MenusWiring): MenuRegistration {
  const shared = {
    startCapture: wiring.startCapture,
    getCaptureDefaults,
    getRecentIncidents: () => recentIncidentsItem.getValue(),
    getUsableConnectionIds,
    openChooser,
    getActiveTab,
    batch: batchClicks,
  };
  const registration = registerMenus({
    ...shared,
    contextMenus: browser.contextMenus as unknown as ContextMenusApi,
    lastError: () => browser.runtime.lastError,
    onInstalled: browser.runtime.onInstalled,
    onStartup: browser.runtime.onStartup,
    watchRecents: (onChange) => recentIncidentsItem.watch(onChange),
    watchConnections: (onChange) => connectionsItem.watch(onChange),
    titles: () => ({
      sendToAtlos: i18n.t('menus_sendToAtlos'),
      chooseIncident: i18n.t('menus_chooseIncident'),
      sendLinks: i18n.t('menus_sendLinks'),
      ...(IS_FIREFOX ? { sendTabs: tabsTitle(1) } : {}),
    }),
    reportError,
  });
  if (IS_FIREFOX) followTabStrip();
  // e2e builds only: Firefox offers no way to fire `menus.onClicked` from a test without a display,
  // so the headless Firefox tests click through this, with the same dependencies as a real click.
  if (import.meta.env.MODE === 'e2e')
    Object.assign(globalThis, {
      __atlosMenusTest: { click: (info: MenuClickInfo, tab?: ClickTab) => handleMenuClick(info, tab, shared) },
    });
  browser.commands.onCommand.addListener((command, tab) => {
    handleCommand(command, tab, shared).catch((error: unknown) => reportError(error, 'command'));
  });
  return registration;
}
