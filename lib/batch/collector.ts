/**
 * What the capture engine asks of a batch collector: the tabs of one batch are collected one
 * after another through one collector, opened for the batch and closed at its end (also when the
 * batch fails), so it can share the screenshot rate limit across the tabs, bring each tab to the
 * front in turn where the browser needs that, and put the person's tab back at the end.
 */
import type { CaptureRequest } from '../domain/capture-request';
import type { CollectedArtifact, CollectedCapture } from '../domain/collected-capture';

export interface BatchItemProgress {
  /** Called with each artifact as soon as it is made, so it is stored even if collection never ends. */
  onArtifact(artifact: CollectedArtifact): Promise<void>;
  /** Aborted when the engine's time limit for this item's collection is reached. */
  signal: AbortSignal;
  /**
   * Called once the item no longer needs its tab in front (its screenshots are taken): the next
   * item may start while this one reads the page's facts and archive. Collection's end implies it.
   */
  released(): void;
  /**
   * Resolves when the item before this one has released the front: what needs no tab in front
   * (checking the tab, its address and access) may be done before, the rest waits for it.
   */
  turn: Promise<void>;
}

export interface BatchCollector {
  /**
   * Collects one tab item. A tab that is gone, shows another page, or may not be read (access to
   * all sites declined) gives a capture without files whose problems say why (the item goes on as
   * a URL-only capture); a tab that can never be captured (a browser page) rejects with the reason.
   */
  collect(request: CaptureRequest, progress: BatchItemProgress): Promise<CollectedCapture>;
  /** Puts back the tab and window the person had in front when the batch began. Never rejects. */
  close(): Promise<void>;
}

/** A collector over a plain single-capture `collect` (tests, and browsers that need no tab switching). */
export function sequentialCollector(
  collect: (request: CaptureRequest, progress: Omit<BatchItemProgress, 'released'>) => Promise<CollectedCapture>,
): BatchCollector {
  return {
    collect: async (request, progress) => {
      await progress.turn;
      return collect(request, progress);
    },
    close: async () => undefined,
  };
}
