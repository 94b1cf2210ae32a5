/**
 * Binds the menus and keyboard commands to the real browser, storage items and the capture
 * engine. Called once, synchronously, from the background's `main` (the listeners must be
 * registered before `main` returns).
 */
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import type { CaptureRequest, CaptureTarget } from '../domain/capture-request';
import { openChooserWindow } from '../chooser-window';
import { handleCommand } from '../commands';
import { connectionsItem } from '../connections/store';
import { recentIncidentsItem } from '../incidents/recent';
import { getCaptureDefaults } from '../settings';
import { registerMenus, type ContextMenusApi, type MenuRegistration } from './context-menus';

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
  };
  const registration = registerMenus({
    ...shared,
    contextMenus: browser.contextMenus as unknown as ContextMenusApi,
    lastError: () => browser.runtime.lastError,
    onInstalled: browser.runtime.onInstalled,
    onStartup: browser.runtime.onStartup,
    watchRecents: (onChange) => recentIncidentsItem.watch(onChange),
    watchConnections: (onChange) => connectionsItem.watch(onChange),
    titles: () => ({ sendToAtlos: i18n.t('menus_sendToAtlos'), chooseIncident: i18n.t('menus_chooseIncident') }),
    reportError,
  });
  browser.commands.onCommand.addListener((command, tab) => {
    handleCommand(command, tab, shared).catch((error: unknown) => reportError(error, 'command'));
  });
  return registration;
}
