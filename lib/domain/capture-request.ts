/**
 * What a person asked to capture. Built by the popup, the context menu or a keyboard command,
 * handed to the capture engine in the background (`startCapture`), and stored with the job.
 * Bottom floor (docs/ARCHITECTURE.md): plain types every feature may import.
 */
export type TargetKind = 'page' | 'link' | 'image' | 'video' | 'audio' | 'selection';

export interface CaptureTarget {
  kind: TargetKind;
  /** The URL sent to Atlos as `url` (the link for a link, the media URL for media, else the page). */
  url: string;
  /** The page the target was found on (the tab's URL at the click). */
  pageUrl: string;
  /** For image/video/audio: the element's `srcUrl` as the browser reported it (may be `blob:`). */
  mediaUrl?: string;
  /** For selection: the selected text as the browser reported it at the click. */
  selectionText?: string;
  /** Frame the click happened in (context menu), so media and selection are read from it. */
  frameId?: number;
}

export interface CaptureOptions {
  /** Ask Atlos to archive the URL too (creates a separate `direct` source material). */
  archive: boolean;
  viewportScreenshot: boolean;
  fullPageScreenshot: boolean;
  pageArchive: boolean;
  originalMedia: boolean;
  /** Optional comment posted to the incident. */
  comment?: string;
  /**
   * The person explicitly chose a URL-only capture (page could not be captured). Never set
   * silently: a capture is never downgraded without the person's choice.
   */
  urlOnly?: boolean;
}

export interface IncidentRef {
  connectionId: string;
  /** Six-character slug, e.g. `K7Q2ZP` (normalised). */
  slug: string;
  /** Start of the incident's description, for titles, history and notifications. */
  description?: string;
}

/** The incident as a request names it: the description cut to the start shown in titles and history. */
export function incidentRefOf(incident: { connectionId: string; slug: string; description: string }): IncidentRef {
  return { connectionId: incident.connectionId, slug: incident.slug, description: incident.description.slice(0, 200) };
}

/** What a link of a selection asks for: the page is not open, so Atlos's archiver captures it. */
export const ARCHIVE_ONLY: CaptureOptions = Object.freeze({
  archive: true,
  viewportScreenshot: false,
  fullPageScreenshot: false,
  pageArchive: false,
  originalMedia: false,
});

export interface CaptureRequest {
  incident: IncidentRef;
  tabId: number;
  target: CaptureTarget;
  options: CaptureOptions;
  source: 'popup' | 'context-menu' | 'command';
}
