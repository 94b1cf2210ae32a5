/**
 * The toolbar popup: choose an incident, see it in context, choose what to capture, capture, and
 * follow the capture (which goes on in the background if the popup closes).
 *
 * Over a screen on purpose: this is the popup's layout (JSX) in one place, so the prerendered
 * first paint and the hydrated app are visibly the same tree; state lives in the use* hooks.
 */
import { i18n } from '#i18n';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { CaptureOptions } from '@/components/CaptureOptions';
import { CaptureStatus } from '@/components/CaptureStatus';
import { DuplicateNotice } from '@/components/DuplicateNotice';
import { IncidentActivity } from '@/components/IncidentActivity';
import { IncidentPicker } from '@/components/IncidentPicker';
import { RecentCaptures } from '@/components/RecentCaptures';
import { matchIncidents } from '@/lib/incidents/local-match';
import { askForPageCaptureFromPopup } from '@/lib/connections/page-capture-permission';
import { isPinned } from '@/lib/incidents/pinned-list';
import { incidentKey } from '@/lib/incidents/types';
import type { PopupApi } from './api-types';
import { ChosenIncident } from './ChosenIncident';
import { errorMessage } from './load';
import { OptionsLink } from './OptionsLink';
import { buildPopupRequest } from './request';
import { EMPTY_START, type PopupStart, type TypedBeforeHydration } from './shell';
import { useBatchUi } from './useBatchUi';
import { useIncidentContext } from './useIncidentContext';
import { useJobs } from './useJobs';
import { useLoadedWhen } from './useLoadedWhen';
import { useCaptureChoices, useIncidentChoice } from './usePersonChoices';
import { usePopupData } from './usePopupData';

export interface AppProps {
  api: PopupApi;
  /** The state painted in the first frame (prerendered or saved HTML); hydration starts from it. */
  start?: PopupStart;
  /** What the person did to the painted form before hydration (kept, never reset). */
  typed?: TypedBeforeHydration;
}

export function App({ api, start = EMPTY_START, typed }: AppProps) {
  const { selected, pickedKey, pick, preselect } = useIncidentChoice(start);
  const { choices, setChoices, stored } = useCaptureChoices(start, typed);
  const data = usePopupData(api, start, { onPreselect: preselect, onChoices: stored });
  const { boot, bootError, pinned, setPinned, cached, initial, tabState, limitedAccess } = data;
  const [activityOpen, setActivityOpen] = useState(false);
  const [comment, setComment] = useState(typed?.comment ?? '');
  const { jobs, refresh: refreshJobs, dismiss } = useJobs(api, data.loaded);
  const [currentJobId, setCurrentJobId] = useState<string | null>(null);
  const [statusMessage, setStatusMessage] = useState<string | null>(null);
  const [creating, setCreating] = useState<string | null>(null);
  const [backFromForm, setBackFromForm] = useState(false);
  // Creating an incident is rare: its form is a chunk of its own, loaded when asked for; until
  // then the picker stays on screen.
  const incidentForm = useLoadedWhen(creating !== null, () => import('@/components/NewIncidentForm'));

  const usable = useMemo(() => boot?.connections.filter((c) => c.status === 'ok') ?? [], [boot]);
  const source = useMemo(
    () => ({
      local: (query: string) => matchIncidents([...pinned, ...initial, ...cached], query),
      search: (query: string, signal: AbortSignal) => api.search(query, signal),
    }),
    [api, initial, pinned, cached],
  );
  const chooserTarget = useMemo(() => api.chooserTarget(), [api]);
  const tab = tabState?.tab ?? null;
  const targetUrl = chooserTarget?.url ?? tab?.url;
  const pageUrl = targetUrl && /^https?:/i.test(targetUrl) ? targetUrl : null;
  const selectedKey = selected ? incidentKey(selected) : null;
  const context = useIncidentContext(
    api,
    selected,
    pageUrl,
    activityOpen || (selectedKey !== null && selectedKey === pickedKey),
  );
  const chosen = context.freshIncident ?? selected;
  // Batch capture (several selected tabs, the links of a selection), loaded only when needed.
  const batch = useBatchUi(jobs, tab?.tabId ?? null);
  const Batch = batch.ui;
  // The links of a selection replace the single capture's form once their module is loaded (the
  // first frame, hydrated, stays the painted form).
  const single = !Batch || batch.linksKey === null;

  const currentDone = jobs.some((j) => j.id === currentJobId && j.state === 'done');
  useEffect(() => {
    if (currentDone) context.reloadActivity();
  }, [currentDone]);

  if (bootError)
    return (
      <main class="popup">
        <p class="inline-error" role="alert">
          {bootError}
        </p>
      </main>
    );
  if (boot && boot.connections.length === 0) {
    return (
      <main class="popup">
        <h1 class="title">{i18n.t('popup_title')}</h1>
        <p>{i18n.t('popup_notConnected')}</p>
        <OptionsLink api={api} class="button">
          {i18n.t('popup_connectLink')}
        </OptionsLink>
      </main>
    );
  }

  const startCapture = async (urlOnly: boolean) => {
    if (!chosen) return setStatusMessage(i18n.t('popup_chooseIncidentFirst'));
    setStatusMessage(i18n.t('popup_starting'));
    // A click before storage and the tab inspection answered (the form is usable from the first frame) waits for them.
    const loaded = await data.ready().catch(() => null);
    if (!loaded) return setStatusMessage(i18n.t('popup_noTab'));
    const { tab, tabError } = loaded.tab;
    if (!tab) return setStatusMessage(tabError ?? i18n.t('popup_noTab'));
    if (!tab.capturable && !urlOnly) return setStatusMessage(tab.reason ?? i18n.t('popup_notCapturable'));
    setCurrentJobId(null);
    data.rememberChoices(choices);
    try {
      const request = buildPopupRequest({
        tab,
        incident: chosen,
        choices,
        extras: loaded.boot.extras,
        comment,
        urlOnly,
        target: chooserTarget,
      });
      const { jobId } = await api.startCapture(request);
      void askForPageCaptureFromPopup(!urlOnly && loaded.boot.extras.pageArchive); // after the hand-over: the prompt closes the popup
      setCurrentJobId(jobId);
      setStatusMessage(null);
      setComment('');
      await refreshJobs();
    } catch (error) {
      setStatusMessage(i18n.t('popup_startFailed', [errorMessage(error)]));
    }
  };
  const retry = (jobId: string) =>
    void api.retryJob(jobId).catch((error: unknown) => setStatusMessage(errorMessage(error)));
  const currentJob = jobs.find((j) => j.id === currentJobId) ?? null;
  const batchContext = {
    api,
    tabId: tab?.tabId ?? null,
    incident: chosen,
    choices,
    extras: boot?.extras ?? null,
    comment,
    limitedAccess,
    onMessage: setStatusMessage,
    onStarted(batchId: string) {
      setCurrentJobId(null);
      setComment('');
      void refreshJobs();
    },
  };
  const selectedPinned = chosen ? isPinned(pinned, chosen) : false;

  return (
    <main class="popup">
      <header class="header">
        <h1 class="title">{i18n.t('popup_title')}</h1>
        {/* Always rendered: its line is reserved while the tab is being inspected (no layout jump). */}
        <p class="page" title={tab?.url}>
          <span dir="auto">{tab ? tab.title || tab.url : '\u00a0'}</span>
        </p>
        {chooserTarget && chooserTarget.kind !== 'page' && (
          <p class="page" title={chooserTarget.url}>
            {i18n.t(`popup_target_${chooserTarget.kind}`)}:{' '}
            <span dir="auto">{chooserTarget.selectionText?.slice(0, 120) ?? chooserTarget.url}</span>
          </p>
        )}
      </header>
      {limitedAccess && (
        <p class="hint">
          {i18n.t('popup_limitedAccess')} <OptionsLink api={api}>{i18n.t('popup_openSettings')}</OptionsLink>
        </p>
      )}
      {boot && usable.length < boot.connections.length && (
        <p class="inline-error">
          {i18n.t('popup_connectionProblem')} <OptionsLink api={api}>{i18n.t('popup_openSettings')}</OptionsLink>
        </p>
      )}
      {creating !== null && incidentForm ? (
        <incidentForm.NewIncidentForm
          initialDescription={creating}
          connections={usable}
          onSubmit={(input) => api.createIncident(input)}
          onCreated={(incident) => {
            pick(incident);
            setCreating(null);
            setBackFromForm(true);
          }}
          onCancel={() => {
            setCreating(null);
            setBackFromForm(true);
          }}
        />
      ) : (
        <section class="incident" aria-label={i18n.t('popup_incidentSection')}>
          <IncidentPicker
            id="incident"
            source={source}
            initial={initial}
            selected={chosen}
            onSelect={pick}
            resolveReference={(input) => api.resolve(input)}
            showProject={usable.length > 1}
            isPinned={(option) => isPinned(pinned, option)}
            onCreate={setCreating}
            autoFocus={backFromForm}
          />
          <ChosenIncident
            chosen={chosen}
            pinned={selectedPinned}
            showProject={usable.length > 1}
            onPin={(pin) => chosen && void api.setPinned(chosen, pin).then(setPinned)}
          />
          {chosen && (
            <DuplicateNotice report={context.duplicates} chosen={chosen} checking={context.checkingDuplicates} />
          )}
          {chosen && (
            <IncidentActivity
              key={`${chosen.connectionId}|${chosen.slug}`}
              activity={context.activity}
              loading={context.activityLoading}
              error={context.activityError}
              status={chosen.status}
              open={activityOpen}
              onToggle={setActivityOpen}
              onChangeStatus={async (status, note) => {
                const result = await api.updateStatus({
                  connectionId: chosen.connectionId,
                  slug: chosen.slug,
                  status,
                  message: note,
                });
                if (!result.ok) return result.message;
                context.setActivity(result.activity);
                return null;
              }}
            />
          )}
        </section>
      )}
      {Batch && !single && <Batch.BatchLinks ctx={batchContext} linksKey={batch.linksKey!} />}
      {single && tab && !tab.capturable && (
        <div class="not-capturable">
          <p>{tab.reason ?? i18n.t('popup_notCapturable')}</p>
          {tab.urlOnlyPossible && (
            <button type="button" class="button secondary" onClick={() => void startCapture(true)}>
              {i18n.t('popup_captureUrlOnly')}
            </button>
          )}
        </div>
      )}
      {single && (
        <CaptureOptions
          choices={choices}
          onChoicesChange={(next) => {
            setChoices(next);
            data.rememberChoices(next);
          }}
          comment={comment}
          onCommentChange={setComment}
          urlOnly={!!tab && !tab.capturable}
        />
      )}
      {single && (
        <button type="button" class="button primary capture" onClick={() => void startCapture(false)}>
          {i18n.t('popup_captureButton')}
        </button>
      )}
      {Batch && single && <Batch.BatchTabs ctx={batchContext} />}
      <CaptureStatus job={currentJob} message={statusMessage} projectCode={chosen?.projectCode} onRetry={retry} />
      <RecentCaptures
        jobs={jobs.filter((j) => j.id !== currentJobId && !j.batch).slice(0, 5)}
        onRetry={retry}
        onDismiss={dismiss}
        before={Batch && jobs.some((j) => j.batch) && <Batch.BatchRows ctx={batchContext} jobs={jobs} />}
      />
    </main>
  );
}
