/**
 * The popup's batch capture, loaded only when needed (useBatchUi.ts: several tabs selected, the
 * links of a selection, or a batch in the recent list), so the popup's first load stays small.
 */
import { browser } from 'wxt/browser';
import '@/components/batch.css';
import type { BatchActions } from '@/components/batch-actions';
import { requestAllSitesAccess, type PermissionsApi } from '@/lib/connections/permissions';
import { askForPageCaptureFromPopup } from '@/lib/connections/page-capture-permission';
import { readLinks, type SessionArea } from '@/lib/links/store';
import { sendMessage } from '@/lib/messaging';
import type { PopupApi } from './api-types';

export { BatchRow } from '@/components/BatchRow';
export { groupBatches } from '@/components/batch-summary';
export { LinkChoices } from '@/components/LinkChoices';
export { SelectedTabsCapture } from '@/components/SelectedTabsCapture';

export async function selectedTabs(tabId: number): Promise<Array<{ tabId: number; index: number }>> {
  const { windowId, index } = await browser.tabs.get(tabId);
  const selected = (await browser.tabs.query({ highlighted: true, windowId })).flatMap((tab) =>
    tab.id === undefined ? [] : [{ tabId: tab.id, index: tab.index }],
  );
  return selected.some((tab) => tab.tabId === tabId) ? selected : [{ tabId, index }];
}

export function createBatchActions(api: PopupApi): BatchActions {
  return {
    selectedTabs,
    inspectTab: (tabId) => api.inspectTab(tabId),
    startBatch: (request) => sendMessage('startBatch', request),
    retryBatch: (batchId) => sendMessage('retryBatch', { batchId }),
    readLinks: (key) => readLinks(browser.storage.session as unknown as SessionArea, key),
    activity: (connectionId, slug) => api.activity(connectionId, slug),
    requestAllSites: () => requestAllSitesAccess(browser.permissions as unknown as PermissionsApi),
    askForPageCapture: (wantsArchive) => void askForPageCaptureFromPopup(wantsArchive),
  };
}
