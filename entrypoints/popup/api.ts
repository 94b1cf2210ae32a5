/**
 * Everything the popup asks of the extension, in one object so the App can be tested with a fake.
 * Atlos is only ever reached through the background (messages); local, token-free data (the
 * connection list, recent, pinned and cached incidents, remembered choices) is read directly from
 * `storage.local` and IndexedDB so the picker shows at once, without waking the service worker.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { CaptureChoices } from '../../components/CaptureOptions';
import type { CaptureRequest, CaptureTarget } from '../../lib/domain/capture-request';
import { parseChooserParams } from '../../lib/chooser-window';
import type { JobSummary, TabInspection } from '../../lib/capture/protocol';
import { hasAllSitesAccess } from '../../lib/connections/permissions';
import type { ConnectionSummary } from '../../lib/connections/protocol';
import type { IncidentActivity } from '../../lib/incidents/activity';
import { openIncidentCache } from '../../lib/incidents/cache';
import type { CreateIncidentResult, NewIncidentInput } from '../../lib/incidents/create';
import { pinnedIncidentsItem, withPinned, withoutPinned } from '../../lib/incidents/pinned';
import type { StatusUpdateResult } from '../../lib/incidents/protocol';
import { recentIncidentsItem, type RecentIncident } from '../../lib/incidents/recent';
import type { IncidentOption } from '../../lib/incidents/types';
import { onMessage, sendMessage } from '../../lib/messaging';
import { CAPTURE_DEFAULTS_KEY, DEFAULT_CAPTURE_DEFAULTS, normalizeCaptureDefaults } from '../../lib/settings';
import { connectionsStorageItem } from './local-keys';
import { shellHtml } from './save-shell';
import { writeSavedShell, type PopupStart } from './shell';

export interface PopupApi {
  tabId(): Promise<number | null>;
  /** What `Choose incident…` was clicked on (link, media, selection); null means the tab's page. */
  chooserTarget(): CaptureTarget | null;
  inspectTab(tabId: number): Promise<TabInspection>;
  /** What the first paint needs, from `storage.local` only (fast; never wakes the background). */
  localData(): Promise<LocalData>;
  /** Incident summaries cached in IndexedDB (up to a few thousand), for completing and matching locally. */
  cachedIncidents(): Promise<IncidentOption[]>;
  search(query: string, signal: AbortSignal): Promise<IncidentOption[]>;
  resolve(input: string): Promise<IncidentOption[]>;
  setPinned(option: IncidentOption, pinned: boolean): Promise<IncidentOption[]>;
  incidentsWithUrl(url: string, connectionId: string, slug: string): Promise<IncidentOption[]>;
  activity(connectionId: string, slug: string): Promise<IncidentActivity>;
  updateStatus(data: { connectionId: string; slug: string; status: string; message?: string }): Promise<StatusUpdateResult>;
  createIncident(input: NewIncidentInput): Promise<CreateIncidentResult>;
  saveChoices(choices: CaptureChoices): Promise<void>;
  startCapture(request: CaptureRequest): Promise<{ jobId: string }>;
  listJobs(): Promise<JobSummary[]>;
  retryJob(jobId: string): Promise<void>;
  dismissJob(jobId: string): Promise<void>;
  onJobUpdated(listener: (job: JobSummary) => void): () => void;
  /** Whether the person granted access to all sites (else captures rely on the click's temporary access). */
  allSitesAccess(): Promise<boolean>;
  openOptions(): void;
  optionsUrl(): string;
  /** Keeps the opening state for the next opening's first frame (shell.ts); never blocks, never fails. */
  saveShell(start: PopupStart): void;
}

export interface LocalData {
  /** The connection list as stored (no tokens; the background keeps those in its vault). */
  connections: ConnectionSummary[];
  recent: RecentIncident[];
  pinned: IncidentOption[];
  choices: CaptureChoices & { pageArchive: boolean; originalMedia: boolean };
}

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
      const items = [connectionsStorageItem, recentIncidentsItem, pinnedIncidentsItem, captureDefaults, popupChoicesItem] as const;
      const [connections, recent, pinned, defaults, last] = (await storage.getItems([...items])).map((entry) => entry.value) as [
        ConnectionSummary[], RecentIncident[], IncidentOption[], unknown, CaptureChoices | null,
      ];
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
