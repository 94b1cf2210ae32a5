/**
 * Tells the person how captures are going outside the popup: the toolbar badge counts active
 * captures (or shows "!" when one needs attention), and a notification says when one is done
 * (click: opens the incident) or failed (click: opens the popup with Retry). Never a token.
 */
import { i18n } from '#i18n';
import type { CaptureJob } from './job';
import type { JobSummary } from './protocol';

export const NOTIFICATION_PREFIX = 'atlos-capture:';

export interface NotifyApi {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  createNotification(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string }): Promise<unknown>;
}

export function badgeFor(activity: { active: number; failed: number }): { text: string; color: string } {
  if (activity.failed > 0) return { text: '!', color: '#b91c1c' };
  return { text: activity.active > 0 ? String(activity.active) : '', color: '#1d4ed8' };
}

export function jobIdOfNotification(notificationId: string): string | undefined {
  return notificationId.startsWith(NOTIFICATION_PREFIX) ? notificationId.slice(NOTIFICATION_PREFIX.length) : undefined;
}

export function createCaptureNotifier(api: NotifyApi, iconUrl: () => string) {
  const quietly = (p: Promise<unknown>) => void p.catch(() => undefined);
  return {
    activity(activity: { active: number; failed: number }) {
      const badge = badgeFor(activity);
      quietly(api.setBadgeBackgroundColor({ color: badge.color }));
      quietly(api.setBadgeText({ text: badge.text }));
    },
    settled(job: CaptureJob) {
      const slug = job.request.incident.slug;
      const done = job.state === 'done';
      quietly(
        api.createNotification(`${NOTIFICATION_PREFIX}${job.id}`, {
          type: 'basic',
          iconUrl: iconUrl(),
          title: i18n.t(done ? 'capture_notify_doneTitle' : 'capture_notify_failedTitle', [slug]),
          message: done ? i18n.t('capture_notify_doneMessage', [String(job.artifacts.length)]) : (job.error?.message ?? ''),
        }),
      );
    },
  };
}

/** Where a click on a capture notification leads: the incident when done, else the popup. */
export function notificationTarget(job: Pick<JobSummary, 'state' | 'incidentUrl'> | undefined): { incidentUrl: string } | { popup: true } | undefined {
  if (!job) return undefined;
  return job.state === 'done' && job.incidentUrl ? { incidentUrl: job.incidentUrl } : { popup: true };
}
