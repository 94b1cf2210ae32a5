/**
 * The popup's batch capture, loaded only when needed (useBatchUi.ts: several tabs selected, the
 * links of a selection, or a batch in the recent list), so the popup's first load stays small.
 * The App hands over one context object; everything else about batches lives here.
 */
import { browser } from 'wxt/browser';
import type { BatchActions } from '@/components/batch-actions';
import { groupBatches } from '@/components/batch-summary';
import { BatchRow } from '@/components/BatchRow';
import type { CaptureChoices } from '@/components/CaptureOptions';
import { LinkChoices } from '@/components/LinkChoices';
import { SelectedTabsCapture } from '@/components/SelectedTabsCapture';
import type { JobSummary } from '@/lib/capture/protocol';
import { requestAllSitesAccess, type PermissionsApi } from '@/lib/connections/permissions';
import { askForPageCaptureFromPopup } from '@/lib/connections/page-capture-permission';
import type { IncidentOption } from '@/lib/incidents/types';
import { readLinks, type SessionArea } from '@/lib/links/store';
import { sendMessage } from '@/lib/messaging';
import type { PopupApi } from './api-types';

/** What the App knows that a batch needs. */
export interface BatchContext {
  api: PopupApi;
  /** The popup's tab (its window's selection is offered); null until inspected. */
  tabId: number | null;
  incident: IncidentOption | null;
  choices: CaptureChoices;
  extras: { pageArchive: boolean; originalMedia: boolean } | null;
  comment: string;
  limitedAccess: boolean;
  onMessage(message: string | null): void;
  onStarted(batchId: string): void;
}

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

const actionsByApi = new WeakMap<PopupApi, BatchActions>();
/** The batch started in this popup: its row is shown open. */
let startedHere: string | null = null;
const started = (ctx: BatchContext) => (batchId: string) => {
  startedHere = batchId;
  ctx.onStarted(batchId);
};
function actionsOf(api: PopupApi): BatchActions {
  let actions = actionsByApi.get(api);
  if (!actions) actionsByApi.set(api, (actions = createBatchActions(api)));
  return actions;
}

/** `Capture N selected tabs`, beside `Capture`. */
export function BatchTabs({ ctx }: { ctx: BatchContext }) {
  if (ctx.tabId === null || !ctx.extras) return null;
  return (
    <SelectedTabsCapture
      actions={actionsOf(ctx.api)}
      tabId={ctx.tabId}
      incident={ctx.incident}
      choices={ctx.choices}
      extras={ctx.extras}
      comment={ctx.comment}
      limitedAccess={ctx.limitedAccess}
      onMessage={ctx.onMessage}
      onStarted={started(ctx)}
    />
  );
}

/** The links of a selection, in place of the single capture's form. */
export function BatchLinks({ ctx, linksKey }: { ctx: BatchContext; linksKey: string }) {
  return (
    <LinkChoices
      actions={actionsOf(ctx.api)}
      linksKey={linksKey}
      incident={ctx.incident}
      onMessage={ctx.onMessage}
      onStarted={started(ctx)}
    />
  );
}

/** The batches among the recent captures, one row each (newest three). */
export function BatchRows({ ctx, jobs }: { ctx: BatchContext; jobs: readonly JobSummary[] }) {
  const actions = actionsOf(ctx.api);
  const retryBatch = (batchId: string) =>
    void actions
      .retryBatch(batchId)
      .catch((error: unknown) => ctx.onMessage(String((error as Error)?.message ?? error)));
  const retry = (jobId: string) =>
    void ctx.api.retryJob(jobId).catch((error: unknown) => ctx.onMessage(String((error as Error)?.message ?? error)));
  return (
    <>
      {groupBatches(jobs)
        .batches.slice(0, 3)
        .map((group) => (
          <BatchRow
            key={group.id}
            group={group}
            openNow={group.id === startedHere}
            onRetry={retry}
            onRetryBatch={retryBatch}
          />
        ))}
    </>
  );
}
