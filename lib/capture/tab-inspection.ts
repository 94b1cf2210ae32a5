/** `inspectTab`: whether a tab can be captured, using the artifacts helper's rules. */
import { inspectTabUrl } from '../artifacts/capturability';
import type { TabInspection } from './protocol';

export async function inspectTab(
  tabId: number,
  deps: { getTab(tabId: number): Promise<{ url?: string; title?: string }>; hasFileAccess(): Promise<boolean> },
): Promise<TabInspection> {
  const tab = await deps.getTab(tabId);
  const verdict = inspectTabUrl(tab.url, await deps.hasFileAccess().catch(() => false));
  return { tabId, url: tab.url ?? '', title: tab.title ?? '', ...verdict };
}
