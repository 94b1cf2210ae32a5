/** Captures of the last while (from the capture engine's job list), with Retry / Dismiss / Open. */
import { i18n } from '#i18n';
import type { JobSummary } from '../lib/capture/protocol';
import { jobText } from './job-text';

export interface RecentCapturesProps {
  jobs: JobSummary[];
  onRetry(jobId: string): void;
  onDismiss(jobId: string): void;
}

export function RecentCaptures({ jobs, onRetry, onDismiss }: RecentCapturesProps) {
  if (jobs.length === 0) return null;
  return (
    <section class="recent" aria-labelledby="recent-captures-heading">
      <h2 id="recent-captures-heading" class="section-title">{i18n.t('popup_recentCaptures')}</h2>
      <ul class="recent-list">
        {jobs.map((job) => (
          <li key={job.id} class="recent-item">
            <span class="recent-line">
              <span class="recent-slug" dir="ltr">{job.incident.slug}</span>
              <span class="recent-url" dir="ltr" title={job.target.url}>{job.target.url}</span>
            </span>
            <span class={job.state === 'failed' ? 'recent-state is-error' : 'recent-state'}>{jobText(job)}</span>
            <span class="recent-actions">
              {job.state === 'failed' && (
                <button type="button" class="link-button" onClick={() => onRetry(job.id)}
                  aria-label={i18n.t('popup_retryCaptureOf', [job.target.url])}>{i18n.t('popup_retry')}</button>
              )}
              {(job.state === 'failed' || job.state === 'done') && (
                <button type="button" class="link-button" onClick={() => onDismiss(job.id)}
                  aria-label={i18n.t('popup_dismissCaptureOf', [job.target.url])}>{i18n.t('popup_dismiss')}</button>
              )}
              {job.state === 'done' && job.sourceMaterialId && (
                <a href={`/verify.html?connection=${encodeURIComponent(job.incident.connectionId)}&sm=${encodeURIComponent(job.sourceMaterialId)}`}
                  target="_blank" rel="noopener">{i18n.t('popup_verify')}</a>
              )}
              <a href={job.incidentUrl} target="_blank" rel="noopener noreferrer"
                aria-label={i18n.t('popup_openIncidentInAtlos', [job.incident.slug])}>{i18n.t('popup_openInAtlos')}</a>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
