/**
 * Whether the popup needs its batch UI, asked without loading it: the batch a chooser window was
 * opened for (`links=` or `tabs=selected` in its URL, lib/chooser-window.ts), and how many tabs
 * are selected (highlighted) in the window of the popup's tab.
 */
import { browser } from 'wxt/browser';
import { parseChooserBatch, type ChooserBatch } from '@/lib/chooser-window';

export function chooserBatch(): ChooserBatch | null {
  return typeof location === 'undefined' ? null : parseChooserBatch(location.search);
}

export async function selectedTabCount(tabId: number): Promise<number> {
  const { windowId } = await browser.tabs.get(tabId);
  return (await browser.tabs.query({ highlighted: true, windowId })).length;
}
