/**
 * `Capture N selected tabs`: shown beside `Capture` when several tabs of the window are selected.
 * Before anything starts it lists the tabs that cannot be captured, with the reason, and leaves
 * them out; without access to all sites it says what the batch will lack and offers to ask.
 * One capture job per tab, into the chosen incident, with the same choices as a single capture.
 */
import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import type { TabInspection } from '../lib/capture/protocol';
import type { BatchRequest } from '../lib/domain/batch';
import { incidentRefOf } from '../lib/domain/capture-request';
import type { IncidentOption } from '../lib/incidents/types';
import type { BatchActions } from './batch-actions';
import type { CaptureChoices } from './CaptureOptions';

export interface SelectedTabsCaptureProps {
  actions: BatchActions;
  /** The popup's tab: its window's selection is offered. */
  tabId: number;
  incident: IncidentOption | null;
  choices: CaptureChoices;
  extras: { pageArchive: boolean; originalMedia: boolean };
  comment: string;
  /** Access to all sites was not granted (captures rely on the click's grant for the tab in front). */
  limitedAccess: boolean;
  onMessage(message: string | null): void;
  onStarted(batchId: string): void;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

const unreadable = (tabId: number, reason: string): TabInspection => ({
  tabId,
  url: '',
  title: '',
  capturable: false,
  reason,
  urlOnlyPossible: false,
});

/**
 * Why a tab is left out. With access to all sites, a tab whose address is still hidden shows a page
 * no extension may read (a browser or extension page), not a missing grant.
 */
function leftOutReason(tab: TabInspection, limitedAccess: boolean): string {
  if (!tab.url && !limitedAccess) return i18n.t('artifacts_notCapturableBrowserPage');
  return tab.reason ?? i18n.t('popup_notCapturable');
}

export function batchRequestForTabs(
  tabs: readonly TabInspection[],
  incident: IncidentOption,
  choices: CaptureChoices,
  extras: { pageArchive: boolean; originalMedia: boolean },
  comment: string,
): BatchRequest {
  const note = comment.trim();
  return {
    incident: incidentRefOf(incident),
    options: {
      archive: choices.archive,
      viewportScreenshot: choices.viewportScreenshot,
      fullPageScreenshot: choices.fullPageScreenshot,
      pageArchive: extras.pageArchive,
      originalMedia: extras.originalMedia,
      ...(note ? { comment: note } : {}),
    },
    items: tabs.map((tab) => ({ kind: 'tab', tabId: tab.tabId, url: tab.url, title: tab.title })),
    source: 'popup',
  };
}

export function SelectedTabsCapture(props: SelectedTabsCaptureProps) {
  const { actions, tabId } = props;
  const [tabs, setTabs] = useState<Array<TabInspection & { index: number }> | null>(null);
  const [revision, setRevision] = useState(0);
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    let current = true;
    void (async () => {
      const selected = await actions.selectedTabs(tabId).catch(() => [{ tabId, index: -1 }]);
      const inspected = await Promise.all(
        selected.map(({ tabId: id, index }) =>
          actions.inspectTab(id).then(
            (inspection) => ({ ...inspection, index }),
            (error: unknown) => ({ ...unreadable(id, errorText(error)), index }),
          ),
        ),
      );
      if (current) setTabs(inspected);
    })();
    return () => {
      current = false;
    };
  }, [tabId, revision]);

  if (!tabs || tabs.length < 2) return null;
  const ready = tabs.filter((t) => t.capturable);
  const leftOut = tabs.filter((t) => !t.capturable);
  // The browser hides the address of a tab the extension may not read: that is the missing access.
  const lackingAccess = props.limitedAccess && leftOut.some((t) => !t.url);

  const start = async () => {
    if (!props.incident) return props.onMessage(i18n.t('popup_chooseIncidentFirst'));
    if (ready.length === 0) return props.onMessage(i18n.t('batch_nothingToCapture'));
    setStarting(true);
    props.onMessage(i18n.t('popup_starting'));
    try {
      const request = batchRequestForTabs(ready, props.incident, props.choices, props.extras, props.comment);
      const { batchId, jobIds } = await actions.startBatch(request);
      actions.askForPageCapture(props.extras.pageArchive);
      props.onMessage(i18n.t('batch_started', [String(jobIds.length)]));
      props.onStarted(batchId);
    } catch (error) {
      props.onMessage(i18n.t('popup_startFailed', [errorText(error)]));
    } finally {
      setStarting(false);
    }
  };

  return (
    <div class="batch-tabs">
      {leftOut.length > 0 && (
        <div class="batch-left-out">
          <p class="batch-note">{i18n.t('batch_leftOut')}</p>
          <ul>
            {leftOut.map((tab) => (
              <li key={tab.tabId}>
                <span dir="auto">
                  {i18n.t('batch_itemReason', [
                    tab.title || tab.url || i18n.t('batch_tabNumber', [String(tab.index + 1)]),
                    leftOutReason(tab, props.limitedAccess),
                  ])}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {lackingAccess && (
        <p class="hint batch-access">
          {i18n.t('batch_limitedAccess')}{' '}
          <button
            type="button"
            class="link-button"
            onClick={() =>
              void actions
                .requestAllSites()
                .then((granted) => granted && setRevision((n) => n + 1))
                .catch(() => undefined)
            }
          >
            {i18n.t('batch_askAccess')}
          </button>
        </p>
      )}
      <button type="button" class="button secondary capture" disabled={starting} onClick={() => void start()}>
        {i18n.t('batch_captureTabs', [String(tabs.length)])}
      </button>
    </div>
  );
}
