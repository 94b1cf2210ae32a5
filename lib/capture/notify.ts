/**
 * Tells the person how captures are going outside the popup: the toolbar badge counts active
 * captures (or shows "!" when one needs attention), and a notification says when one is done
 * (click: opens the incident) or failed (click: opens the popup with Retry). Never a token.
 */
import { i18n } from '#i18n';
import { jobProblems, type CaptureJob } from './job';
import { artifactLabel } from './outcome';
import type { JobSummary } from './protocol';

export const NOTIFICATION_PREFIX = 'atlos-capture:';

export interface NotifyApi {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  createNotification(
    id: string,
    options: { type: 'basic'; iconUrl: string; title: string; message: string },
  ): Promise<unknown>;
}

export interface BadgeActivity {
  active: number;
  failed: number;
  /** Finished "with problems" and not dismissed yet. */
  incomplete?: number;
}

export function badgeFor(activity: BadgeActivity): { text: string; color: string } {
  if (activity.failed > 0) return { text: '!', color: '#b91c1c' };
  if (activity.active === 0 && (activity.incomplete ?? 0) > 0) return { text: '!', color: '#b45309' };
  return { text: activity.active > 0 ? String(activity.active) : '', color: '#1d4ed8' };
}

/** A batch's one notification: `atlos-capture:batch:<batch id>`. */
export const BATCH_NOTIFICATION_PREFIX = `${NOTIFICATION_PREFIX}batch:`;

export function jobIdOfNotification(notificationId: string): string | undefined {
  if (notificationId.startsWith(BATCH_NOTIFICATION_PREFIX)) return undefined;
  return notificationId.startsWith(NOTIFICATION_PREFIX) ? notificationId.slice(NOTIFICATION_PREFIX.length) : undefined;
}

export function batchIdOfNotification(notificationId: string): string | undefined {
  return notificationId.startsWith(BATCH_NOTIFICATION_PREFIX)
    ? notificationId.slice(BATCH_NOTIFICATION_PREFIX.length)
    : undefined;
}

export function createCaptureNotifier(api: NotifyApi, iconUrl: () => string) {
  const quietly = (p: Promise<unknown>) => void p.catch(() => undefined);
  return {
    activity(activity: BadgeActivity) {
      const badge = badgeFor(activity);
      quietly(api.setBadgeBackgroundColor({ color: badge.color }));
      quietly(api.setBadgeText({ text: badge.text }));
    },
    /** One notification for a whole batch, when its last item settled (never one per item). */
    batchSettled(jobs: CaptureJob[]) {
      const batch = jobs[0]?.batch;
      if (!batch) return;
      quietly(
        api.createNotification(`${BATCH_NOTIFICATION_PREFIX}${batch.id}`, {
          type: 'basic',
          iconUrl: iconUrl(),
          ...batchNotificationText(jobs),
        }),
      );
    },
    settled(job: CaptureJob) {
      quietly(
        api.createNotification(`${NOTIFICATION_PREFIX}${job.id}`, {
          type: 'basic',
          iconUrl: iconUrl(),
          ...notificationText(job),
        }),
      );
    },
  };
}

/** Done, done with problems (naming what is missing, never "N files saved" as if complete), or failed. */
export function notificationText(job: CaptureJob): { title: string; message: string } {
  const slug = job.request.incident.slug;
  if (job.state !== 'done')
    return { title: i18n.t('capture_notify_failedTitle', [slug]), message: job.error?.message ?? '' };
  const problems = jobProblems(job);
  if (problems.length === 0) {
    return {
      title: i18n.t('capture_notify_doneTitle', [slug]),
      message: i18n.t('capture_notify_doneMessage', [String(job.artifacts.length)]),
    };
  }
  const missing = [...new Set(problems.map((p) => artifactLabel(p.artifact)))].join(', ');
  return {
    title: i18n.t('capture_notify_problemsTitle', [slug]),
    message: i18n.t('capture_notify_problemsMessage', [missing]),
  };
}

/** "12 of 20 captured, 1 with problems, 2 failed": captured means complete ("Captured"). */
export function batchNotificationText(jobs: CaptureJob[]): { title: string; message: string } {
  const done = jobs.filter((job) => job.state === 'done');
  const complete = done.filter((job) => jobProblems(job).length === 0).length;
  const size = jobs[0]?.batch?.size ?? jobs.length;
  return {
    title: i18n.t('batch_notify_title', [jobs[0]?.request.incident.slug ?? '']),
    message: i18n.t('batch_notify_message', [
      String(complete),
      String(size),
      String(done.length - complete),
      String(jobs.filter((job) => job.state === 'failed').length),
    ]),
  };
}

/** Where a click on a capture notification leads: the incident when done, else the popup. */
export function notificationTarget(
  job: Pick<JobSummary, 'state' | 'incidentUrl'> | undefined,
): { incidentUrl: string } | { popup: true } | undefined {
  if (!job) return undefined;
  return job.state === 'done' && job.incidentUrl ? { incidentUrl: job.incidentUrl } : { popup: true };
}
