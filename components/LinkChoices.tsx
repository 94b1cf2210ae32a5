/**
 * The chooser window opened by `Send links to Atlos…`: the links found in the selection, each a
 * checkbox named by its text (or its URL when it has none), all checked, the URL shown beside it
 * (`Check all` / `Uncheck all` above them: LinkCheckTools).
 * Once an incident is chosen, the links it already holds as source material are marked and
 * unchecked (one request: the incident as Atlos has it now). `Capture` sends the checked links as
 * one batch; Atlos's archiver captures each page (they are not open here).
 */
import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../lib/artifacts/artifact';
import type { BatchRequest } from '../lib/domain/batch';
import { ARCHIVE_ONLY, incidentRefOf } from '../lib/domain/capture-request';
import type { IncidentOption } from '../lib/incidents/types';
import type { StoredLinks } from '../lib/links/store';
import type { BatchActions } from './batch-actions';
import { LinkCheckTools } from './LinkCheckTools';
import { useLinksInIncident } from './useLinksInIncident';

export interface LinkChoicesProps {
  actions: BatchActions;
  linksKey: string;
  incident: IncidentOption | null;
  onMessage(message: string | null): void;
  onStarted(batchId: string): void;
}

const allUrls = (found: StoredLinks) => new Set(found.links.map((link) => link.url));

type Loaded = { state: 'loading' } | { state: 'gone' } | { state: 'ready'; found: StoredLinks };

export function linkBatchRequest(
  found: StoredLinks,
  checked: ReadonlySet<string>,
  incident: IncidentOption,
): BatchRequest {
  return {
    incident: incidentRefOf(incident),
    // Link items are archived by Atlos whatever is asked; nothing of the (closed) pages is collected here.
    options: { ...ARCHIVE_ONLY },
    items: found.links
      .filter((link) => checked.has(link.url))
      .map((link) => ({ kind: 'link', url: link.url, text: link.text, position: link.position })),
    from: { pageUrl: found.pageUrl, tabId: found.tabId },
    source: 'popup',
  };
}

export function LinkChoices({ actions, linksKey, incident, onMessage, onStarted }: LinkChoicesProps) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [starting, setStarting] = useState(false);
  const found = loaded.state === 'ready' ? loaded.found : null;
  const known = useLinksInIncident(actions, incident, found);

  useEffect(() => {
    actions.readLinks(linksKey).then(
      (value) => {
        setLoaded(value ? { state: 'ready', found: value } : { state: 'gone' });
        if (value) setChecked(allUrls(value));
      },
      () => setLoaded({ state: 'gone' }),
    );
  }, [linksKey]);
  // Links already in the chosen incident are unchecked once, when the answer comes.
  useEffect(() => {
    if (!known?.urls?.size) return;
    setChecked((previous) => new Set([...previous].filter((url) => !known.urls!.has(url))));
  }, [known]);

  if (loaded.state === 'loading') return <p class="hint">{'\u00a0'}</p>;
  if (!found) return <p class="inline-error">{i18n.t('batch_linksGone')}</p>;

  const start = async () => {
    if (!incident) return onMessage(i18n.t('popup_chooseIncidentFirst'));
    if (checked.size === 0) return onMessage(i18n.t('batch_noneChecked'));
    setStarting(true);
    onMessage(i18n.t('popup_starting'));
    try {
      const { batchId, jobIds } = await actions.startBatch(linkBatchRequest(found, checked, incident));
      onMessage(i18n.t('batch_started', [String(jobIds.length)]));
      onStarted(batchId);
    } catch (error) {
      onMessage(i18n.t('popup_startFailed', [errorText(error)]));
    } finally {
      setStarting(false);
    }
  };
  const toggle = (url: string, on: boolean) =>
    setChecked((previous) => {
      const next = new Set(previous);
      if (on) next.add(url);
      else next.delete(url);
      return next;
    });

  return (
    <section class="batch-links" aria-labelledby="batch-links-heading">
      <h2 id="batch-links-heading" class="section-title">
        {i18n.t('batch_linksHeading')}
      </h2>
      <p class="hint batch-from" title={found.pageUrl}>
        {i18n.t('batch_linksFrom', [''])}
        <span dir="ltr">{found.pageUrl}</span>
      </p>
      {found.links.length === 0 ? (
        <p class="inline-error">{i18n.t('batch_noLinks')}</p>
      ) : (
        <>
          <p class="hint">{i18n.t('batch_linksArchived')}</p>
          {incident && !known && <p class="hint">{i18n.t('batch_checkingLinks')}</p>}
          {known?.error && <p class="hint">{i18n.t('batch_checkFailed', [known.error])}</p>}
          <LinkCheckTools
            checked={checked.size}
            total={found.links.length}
            onCheckAll={() => setChecked(allUrls(found))}
            onUncheckAll={() => setChecked(new Set())}
          />
          <ul class="batch-link-list">
            {found.links.map((link) => {
              const inIncident = known?.urls?.has(link.url) ?? false;
              const detailId = `batch-link-${link.position}`;
              return (
                <li key={link.url} class={inIncident ? 'batch-link is-known' : 'batch-link'}>
                  <label class="check">
                    <input
                      type="checkbox"
                      checked={checked.has(link.url)}
                      aria-describedby={detailId}
                      onChange={(e) => toggle(link.url, e.currentTarget.checked)}
                    />
                    <span dir="auto">{link.text || link.url}</span>
                  </label>
                  <span id={detailId} class="batch-link-detail">
                    <span class="recent-url" dir="ltr" title={link.url}>
                      {link.url}
                    </span>
                    {inIncident && <span class="batch-known">{i18n.t('batch_inIncident')}</span>}
                  </span>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {found.skipped > 0 && <p class="hint">{i18n.t('batch_linksSkipped', [String(found.skipped)])}</p>}
      {found.truncated && <p class="hint">{i18n.t('batch_linksTruncated', [String(found.links.length)])}</p>}
      <button
        type="button"
        class="button primary capture"
        disabled={starting || found.links.length === 0}
        onClick={() => void start()}
      >
        {i18n.t('popup_captureButton')}
      </button>
    </section>
  );
}
