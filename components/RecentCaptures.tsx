/**
 * Captures of the last while (from the capture engine's job list), with Retry / Dismiss / Open.
 * A capture that ended without everything asked for says so and names what is missing; dismissing
 * one whose files never reached Atlos asks first, since that deletes the only copy.
 */
import { i18n } from '#i18n';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { JobSummary } from '../lib/capture/protocol';
import { artifactLabel, isIncomplete, jobText } from './job-text';

export interface RecentCapturesProps {
  jobs: JobSummary[];
  onRetry(jobId: string): void;
  onDismiss(jobId: string): void;
  /** Rows shown before the single captures (a batch is one row: BatchRow.tsx, loaded when needed). */
  before?: ComponentChildren;
}

export function stateClass(job: JobSummary): string {
  if (job.state === 'failed') return 'recent-state is-error';
  return isIncomplete(job) ? 'recent-state is-warning' : 'recent-state';
}

export function stateText(job: JobSummary): string {
  const problems = job.problems ?? [];
  if (!isIncomplete(job) || problems.length === 0) return jobText(job);
  const missing = [...new Set(problems.map((p) => artifactLabel(p.artifact)))].join(', ');
  return `${jobText(job)}: ${missing}`;
}

/** Retry for a failed capture, named after its URL for screen readers (nothing when not failed). */
export function RetryButton({ job, onRetry }: { job: JobSummary; onRetry: (jobId: string) => void }) {
  if (job.state !== 'failed') return null;
  return (
    <button
      type="button"
      class="link-button"
      onClick={() => onRetry(job.id)}
      aria-label={i18n.t('popup_retryCaptureOf', [job.target.url])}
    >
      {i18n.t('popup_retry')}
    </button>
  );
}

export function RecentCaptures({ jobs, onRetry, onDismiss, before }: RecentCapturesProps) {
  const [confirming, setConfirming] = useState<string | null>(null);
  if (jobs.length === 0 && !before) return null;
  const dismiss = (job: JobSummary) => {
    if ((job.unsentFiles ?? 0) > 0 && confirming !== job.id) return setConfirming(job.id);
    setConfirming(null);
    onDismiss(job.id);
  };
  return (
    <section class="recent" aria-labelledby="recent-captures-heading">
      <h2 id="recent-captures-heading" class="section-title">
        {i18n.t('popup_recentCaptures')}
      </h2>
      <ul class="recent-list">
        {before}
        {jobs.map((job) => (
          <li key={job.id} class="recent-item">
            <span class="recent-line">
              <span class="recent-slug" dir="ltr">
                {job.incident.slug}
              </span>
              <span class="recent-url" dir="ltr" title={job.target.url}>
                {job.target.url}
              </span>
            </span>
            <span class={stateClass(job)}>{stateText(job)}</span>
            {confirming === job.id && (
              <span class="recent-confirm" role="alert">
                {i18n.t('capture_dismissUnsent_confirm')}
              </span>
            )}
            <span class="recent-actions">
              <RetryButton job={job} onRetry={onRetry} />
              {confirming === job.id ? (
                <>
                  <button type="button" class="link-button" onClick={() => dismiss(job)}>
                    {i18n.t('popup_dismissAnyway')}
                  </button>
                  <button type="button" class="link-button" onClick={() => setConfirming(null)}>
                    {i18n.t('popup_cancel')}
                  </button>
                </>
              ) : (
                (job.state === 'failed' || job.state === 'done') && (
                  <button
                    type="button"
                    class="link-button"
                    onClick={() => dismiss(job)}
                    aria-label={i18n.t('popup_dismissCaptureOf', [job.target.url])}
                  >
                    {i18n.t('popup_dismiss')}
                  </button>
                )
              )}
              {job.state === 'done' && job.sourceMaterialId && (
                <a
                  href={`/verify.html?connection=${encodeURIComponent(job.incident.connectionId)}&sm=${encodeURIComponent(job.sourceMaterialId)}`}
                  target="_blank"
                  rel="noopener"
                >
                  {i18n.t('popup_verify')}
                </a>
              )}
              <a
                href={job.incidentUrl}
                target="_blank"
                rel="noopener noreferrer"
                aria-label={i18n.t('popup_openIncidentInAtlos', [job.incident.slug])}
              >
                {i18n.t('popup_openInAtlos')}
              </a>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
