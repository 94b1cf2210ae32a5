/**
 * What the popup reads when it opens, in two parts so the picker paints at once:
 * - `loadLocal`: local, token-free data only (storage.local), enough to render the combobox with
 *   the recent and pinned incidents. A failing read here stops the popup (nothing to show).
 * - `loadTab`: the tab and its inspection, a round-trip to the background (which may have to wake
 *   up); it fills in after the first paint. A tab that cannot be inspected does not stop the popup.
 */
import { i18n } from '#i18n';
import type { TabInspection } from '@/lib/capture/protocol';
import type { PopupApi } from './api-types';
import type { Boot } from './boot';

export type { Boot } from './boot';

export interface TabState {
  tab: TabInspection | null;
  tabError: string | null;
}

export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function loadLocal(api: PopupApi): Promise<Boot> {
  const { connections, recent, pinned, choices } = await api.localData();
  const { archive, viewportScreenshot, fullPageScreenshot, pageArchive, originalMedia } = choices;
  return {
    connections,
    recent,
    pinned,
    choices: { archive, viewportScreenshot, fullPageScreenshot },
    extras: { pageArchive, originalMedia },
  };
}

export async function loadTab(api: PopupApi): Promise<TabState> {
  try {
    const tabId = await api.tabId();
    if (tabId === null) throw new Error(i18n.t('popup_noTab'));
    return { tab: await api.inspectTab(tabId), tabError: null };
  } catch (error) {
    return { tab: null, tabError: errorMessage(error) };
  }
}
