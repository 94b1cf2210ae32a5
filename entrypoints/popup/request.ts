/**
 * The CaptureRequest the popup sends for its tab: the page itself, or the thing the context menu's
 * `Choose incident…` was clicked on (link, media, selection), passed in the popup's URL.
 */
import type { CaptureChoices } from '@/components/CaptureOptions';
import type { TabInspection } from '@/lib/capture/protocol';
import { incidentRefOf, type CaptureRequest, type CaptureTarget } from '@/lib/domain/capture-request';
import type { IncidentOption } from '@/lib/incidents/types';

export function buildPopupRequest({
  tab,
  incident,
  choices,
  extras,
  comment,
  urlOnly,
  target = null,
}: {
  tab: TabInspection;
  incident: IncidentOption;
  choices: CaptureChoices;
  extras: { pageArchive: boolean; originalMedia: boolean };
  comment: string;
  /** Chosen explicitly by the person for a page that cannot be captured. */
  urlOnly: boolean;
  target?: CaptureTarget | null;
}): CaptureRequest {
  const note = comment.trim();
  return {
    incident: incidentRefOf(incident),
    tabId: tab.tabId,
    target: target ?? { kind: 'page', url: tab.url, pageUrl: tab.url },
    options: {
      archive: choices.archive,
      viewportScreenshot: !urlOnly && choices.viewportScreenshot,
      fullPageScreenshot: !urlOnly && choices.fullPageScreenshot,
      pageArchive: !urlOnly && extras.pageArchive,
      originalMedia: !urlOnly && extras.originalMedia,
      ...(note ? { comment: note } : {}),
      ...(urlOnly ? { urlOnly: true } : {}),
    },
    source: 'popup',
  };
}
