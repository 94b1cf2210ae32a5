/**
 * `Choose incident…` and the keyboard command without a recent incident open the popup in a
 * small window of its own, for one tab and one target (README.md, "Use it").
 *
 * URL format the popup reads: `popup.html?tabId=<N>&target=<encodeURIComponent(JSON.stringify(CaptureTarget))>`.
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

export function chooserUrl(popupUrl: string, tabId: number, target?: CaptureTarget): string {
  const query = `tabId=${encodeURIComponent(String(tabId))}`;
  const targetParam = target ? `&target=${encodeURIComponent(JSON.stringify(target))}` : '';
  return `${popupUrl}?${query}${targetParam}`;
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

export async function openChooserWindow(deps: ChooserWindowDeps, tabId: number, target?: CaptureTarget): Promise<void> {
  await deps.createWindow({
    url: chooserUrl(deps.popupUrl, tabId, target),
    type: 'popup',
    width: CHOOSER_WIDTH,
    height: CHOOSER_HEIGHT,
  });
}
