/** The real `BatchBrowser` (tab-collector.ts) from the extension's APIs; built per batch, in the background. */
import { browser } from 'wxt/browser';
import { createBrowserCollectDeps } from '../artifacts/browser-deps';
import { collectArtifacts } from '../artifacts/collect';
import type { BatchBrowser } from './tab-collector';

export function createBrowserBatch(settings: { maxMediaBytes: number }): BatchBrowser<ImageBitmap> {
  return {
    collectDeps: createBrowserCollectDeps(settings),
    async frontTabs() {
      const [tabs, focused] = await Promise.all([
        browser.tabs.query({ active: true }),
        browser.windows.getLastFocused().catch(() => undefined),
      ]);
      return {
        tabs: tabs.flatMap((tab) => (tab.id !== undefined ? [{ tabId: tab.id, windowId: tab.windowId ?? -1 }] : [])),
        ...(focused?.id !== undefined ? { focusedWindowId: focused.id } : {}),
      };
    },
    focusWindow: async (windowId) => void (await browser.windows.update(windowId, { focused: true })),
    hasFileAccess: () => browser.extension.isAllowedFileSchemeAccess(),
    collect: (request, deps, progress) => collectArtifacts(request, deps, progress),
  };
}
