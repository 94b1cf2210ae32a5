/** Words for a capture job's state, shared by the status region and the recent captures list. */
import { i18n } from '#i18n';
import type { JobStep, JobSummary } from '../lib/capture/protocol';

export function stepText(step: JobStep): string {
  switch (step) {
    case 'collect': return i18n.t('popup_stepCollect');
    case 'create_archived': return i18n.t('popup_stepCreateArchived');
    case 'create': return i18n.t('popup_stepCreate');
    case 'upload': return i18n.t('popup_stepUpload');
    case 'manifest': return i18n.t('popup_stepManifest');
    case 'metadata': return i18n.t('popup_stepMetadata');
    case 'comment': return i18n.t('popup_stepComment');
    case 'done': return i18n.t('popup_jobCaptured');
  }
}

export function jobText(job: JobSummary): string {
  switch (job.state) {
    case 'queued': return i18n.t('popup_jobQueued');
    case 'waiting_network': return i18n.t('popup_jobWaitingNetwork');
    case 'running': return stepText(job.step);
    case 'retrying': return i18n.t('popup_jobRetrying', [job.error?.message ?? stepText(job.step)]);
    case 'failed': return i18n.t('popup_jobFailed', [job.error?.message ?? '']);
    case 'done': return i18n.t('popup_jobCaptured');
  }
}
