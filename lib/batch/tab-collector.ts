/**
 * Collects a batch's tabs with the single-capture collector (lib/artifacts/collect.ts), one tab
 * after another, keeping each capture's guarantees (time limits, tab guard, a problem per missing
 * artifact). What a batch adds:
 * - Chrome's `tabs.captureVisibleTab` sees only a window's active tab, so each tab is brought to
 *   the front in turn, and captured only once it is really shown and painted; the tabs that were
 *   in front (and the focused window) are put back at the end, also when the batch fails.
 *   Firefox's `tabs.captureTab` renders a tab in the background
 *   (https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/tabs/captureTab), so
 *   there nothing is switched: the "visible area" of a tab is taken with it.
 * - One pacer for the whole batch: visible-tab captures stay under the browser's rate
 *   (`MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND`, lib/artifacts/pacer.ts) across tabs.
 * - A tab closed, navigated or unreadable by its turn gives a capture without files that says why.
 */
import { i18n } from '#i18n';
import { inspectTabUrl } from '../artifacts/capturability';
import type { CollectDeps, TabLike } from '../artifacts/deps';
import { createCapturePacer } from '../artifacts/pacer';
import type { StitchImage } from '../artifacts/stitch';
import type { CaptureRequest } from '../domain/capture-request';
import type { CaptureProblem, CollectedArtifact, CollectedCapture } from '../domain/collected-capture';
import type { BatchCollector, BatchItemProgress } from './collector';
import { bringToFront, inBackground, whenPainted } from './front';
import { problemsForAll, urlOnlyCapture } from './url-only';

export interface BatchBrowser<I extends StitchImage = StitchImage> {
  collectDeps: CollectDeps<I>;
  /** The active tab of each window, and the focused window, as the batch begins (Chrome). */
  frontTabs(): Promise<{ tabs: Array<{ tabId: number; windowId: number }>; focusedWindowId?: number }>;
  focusWindow(windowId: number): Promise<void>;
  /** Whether `file:` pages may be read (the person's "Allow access to file URLs"). */
  hasFileAccess(): Promise<boolean>;
  /** The single-capture collector (lib/artifacts/collect.ts `collectArtifacts`). */
  collect(
    request: CaptureRequest,
    deps: CollectDeps<I>,
    progress: { onArtifact?(artifact: CollectedArtifact): void; onProblem?(problem: CaptureProblem): void },
  ): Promise<CollectedCapture>;
}

const withoutFragment = (url: string | undefined) => url?.split('#')[0];

export async function openTabCollector<I extends StitchImage>(browser: BatchBrowser<I>): Promise<BatchCollector> {
  const base = browser.collectDeps;
  const background = base.browserName === 'firefox' && typeof base.tabs.captureTab === 'function';
  const front = background ? { tabs: [] } : await browser.frontTabs().catch(() => ({ tabs: [] }));
  // The tab the person was on (the popup's click grants it: activeTab) may be read without all-sites access.
  const granted = new Set(front.tabs.map((t) => t.tabId));
  const pacer = createCapturePacer(base);
  const shared: CollectDeps<I> = {
    ...base,
    tabs: { ...base.tabs, captureVisibleTab: (windowId) => pacer.captureVisibleTab(windowId) },
  };

  async function collect(request: CaptureRequest, progress: BatchItemProgress): Promise<CollectedCapture> {
    const { tabId } = request;
    const fail = (message: string) => urlOnlyCapture(base, request, message);
    let tab: TabLike;
    try {
      tab = await base.tabs.get(tabId);
    } catch {
      return fail(i18n.t('batch_problemTabClosed'));
    }
    // The browser hides the address of a tab the extension may not read (and of its own pages):
    // then the address the batch was given says which of the two it is.
    const verdict = inspectTabUrl(tab.url ?? request.target.url, await browser.hasFileAccess().catch(() => false));
    if (!verdict.capturable) {
      if (!verdict.urlOnlyPossible) throw new Error(verdict.reason);
      return fail(i18n.t('batch_problemNotCapturable', [verdict.reason ?? '']));
    }
    if (tab.url === undefined) return fail(i18n.t('batch_problemNoAllSites'));
    if (withoutFragment(tab.url) !== withoutFragment(request.target.url)) {
      return fail(i18n.t('batch_problemTabNavigated', [tab.url]));
    }
    if (!granted.has(tabId) && !(await base.hasHostAccess(tab.url).catch(() => false))) {
      return fail(i18n.t('batch_problemNoAllSites'));
    }
    await progress.turn;
    let deps = background ? inBackground(shared, tabId) : shared;
    if (!background) {
      // Checked before its turn; the address is checked again now that the tab is in front.
      const shown = await bringToFront(shared, tab);
      if (!shown) return fail(i18n.t('batch_problemTabClosed'));
      if (withoutFragment(shown.url) !== withoutFragment(request.target.url)) {
        return fail(i18n.t('batch_problemTabNavigated', [shown.url ?? '']));
      }
      // The collector marks and checks the tab meanwhile; its screenshot waits until the tab has painted.
      const painted = whenPainted(shared, tabId);
      deps = {
        ...shared,
        tabs: {
          ...shared.tabs,
          captureVisibleTab: async (windowId, options) => {
            await painted;
            return shared.tabs.captureVisibleTab(windowId, options);
          },
        },
      };
    }
    const releaser = frontReleaser(request, progress.released, background);
    return browser.collect(request, deps, {
      onArtifact: (artifact) => {
        void progress.onArtifact(artifact).catch(() => undefined);
        releaser.seen(artifact.kind);
      },
      onProblem: (p) => releaser.seen(p.artifact),
    });
  }

  async function close() {
    if (background) return;
    for (const { tabId } of front.tabs) {
      await base.tabs.update(tabId, { active: true }).catch(() => undefined);
    }
    if (front.focusedWindowId !== undefined) await browser.focusWindow(front.focusedWindowId).catch(() => undefined);
  }

  return { collect, close };
}

/**
 * Calls `released` once every screenshot the request asks for is made or given up: after that the
 * collector reads only the page (facts, archive), which needs no tab in front.
 */
function frontReleaser(request: CaptureRequest, released: () => void, background: boolean) {
  const waiting = new Set<string>(
    background
      ? []
      : problemsForAll(request.options, '')
          .map((p) => p.artifact)
          .filter((kind) => kind === 'viewport_screenshot' || kind === 'full_page_screenshot'),
  );
  if (waiting.size === 0) released();
  return {
    seen(kind: string) {
      if (waiting.delete(kind) && waiting.size === 0) released();
    },
  };
}
