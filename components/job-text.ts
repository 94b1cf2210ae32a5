/** Words for a capture job's state, shared by the status region and the recent captures list. */
import { i18n } from '#i18n';
import { artifactLabel } from '../lib/capture/outcome';
import type { JobProblem, JobStep, JobSummary } from '../lib/capture/protocol';

export { artifactLabel };

export function stepText(step: JobStep): string {
  switch (step) {
    case 'collect':
      return i18n.t('popup_stepCollect');
    case 'create_archived':
      return i18n.t('popup_stepCreateArchived');
    case 'create':
      return i18n.t('popup_stepCreate');
    case 'upload':
      return i18n.t('popup_stepUpload');
    case 'manifest':
      return i18n.t('popup_stepManifest');
    case 'metadata':
      return i18n.t('popup_stepMetadata');
    case 'comment':
      return i18n.t('popup_stepComment');
    case 'done':
      return i18n.t('popup_jobCaptured');
  }
}

/** "Captured" only when everything asked for reached Atlos and was verified. */
export function isIncomplete(job: Pick<JobSummary, 'state' | 'outcome'>): boolean {
  return job.state === 'done' && job.outcome === 'incomplete';
}

export function jobText(job: JobSummary): string {
  switch (job.state) {
    case 'queued':
      return i18n.t('popup_jobQueued');
    case 'waiting_network':
      return i18n.t('popup_jobWaitingNetwork');
    case 'running':
      return stepText(job.step);
    case 'retrying':
      return i18n.t('popup_jobRetrying', [job.error?.message ?? stepText(job.step)]);
    case 'failed':
      return i18n.t('popup_jobFailed', [job.error?.message ?? '']);
    case 'done':
      return isIncomplete(job) ? i18n.t('capture_outcome_withProblems') : i18n.t('popup_jobCaptured');
  }
}

/** e.g. "Full-page screenshot: the tab changed during the capture." */
export function problemLine(problem: JobProblem): string {
  return i18n.t('capture_problemLine', [artifactLabel(problem.artifact), problem.message]);
}
