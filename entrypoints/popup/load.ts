/**
 * What the popup needs before it can show anything, read in parallel: the tab, the connections,
 * remembered choices and the locally known incidents. A tab that cannot be inspected or an
 * unreadable cache does not stop the popup; a failing connection list does.
 */
import { i18n } from '#i18n';
import type { CaptureChoices } from '../../components/CaptureOptions';
import type { TabInspection } from '../../lib/capture/protocol';
import type { ConnectionSummary } from '../../lib/connections/protocol';
import type { IncidentOption } from '../../lib/incidents/types';
import type { PopupApi } from './api';

export interface Boot {
  tab: TabInspection | null;
  tabError: string | null;
  connections: ConnectionSummary[];
  initial: IncidentOption[];
  cached: IncidentOption[];
  pinned: IncidentOption[];
  lastUsed: IncidentOption | null;
  choices: CaptureChoices;
  extras: { pageArchive: boolean; originalMedia: boolean };
}

export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

function settle<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return promise.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
}

export async function loadPopup(api: PopupApi): Promise<Boot> {
  const [tabId, connections, loaded] = await Promise.all([api.tabId(), api.listConnections(), api.loadChoices()]);
  const { archive, viewportScreenshot, fullPageScreenshot, pageArchive, originalMedia } = loaded;
  const [tab, local] = await Promise.all([
    settle(tabId === null ? Promise.reject(new Error(i18n.t('popup_noTab'))) : api.inspectTab(tabId)),
    settle(api.localIncidents(connections)),
  ]);
  const incidents = local.ok ? local.value : { initial: [], cached: [], pinned: [], lastUsed: null };
  return {
    tab: tab.ok ? tab.value : null,
    tabError: tab.ok ? null : errorMessage(tab.error),
    connections,
    ...incidents,
    choices: { archive, viewportScreenshot, fullPageScreenshot },
    extras: { pageArchive, originalMedia },
  };
}
