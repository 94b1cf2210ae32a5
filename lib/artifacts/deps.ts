/**
 * Everything `collectArtifacts` needs from the browser, passed in so unit tests use fakes and
 * the same code runs in Chrome's service worker and Firefox's background page.
 * `createBrowserCollectDeps` (browser-deps.ts) builds the real one.
 */
import type { CanvasFactory, StitchImage } from './stitch';

export interface ScriptInjection {
  target: { tabId: number; frameIds?: number[]; allFrames?: boolean };
  /** Always true here: never wait for `document_idle` (a page whose HTML never ends never gets there). */
  injectImmediately?: boolean;
  files?: string[];
  func?: (...args: never[]) => unknown;
  args?: unknown[];
}

export interface InjectionResult {
  frameId?: number;
  result?: unknown;
  /** Firefox reports a throwing script here; Chrome rejects the call instead. */
  error?: unknown;
}

export interface TabLike {
  id?: number;
  windowId: number;
  url?: string;
  title?: string;
  active: boolean;
}

export interface CaptureRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface CollectDeps<I extends StitchImage = StitchImage> {
  browserName: 'chrome' | 'firefox';
  extensionVersion: string;
  userAgent: string;
  /** Milliseconds since the epoch (the clock; faked in tests). */
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Original media larger than this is not downloaded (an element screenshot is taken instead). */
  maxMediaBytes: number;
  tabs: {
    get(tabId: number): Promise<TabLike>;
    update(tabId: number, properties: { active: boolean }): Promise<unknown>;
    /** Resolves to a `data:image/png;base64,…` URL. */
    captureVisibleTab(windowId: number, options: { format: 'png' }): Promise<string>;
    /** Firefox only: captures a rectangle of the page (CSS px) without scrolling. */
    captureTab?(tabId: number, options: { format: 'png'; rect?: CaptureRect; scale?: number }): Promise<string>;
    /** The tab's zoom factor, for the capture manifest. */
    getZoom?(tabId: number): Promise<number>;
  };
  /** Chrome only. An optional permission there: `isAllowed` says whether the person granted it. */
  pageCapture?: {
    isAllowed(): Promise<boolean>;
    saveAsMHTML(details: { tabId: number }): Promise<Blob | ArrayBuffer | undefined>;
  };
  scripting: { executeScript(injection: ScriptInjection): Promise<InjectionResult[]> };
  /** The background's fetch (extension origin; host permission decides what it may read). */
  fetch: typeof fetch;
  /** Whether the extension holds host permission for this URL (so a background fetch may read it). */
  hasHostAccess(url: string): Promise<boolean>;
  /** `createImageBitmap` in production. */
  decodeImage(blob: Blob): Promise<I>;
  /** `OffscreenCanvas` in production. */
  createCanvas: CanvasFactory<I>;
  /** Overrides for tests and benchmarks. */
  limits?: Partial<CollectLimits>;
}

export interface CollectLimits {
  /** CSS px: full-page screenshots stop here (infinite scroll). */
  maxFullPageHeight: number;
  lazyLoadStepDelayMs: number;
  lazyLoadBudgetMs: number;
  /** Firefox HTML snapshot: images inlined up to this many bytes in total / each. */
  snapshotInlineBytes: number;
  snapshotImageBytes: number;
  /** Time limits (ms): each call into the page, each tile or visible capture, each media download, the archive. */
  pageCallMs: number;
  tileMs: number;
  mediaFetchMs: number;
  archiveMs: number;
}

export const DEFAULT_LIMITS: CollectLimits = {
  maxFullPageHeight: 60_000,
  lazyLoadStepDelayMs: 150,
  lazyLoadBudgetMs: 10_000,
  snapshotInlineBytes: 25 * 1024 * 1024,
  snapshotImageBytes: 5 * 1024 * 1024,
  pageCallMs: 15_000,
  tileMs: 15_000,
  mediaFetchMs: 120_000,
  archiveMs: 90_000,
};

export function limitsOf(deps: { limits?: Partial<CollectLimits> }): CollectLimits {
  return { ...DEFAULT_LIMITS, ...deps.limits };
}
