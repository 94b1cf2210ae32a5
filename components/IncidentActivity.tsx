/**
 * The chosen incident in context: status, the latest updates and comments, and a small form to
 * change the status with an optional message. Errors are shown inline, next to the form.
 */
import { i18n } from '#i18n';
import { useId, useState } from 'preact/hooks';
import { INCIDENT_STATUSES, type ActivityItem, type IncidentActivity as Activity } from '../lib/incidents/activity';

export interface IncidentActivityProps {
  activity: Activity | null;
  loading: boolean;
  error: string | null;
  /** The status known before the activity loaded (cached copy of the incident). */
  status?: string | null;
  /** Whether the section is open; its content is loaded only when the person opens it. */
  open: boolean;
  onToggle(open: boolean): void;
  /** Resolves to an error sentence, or null on success. */
  onChangeStatus(status: string, message: string): Promise<string | null>;
}

function describe(item: ActivityItem): string {
  const who = item.author ?? i18n.t('popup_activityApiToken');
  switch (item.type) {
    case 'comment':
      return i18n.t('popup_activityComment', [who]);
    case 'update_attribute':
      return i18n.t('popup_activityUpdated', [who, item.attribute ?? '']);
    case 'create':
      return i18n.t('popup_activityCreated', [who]);
    case 'upload_version':
      return i18n.t('popup_activitySource', [who]);
    default:
      return `${who} · ${item.type}`;
  }
}

export function IncidentActivity({
  activity,
  loading,
  error,
  status: known,
  open,
  onToggle,
  onChangeStatus,
}: IncidentActivityProps) {
  const id = useId();
  const current = activity?.incident?.status ?? known ?? '';
  const [status, setStatus] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const chosen = status ?? current;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!chosen || chosen === current) return;
    setBusy(true);
    setFormError(null);
    const problem = await onChangeStatus(chosen, message);
    setBusy(false);
    setFormError(problem);
    if (!problem) {
      setStatus(null);
      setMessage('');
    }
  };

  return (
    <details class="activity" open={open} onToggle={(e) => onToggle(e.currentTarget.open)}>
      <summary>{i18n.t('popup_activitySummary')}</summary>
      <div class="activity-body" aria-busy={loading}>
        {error && <p class="inline-error">{error}</p>}
        {!error && loading && !activity && <p class="hint">{i18n.t('popup_activityLoading')}</p>}
        {activity && activity.items.length === 0 && <p class="hint">{i18n.t('popup_activityNone')}</p>}
        {activity && activity.items.length > 0 && (
          <ol class="activity-list">
            {activity.items.map((item) => (
              <li key={item.id}>
                <span class="activity-who">{describe(item)}</span>{' '}
                <time class="activity-at" dateTime={`${item.at}Z`}>
                  {item.at.replace('T', ' ').slice(0, 16)}
                </time>
                {item.text && (
                  <p class="activity-text" dir="auto">
                    {item.text}
                  </p>
                )}
              </li>
            ))}
          </ol>
        )}
        <form class="status-form" onSubmit={submit}>
          <label class="field-label" for={`${id}-status`}>
            {i18n.t('popup_statusLabel')}
          </label>
          <select id={`${id}-status`} value={chosen} onChange={(e) => setStatus(e.currentTarget.value)}>
            {!INCIDENT_STATUSES.includes(chosen as never) && <option value={chosen}>{chosen || '—'}</option>}
            {INCIDENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <label class="field-label" for={`${id}-message`}>
            {i18n.t('popup_statusMessageLabel')}
          </label>
          <input
            id={`${id}-message`}
            type="text"
            dir="auto"
            value={message}
            onInput={(e) => setMessage(e.currentTarget.value)}
          />
          <button type="submit" class="button secondary" disabled={busy || !chosen || chosen === current}>
            {i18n.t('popup_statusSave')}
          </button>
          {formError && (
            <p class="inline-error" role="alert">
              {formError}
            </p>
          )}
        </form>
      </div>
    </details>
  );
}
