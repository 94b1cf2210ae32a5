/**
 * `Choose incident…` and the keyboard command without a recent incident open the popup in a
 * small window of its own, for one tab and one target (README.md, "Use it").
 *
 * URL format the popup reads: `popup.html?tabId=<N>&target=<encodeURIComponent(JSON.stringify(CaptureTarget))>`,
 * and for batches `popup.html?tabId=<N>&links=<key>` (the links of a selection, kept in
 * `storage.session` under that key: lib/links/store.ts) or `popup.html?tabId=<N>&tabs=selected`
 * (the tabs selected in N's window, from Firefox's tab strip).
 * A popup opened as a window sees itself as the active tab, hence the explicit `tabId`
 * (docs/browser-facts.md §6).
 */
import type { CaptureTarget, TargetKind } from './domain/capture-request';

const TARGET_KINDS: readonly TargetKind[] = ['page', 'link', 'image', 'video', 'audio', 'selection'];

export const CHOOSER_WIDTH = 420;
export const CHOOSER_HEIGHT = 640;

export interface ChooserWindowDeps {
  /** `browser.runtime.getURL('/popup.html')`. */
  popupUrl: string;
  createWindow(options: { url: string; type: 'popup'; width: number; height: number }): Promise<unknown>;
}

/** What a batch chooser lists instead of one target. */
export type ChooserBatch = { links: string } | { tabs: 'selected' };

export function chooserUrl(popupUrl: string, tabId: number, target?: CaptureTarget, batch?: ChooserBatch): string {
  const query = `tabId=${encodeURIComponent(String(tabId))}`;
  const targetParam = target ? `&target=${encodeURIComponent(JSON.stringify(target))}` : '';
  const batchParam = !batch ? '' : 'links' in batch ? `&links=${encodeURIComponent(batch.links)}` : '&tabs=selected';
  return `${popupUrl}?${query}${targetParam}${batchParam}`;
}

/** The batch a chooser URL asks for, or null for a single capture. */
export function parseChooserBatch(search: string): ChooserBatch | null {
  const params = new URLSearchParams(search);
  const links = params.get('links');
  if (links) return { links };
  return params.get('tabs') === 'selected' ? { tabs: 'selected' } : null;
}

/** Reads what `chooserUrl` wrote; for the popup. Null fields when absent or malformed. */
export function parseChooserParams(search: string): { tabId: number | null; target: CaptureTarget | null } {
  const params = new URLSearchParams(search);
  const tabIdText = params.get('tabId');
  const tabId = tabIdText !== null && /^\d+$/.test(tabIdText) ? Number(tabIdText) : null;
  let target: CaptureTarget | null = null;
  const targetText = params.get('target');
  if (targetText) {
    try {
      const value = JSON.parse(targetText) as Partial<CaptureTarget> | null;
      if (
        value &&
        TARGET_KINDS.includes(value.kind as TargetKind) &&
        typeof value.url === 'string' &&
        typeof value.pageUrl === 'string'
      ) {
        target = value as CaptureTarget;
      }
    } catch {
      target = null;
    }
  }
  return { tabId, target };
}

export async function openChooserWindow(
  deps: ChooserWindowDeps,
  tabId: number,
  target?: CaptureTarget,
  batch?: ChooserBatch,
): Promise<void> {
  await deps.createWindow({
    url: chooserUrl(deps.popupUrl, tabId, target, batch),
    type: 'popup',
    width: CHOOSER_WIDTH,
    height: CHOOSER_HEIGHT,
  });
}
