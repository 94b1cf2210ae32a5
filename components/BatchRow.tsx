/**
 * A batch in the recent-captures list: ONE row that sums it up ("12 of 20 captured, 1 with
 * problems, 2 queued") and is a disclosure button (`aria-expanded`, keyboard operable as any
 * button) opening the list of its items, each with its state, problems, `Verify` and
 * `Open in Atlos` as a single capture has; `Retry failed` retries every failed item at once.
 */
import { i18n } from '#i18n';
import { useEffect, useId, useState } from 'preact/hooks';
import type { JobSummary } from '../lib/capture/protocol';
import { batchSummary, countBatch, type BatchGroup } from './batch-summary';
import { problemLine } from './job-text';
import { RetryButton, stateClass, stateText } from './RecentCaptures';

export interface BatchRowProps {
  group: BatchGroup;
  onRetryBatch(batchId: string): void;
  onRetry(jobId: string): void;
  /** Opens when this turns true (the batch just started here), even if the row was shown before. */
  openNow?: boolean;
}

function verifyUrl(job: JobSummary): string {
  return `/verify.html?connection=${encodeURIComponent(job.incident.connectionId)}&sm=${encodeURIComponent(job.sourceMaterialId ?? '')}`;
}

function BatchItem({ job, onRetry }: { job: JobSummary; onRetry(jobId: string): void }) {
  const problems = job.state === 'done' ? (job.problems ?? []) : [];
  return (
    <li class="batch-item">
      <span class="recent-url" dir="ltr" title={job.target.url}>
        {job.target.url}
      </span>
      <span class={stateClass(job)}>{stateText(job)}</span>
      {problems.length > 0 && (
        <ul class="batch-problems">
          {problems.map((problem, index) => (
            <li key={index}>{problemLine(problem)}</li>
          ))}
        </ul>
      )}
      <span class="recent-actions">
        <RetryButton job={job} onRetry={onRetry} />
        {job.state === 'done' && job.sourceMaterialId && (
          <a href={verifyUrl(job)} target="_blank" rel="noopener">
            {i18n.t('popup_verify')}
          </a>
        )}
        <a href={job.incidentUrl} target="_blank" rel="noopener noreferrer">
          {i18n.t('popup_openInAtlos')}
        </a>
      </span>
    </li>
  );
}

export function BatchRow({ group, onRetryBatch, onRetry, openNow = false }: BatchRowProps) {
  const [open, setOpen] = useState(openNow);
  useEffect(() => {
    if (openNow) setOpen(true);
  }, [openNow]);
  const listId = useId();
  const counts = countBatch(group);
  const summary = batchSummary(counts);
  const stateClassName =
    counts.failed > 0 ? 'recent-state is-error' : counts.withProblems > 0 ? 'recent-state is-warning' : 'recent-state';
  return (
    <li class="recent-item batch-row">
      <button
        type="button"
        class="batch-toggle"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      >
        <span class="batch-chevron" aria-hidden="true" />
        <span class="recent-slug" dir="ltr">
          {group.incident.slug}
        </span>
        <span class={stateClassName}>{summary}</span>
      </button>
      <span class="recent-actions">
        {counts.failed > 0 && (
          <button type="button" class="link-button" onClick={() => onRetryBatch(group.id)}>
            {i18n.t('batch_retryFailed')}
          </button>
        )}
        <a
          href={group.incidentUrl}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={i18n.t('popup_openIncidentInAtlos', [group.incident.slug])}
        >
          {i18n.t('popup_openInAtlos')}
        </a>
      </span>
      <ul id={listId} class="batch-items" hidden={!open} aria-label={i18n.t('batch_itemsLabel', [group.incident.slug])}>
        {open && group.jobs.map((job) => <BatchItem key={job.id} job={job} onRetry={onRetry} />)}
      </ul>
    </li>
  );
}
