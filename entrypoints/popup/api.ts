/**
 * Everything the popup asks of the extension, in one object so the App can be tested with a fake.
 * Atlos is only ever reached through the background (messages); local, token-free data (the
 * connection list, recent, pinned and cached incidents, remembered choices) is read directly from
 * `storage.local` and IndexedDB so the picker shows at once, without waking the service worker.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { CaptureChoices } from '@/components/CaptureOptions';
import { parseChooserParams } from '@/lib/chooser-window';
import { hasAllSitesAccess } from '@/lib/connections/permissions';
import type { ConnectionSummary } from '@/lib/connections/protocol';
import { openIncidentCache } from '@/lib/incidents/cache';
import { pinnedIncidentsItem, withPinned, withoutPinned } from '@/lib/incidents/pinned';
import { recentIncidentsItem, type RecentIncident } from '@/lib/incidents/recent';
import type { IncidentOption } from '@/lib/incidents/types';
import { onMessage, sendMessage } from '@/lib/messaging';
import { CAPTURE_DEFAULTS_KEY, DEFAULT_CAPTURE_DEFAULTS, normalizeCaptureDefaults } from '@/lib/settings';
import { connectionsStorageItem } from './local-keys';
import { shellHtml } from './save-shell';
import type { PopupApi } from './api-types';
import { writeSavedShell } from './shell';

export type { LocalData, PopupApi } from './api-types';

/** The popup's last choices; they start from the options page's defaults. */
export const popupChoicesItem = storage.defineItem<CaptureChoices | null>('local:popupCaptureChoices', {
  fallback: null,
  version: 1,
});

export function createPopupApi(location: Location): PopupApi {
  // One channel per popup: the background aborts this popup's older search when a newer one comes.
  const channel = crypto.randomUUID();
  return {
    chooserTarget: () => parseChooserParams(location.search).target,
    async tabId() {
      const fromUrl = Number(new URLSearchParams(location.search).get('tabId'));
      if (Number.isInteger(fromUrl) && fromUrl > 0) return fromUrl;
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      return tab?.id ?? null;
    },
    async inspectTab(tabId) {
      try {
        return await sendMessage('inspectTab', { tabId });
      } catch (error) {
        // The engine could not say (e.g. it is restarting): judge from the tab's address alone.
        const tab = await browser.tabs.get(tabId).catch(() => null);
        if (!tab?.url) throw error;
        const web = /^https?:/i.test(tab.url);
        return { tabId, url: tab.url, title: tab.title ?? '', capturable: web, urlOnlyPossible: web };
      }
    },
    async localData() {
      // One storage read for all of it (each item's getValue would be its own round-trip). All are
      // at version 1 with no migration to wait for; fallbacks apply as in getValue. The defaults are
      // read by key: their item migrates where it is defined (lib/settings.ts), not here.
      const captureDefaults = { key: CAPTURE_DEFAULTS_KEY, options: { fallback: DEFAULT_CAPTURE_DEFAULTS } };
      const items = [
        connectionsStorageItem,
        recentIncidentsItem,
        pinnedIncidentsItem,
        captureDefaults,
        popupChoicesItem,
      ] as const;
      const [connections, recent, pinned, defaults, last] = (await storage.getItems([...items])).map(
        (entry) => entry.value,
      ) as [ConnectionSummary[], RecentIncident[], IncidentOption[], unknown, CaptureChoices | null];
      return { connections, recent, pinned, choices: { ...normalizeCaptureDefaults(defaults), ...(last ?? {}) } };
    },
    async cachedIncidents() {
      const cache = openIncidentCache();
      try {
        return await cache.all();
      } finally {
        cache.close();
      }
    },
    async search(query, signal) {
      const answer = sendMessage('searchIncidents', { query, channel });
      // Messages cannot be cancelled; the background aborts the HTTP request, the popup stops waiting.
      return new Promise((resolve, reject) => {
        signal.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')), { once: true });
        answer.then(resolve, reject);
      });
    },
    resolve: (input) => sendMessage('resolveIncidentReference', { input }),
    async setPinned(option, pinned) {
      const list = await pinnedIncidentsItem.getValue();
      const next = pinned ? withPinned(list, option) : withoutPinned(list, option);
      await pinnedIncidentsItem.setValue(next);
      return next;
    },
    async incidentsWithUrl(url, connectionId) {
      return (await sendMessage('checkDuplicates', { url, connectionId })).matches;
    },
    activity: (connectionId, slug) => sendMessage('incidentActivity', { connectionId, slug }),
    updateStatus: (data) => sendMessage('updateIncidentStatus', data),
    createIncident: (input) => sendMessage('createIncident', input),
    saveChoices: (choices) => popupChoicesItem.setValue(choices),
    startCapture: (request) => sendMessage('startCapture', request),
    listJobs: () => sendMessage('listJobs', undefined),
    retryJob: (jobId) => sendMessage('retryJob', { jobId }),
    dismissJob: (jobId) => sendMessage('dismissJob', { jobId }),
    onJobUpdated: (listener) => onMessage('jobUpdated', ({ data }) => listener(data)),
    allSitesAccess: () => hasAllSitesAccess(browser.permissions).catch(() => true),
    openOptions: () => void browser.runtime.openOptionsPage(),
    optionsUrl: () => browser.runtime.getURL('/options.html'),
    saveShell(start) {
      // After the form is usable, and only when storage said something new (usePopupData.ts).
      const locale = browser.i18n.getMessage('@@ui_locale');
      const build = document.getElementById('app')?.dataset.build ?? '';
      writeSavedShell(localStorage, { locale, build, start, html: shellHtml(start) });
    },
  };
}
