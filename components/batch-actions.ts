/** What the batch components ask of the extension (the popup passes the real thing; tests a fake). Types only. */
import type { TabInspection } from '../lib/capture/protocol';
import type { BatchRequest } from '../lib/domain/batch';
import type { IncidentActivity } from '../lib/incidents/activity';
import type { StoredLinks } from '../lib/links/store';

export interface BatchActions {
  /**
   * The tabs selected (highlighted) in the window of `tabId`, or just `tabId` when it is not among
   * them; `index` is the tab's place in its window (0-based), to name a tab whose address is hidden.
   */
  selectedTabs(tabId: number): Promise<Array<{ tabId: number; index: number }>>;
  inspectTab(tabId: number): Promise<TabInspection>;
  startBatch(request: BatchRequest): Promise<{ batchId: string; jobIds: string[] }>;
  retryBatch(batchId: string): Promise<void>;
  readLinks(key: string): Promise<StoredLinks | null>;
  /** The chosen incident as Atlos has it now (its source URLs), one request. */
  activity(connectionId: string, slug: string): Promise<IncidentActivity>;
  /**
   * Asks for access to all sites. Must be called synchronously in a click handler (a user gesture:
   * https://developer.chrome.com/docs/extensions/reference/api/permissions#method-request).
   */
  requestAllSites(): Promise<boolean>;
  /** After the capture was handed over, as the single capture does (lib/connections/page-capture-permission.ts). */
  askForPageCapture(wantsArchive: boolean): void;
}
