/**
 * The popup's batch capture, loaded only when needed (useBatchUi.ts: several tabs selected, the
 * links of a selection, or a batch in the recent list), so the popup's first load stays small.
 */
import { browser } from 'wxt/browser';
import '@/components/batch.css';
import type { BatchActions } from '@/components/batch-actions';
import { requestAllSitesAccess, type PermissionsApi } from '@/lib/connections/permissions';
import { askForPageCaptureFromPopup } from '@/lib/connections/page-capture-permission';
import type { BatchRequest } from '@/lib/domain/batch';
import { readLinks, type SessionArea } from '@/lib/links/store';
import { sendMessage } from '@/lib/messaging';
import type { PopupApi } from './api-types';

export { BatchRow } from '@/components/BatchRow';
export { groupBatches } from '@/components/batch-summary';
export { LinkChoices } from '@/components/LinkChoices';
export { SelectedTabsCapture } from '@/components/SelectedTabsCapture';

/** Batch messages (lib/capture/protocol.ts), until the protocol map in this branch knows them. */
type BatchMessages = {
  startBatch(request: BatchRequest): Promise<{ batchId: string; jobIds: string[] }>;
  retryBatch(data: { batchId: string }): Promise<void>;
};
const send = sendMessage as unknown as <K extends keyof BatchMessages>(
  name: K,
  data: Parameters<BatchMessages[K]>[0],
) => ReturnType<BatchMessages[K]>;

export async function selectedTabIds(tabId: number): Promise<number[]> {
  const { windowId } = await browser.tabs.get(tabId);
  const selected = await browser.tabs.query({ highlighted: true, windowId });
  const ids = selected.flatMap((tab) => (tab.id === undefined ? [] : [tab.id]));
  return ids.includes(tabId) ? ids : [tabId];
}

export function createBatchActions(api: PopupApi): BatchActions {
  return {
    selectedTabIds,
    inspectTab: (tabId) => api.inspectTab(tabId),
    startBatch: (request) => send('startBatch', request),
    retryBatch: (batchId) => send('retryBatch', { batchId }),
    readLinks: (key) => readLinks(browser.storage.session as unknown as SessionArea, key),
    activity: (connectionId, slug) => api.activity(connectionId, slug),
    requestAllSites: () => requestAllSitesAccess(browser.permissions as unknown as PermissionsApi),
    askForPageCapture: (wantsArchive) => void askForPageCaptureFromPopup(wantsArchive),
  };
}
