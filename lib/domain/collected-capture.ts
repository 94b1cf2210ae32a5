/**
 * What `collectArtifacts` (lib/artifacts) hands the capture engine: every file the browser itself
 * saw, hashed at the click, plus the page facts that go into the metadata (lib/metadata/schema.ts).
 * Bottom floor (docs/ARCHITECTURE.md), so lib/metadata can describe a capture without importing
 * lib/artifacts.
 */
import type { TargetKind } from './capture-request';

export type ArtifactKind = 'viewport_screenshot' | 'full_page_screenshot' | 'page_archive' | 'original_media';

/** A rectangle in CSS px. */
export interface CssRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * How an artifact was made, recorded in the signed capture manifest (docs/custody.md).
 * `visible_tab_capture`: `tabs.captureVisibleTab` (with `crop`, an element cut out of it);
 * `stitched_tiles`: scrolled visible-area tiles drawn into one image; `capture_tab_rect`:
 * Firefox's `tabs.captureTab` of one page rectangle; `mhtml`: `pageCapture.saveAsMHTML`;
 * `dom_snapshot`: the inert single-file HTML built in the page; `page_fetch` / `background_fetch`:
 * original media bytes fetched by the page or by the extension's background.
 */
export interface ArtifactMethod {
  name:
    | 'visible_tab_capture'
    | 'stitched_tiles'
    | 'capture_tab_rect'
    | 'mhtml'
    | 'dom_snapshot'
    | 'page_fetch'
    | 'background_fetch';
  /** Stitched: how many visible-area tiles the whole page took. */
  tiles?: number;
  /** Image pixels per CSS px (device pixel ratio times zoom, as measured). */
  scale?: number;
  /** `captureTab`: the page rectangle of this image. */
  rect?: CssRect;
  /** An element screenshot: the element's box in the visible area. */
  crop?: CssRect;
  part?: { index: number; count: number };
}

export interface CollectedArtifact {
  kind: ArtifactKind;
  /** Human title sent to Atlos, e.g. "Full-page screenshot (browser, 2026-11-27 14:03 UTC)". */
  title: string;
  /** File name with the right extension (Atlos keeps only the extension: docs/atlos-api-behaviour.md §6). */
  fileName: string;
  mimeType: string;
  size: number;
  /** Lowercase hex SHA-256 of exactly `blob`'s bytes. */
  sha256: string;
  blob: Blob;
  /** Numbered parts of a full-page screenshot too tall for one image. */
  part?: { index: number; count: number };
  /** e.g. "Element screenshot: the original bytes could not be fetched (HTTP 403)". */
  note?: string;
  /**
   * Original media only: the address the bytes finally came from (after same-site redirects),
   * as the fetch reported it (`Response.url`). Absent for `data:` URLs.
   */
  final_url?: string;
  /** How the bytes were made (absent on jobs stored before it was recorded). */
  method?: ArtifactMethod;
  /** ISO-8601 UTC with milliseconds, when the bytes were in hand. */
  madeAt?: string;
}

export interface PageInfo {
  url: string;
  title: string | null;
  canonical_url: string | null;
  description: string | null;
  language: string | null;
  site_name: string | null;
  author: string | null;
  published_at: string | null;
  opengraph: Record<string, string>;
  json_ld: unknown[];
}

export interface ViewportInfo {
  width: number;
  height: number;
  device_pixel_ratio: number;
  scroll_width: number;
  scroll_height: number;
}

export interface SelectionInfo {
  text: string;
  prefix: string;
  suffix: string;
}

export interface ToolInfo {
  name: string;
  version: string;
  browser: string;
  user_agent: string;
}

/** Something that could not be captured, said so a person understands why. */
export interface CaptureProblem {
  artifact: ArtifactKind | 'metadata';
  message: string;
}

export interface CollectedCapture {
  /** ISO-8601 UTC with milliseconds and Z, when capture began. */
  capturedAt: string;
  tool: ToolInfo;
  target: {
    kind: TargetKind;
    url: string;
    page_url: string;
    /** A link of a batch (lib/domain/batch.ts): its text in the selection and its 1-based position there. */
    link_text?: string;
    link_position?: number;
  };
  page: PageInfo;
  viewport: ViewportInfo;
  /** The tab's zoom factor (`tabs.getZoom`, 1 = 100 %), null when the browser did not say. */
  zoom?: number | null;
  selection: SelectionInfo | null;
  artifacts: CollectedArtifact[];
  problems: CaptureProblem[];
}

/** What is known of a page before (or without) reading it: its address and maybe its title. */
export function pageFactsUnknown(url: string, title: string | null = null): { page: PageInfo; viewport: ViewportInfo } {
  return {
    page: {
      url,
      title,
      canonical_url: null,
      description: null,
      language: null,
      site_name: null,
      author: null,
      published_at: null,
      opengraph: {},
      json_ld: [],
    },
    viewport: { width: 0, height: 0, device_pixel_ratio: 1, scroll_width: 0, scroll_height: 0 },
  };
}
