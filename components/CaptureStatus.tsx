/**
 * The popup's one `role=status` region: progress of the capture started here, `Queued` while it
 * waits for the network, `Captured` with an `Open in Atlos` link when everything asked for is in
 * Atlos and verified, `Captured with problems` naming each missing artifact and what to do, or
 * what went wrong with a Retry button. Its height is reserved so the popup does not jump.
 */
import { i18n } from '#i18n';
import type { JobSummary } from '../lib/capture/protocol';
import { displaySlug } from '../lib/incidents/types';
import { isIncomplete, jobText, problemLine } from './job-text';

export interface CaptureStatusProps {
  job: JobSummary | null;
  /** Shown when there is no job: e.g. the capture could not start. */
  message?: string | null;
  projectCode?: string;
  onRetry(jobId: string): void;
}

function statusClass(job: JobSummary | null): string {
  if (job && isIncomplete(job)) return 'status is-warning';
  if (job?.state === 'done') return 'status is-done';
  if (job?.state === 'failed') return 'status is-error';
  return 'status';
}

export function CaptureStatus({ job, message, projectCode, onRetry }: CaptureStatusProps) {
  const progress = job && job.state !== 'done' && job.state !== 'failed' ? job.progress : null;
  const problems = job && isIncomplete(job) ? (job.problems ?? []) : [];
  return (
    <div class="capture-status">
      <div role="status" class={statusClass(job)}>
        {job ? (
          <>
            <span>{jobText(job)}</span>
            {job.state === 'done' && (
              <>
                {' '}
                <span class="status-detail" dir="ltr">
                  {displaySlug({ slug: job.incident.slug, projectCode })}
                </span>{' '}
                <a href={job.incidentUrl} target="_blank" rel="noopener noreferrer">
                  {i18n.t('popup_openInAtlos')}
                </a>
              </>
            )}
            {problems.length > 0 && (
              <>
                <ul class="status-problems">
                  {problems.map((problem, index) => (
                    <li key={index}>{problemLine(problem)}</li>
                  ))}
                </ul>
                <span class="status-hint">{i18n.t('capture_outcome_whatToDo')}</span>
              </>
            )}
          </>
        ) : (
          (message ?? '')
        )}
      </div>
      {progress && (
        <progress
          class="status-progress"
          max={Math.max(1, progress.total)}
          value={progress.done}
          aria-label={i18n.t('popup_progressLabel')}
        />
      )}
      {job?.state === 'failed' && (
        <button type="button" class="button secondary" onClick={() => onRetry(job.id)}>
          {i18n.t('popup_retry')}
        </button>
      )}
    </div>
  );
}
