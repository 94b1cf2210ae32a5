/**
 * Everything the popup asks of the extension, in one object so the App can be tested with a fake.
 * Atlos is only ever reached through the background (messages); local, token-free data (the
 * connection list, recent, pinned and cached incidents, remembered choices) is read directly from
 * `storage.local` and IndexedDB so the picker shows at once, without waking the service worker.
 */
import { browser } from 'wxt/browser';
import { parseChooserParams } from '@/lib/chooser-window';
import { hasAllSitesAccess } from '@/lib/connections/all-sites';
import { openIncidentCache } from '@/lib/incidents/cache';
import { withPinned, withoutPinned } from '@/lib/incidents/pinned-list';
import { onMessage, sendMessage } from '@/lib/messaging';
import { normalizeCaptureDefaults } from '@/lib/domain/capture-defaults';
import { SHELL_STORAGE_KEY, SHELL_VERSION, writeSavedShell } from '@/lib/popup-shell/saved-shell';
import { readPopupData, saveChoices, updatePinned, type LocalArea } from './local-keys';
import { shellHtml } from './save-shell';
import type { PopupApi } from './api-types';

export type { LocalData, PopupApi } from './api-types';

export function createPopupApi(location: Location): PopupApi {
  // One channel per popup: the background aborts this popup's older search when a newer one comes.
  const channel = crypto.randomUUID();
  const local = browser.storage.local as LocalArea;
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
      // One storage read for all of it, by key (local-keys.ts); the last choices start from the
      // options page's defaults.
      const { connections, recent, pinned, captureDefaults, choices } = await readPopupData(local);
      return {
        connections,
        recent,
        pinned,
        choices: { ...normalizeCaptureDefaults(captureDefaults), ...(choices ?? {}) },
      };
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
    setPinned: (option, pinned) =>
      updatePinned(local, (list) => (pinned ? withPinned(list, option) : withoutPinned(list, option))),
    async incidentsWithUrl(url, connectionId) {
      return (await sendMessage('checkDuplicates', { url, connectionId })).matches;
    },
    activity: (connectionId, slug) => sendMessage('incidentActivity', { connectionId, slug }),
    updateStatus: (data) => sendMessage('updateIncidentStatus', data),
    createIncident: (input) => sendMessage('createIncident', input),
    saveChoices: (choices) => saveChoices(local, choices),
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
      const dir = browser.i18n.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
      const build = document.getElementById('app')?.dataset.build ?? '';
      const language = navigator.language;
      const shell = { version: SHELL_VERSION, locale, dir, language, build, start, html: shellHtml(start) } as const;
      writeSavedShell(localStorage, shell);
      // Chrome's service worker serves the next opening with it while it runs (lib/popup-shell/serve-popup.ts).
      const manifest = browser.runtime.getManifest();
      if (manifest.background && 'service_worker' in manifest.background)
        void browser.storage.session.set({ [SHELL_STORAGE_KEY]: shell }).catch(() => undefined);
    },
  };
}
