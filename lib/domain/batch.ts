// lib/domain/batch.ts (bottom floor: plain types only)
import type { CaptureOptions, IncidentRef } from './capture-request';

/** An open tab to capture as it is (screenshots, archive, metadata as for a single capture). */
export interface BatchTabItem {
  kind: 'tab';
  tabId: number;
  url: string;
  title: string;
}
/** A link found in a selection: not open, so Atlos's archiver captures it (`archive` forced on). */
export interface BatchLinkItem {
  kind: 'link';
  url: string;
  text: string;
  /** 1-based, in selection order */ position: number;
}
export type BatchItem = BatchTabItem | BatchLinkItem;

export interface BatchRequest {
  incident: IncidentRef;
  /** For tab items, as for a single capture. Link items ignore screenshots/archive/media and always archive. */
  options: CaptureOptions;
  items: BatchItem[];
  /** Link batches: the page the links were found on (recorded in each item's metadata) and its tab. */
  from?: { pageUrl: string; tabId: number };
  source: 'popup' | 'context-menu';
}

/** Where a job sits in its batch; on every JobSummary of a batch job. */
export interface BatchRef {
  id: string;
  /** 0-based */ index: number;
  size: number;
}
