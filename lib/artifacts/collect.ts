/**
 * Takes everything the browser itself can show about the target, at the click, while the tab
 * is still granted: page metadata, screenshots, original media, page archive. Each artifact is
 * hashed here. What could not be taken is reported in `problems`, never silently dropped.
 * Order matters: the visible area first (what the person sees, before anything scrolls, and
 * before any slow page call), then metadata, media, the full page (whose lazy-load pass also
 * makes the archive more complete), then the archive. Every step has a time limit (deps.ts
 * `CollectLimits`); a step that runs out costs its artifact, not the capture. Every screenshot
 * and the archive are bracketed by tab checks (tab-guard.ts).
 */
import { i18n } from '#i18n';
import type { CaptureRequest } from '../domain/capture-request';
import { errorText, makeArtifact } from './artifact';
import { limitsOf, type CollectDeps } from './deps';
import { captureFullPageByRect, captureFullPageByScrolling } from './full-page';
import { collectMedia } from './collect-media';
import { readPageFacts } from './page-facts';
import { savePageArchive } from './page-archive';
import { createCapturePacer } from './pacer';
import { ensureActive, captureVisibleArea } from './screenshot';
import { fullPageScreenshotName, viewportScreenshotName } from './naming';
import type { StitchImage } from './stitch';
import { createTabGuard, newCaptureNonce } from './tab-guard';
import { withTimeLimit } from './time-limit';
import type { CaptureProblem, CollectedArtifact, CollectedCapture } from '../domain/collected-capture';

export type { CollectDeps } from './deps';

/** Optional: told of each artifact and problem as soon as it exists (e.g. to show progress). */
export interface CollectProgress {
  onArtifact?(artifact: CollectedArtifact): void;
  onProblem?(problem: CaptureProblem): void;
}

/** The tab's zoom factor for the manifest; null when the browser cannot say (it never fails a capture). */
async function readZoom(deps: Pick<CollectDeps, 'tabs'>, tabId: number, limitMs: number): Promise<number | null> {
  if (!deps.tabs.getZoom) return null;
  return withTimeLimit(deps.tabs.getZoom(tabId), limitMs).catch(() => null);
}

export async function collectArtifacts<I extends StitchImage>(
  request: CaptureRequest,
  deps: CollectDeps<I>,
  progress: CollectProgress = {},
): Promise<CollectedCapture> {
  const capturedAt = new Date(deps.now()).toISOString();
  const { tabId, target, options } = request;
  const limits = limitsOf(deps);
  const artifacts: CollectedArtifact[] = [];
  const problems: CaptureProblem[] = [];
  const tab = await withTimeLimit(deps.tabs.get(tabId), limits.pageCallMs);
  const zoom = await readZoom(deps, tabId, limits.pageCallMs);
  const pacer = createCapturePacer(deps);
  const guard = createTabGuard(deps, tabId, tab, newCaptureNonce());
  const urlOnly = options.urlOnly === true;
  // Collected artifacts and problems are reported as they come; the arrays are what is returned.
  const addArtifact = (artifact: CollectedArtifact) => {
    // When the bytes were in hand, for the capture manifest (each artifact is handed over at once).
    artifact.madeAt ??= new Date(deps.now()).toISOString();
    artifacts.push(artifact);
    progress.onArtifact?.(artifact);
  };
  const addProblem = (problem: CaptureProblem) => {
    problems.push(problem);
    progress.onProblem?.(problem);
  };

  type ProblemKey = 'artifacts_problemViewport' | 'artifacts_problemFullPage' | 'artifacts_problemArchive';
  const attempt = async (kind: CaptureProblem['artifact'], messageKey: ProblemKey, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      addProblem({ artifact: kind, message: i18n.t(messageKey, [errorText(error)]) });
    }
  };

  if (!urlOnly) await guard.mark();

  if (!urlOnly && options.viewportScreenshot) {
    await attempt('viewport_screenshot', 'artifacts_problemViewport', async () => {
      await ensureActive(deps, tabId, tab);
      await guard.check({ needActive: true });
      const blob = await withTimeLimit(captureVisibleArea(pacer, tab.windowId), limits.tileMs);
      await guard.check({ needActive: true });
      addArtifact(
        await makeArtifact('viewport_screenshot', viewportScreenshotName(capturedAt), blob, {
          method: { name: 'visible_tab_capture' },
        }),
      );
    });
  }

  const facts = await readPageFacts(deps, request, tab, addProblem);

  if (
    !urlOnly &&
    options.originalMedia &&
    (target.kind === 'image' || target.kind === 'video' || target.kind === 'audio')
  ) {
    await collectMedia(deps, pacer, guard, request, tab, capturedAt, { addArtifact, addProblem }).catch(
      (error: unknown) => {
        addProblem({ artifact: 'original_media', message: i18n.t('artifacts_problemMedia', [errorText(error)]) });
      },
    );
  }

  if (!urlOnly && options.fullPageScreenshot) {
    await attempt('full_page_screenshot', 'artifacts_problemFullPage', async () => {
      const useRect = deps.browserName === 'firefox' && typeof deps.tabs.captureTab === 'function';
      if (!useRect) await ensureActive(deps, tabId, tab);
      const { parts, hashes, measurement, tiles, scale, rects } = useRect
        ? await captureFullPageByRect(deps, tabId, guard)
        : await captureFullPageByScrolling(deps, pacer, tabId, tab.windowId, guard);
      // Only a complete, checked screenshot gets here: any failure above throws before a part is kept.
      for (const [index, blob] of parts.entries()) {
        const part = { index: index + 1, count: parts.length };
        const partOf = parts.length > 1 ? { part } : {};
        const rect = rects?.[index];
        addArtifact(
          await makeArtifact('full_page_screenshot', fullPageScreenshotName(capturedAt, part), blob, {
            ...partOf,
            method: rect
              ? { name: 'capture_tab_rect', rect, scale, ...partOf }
              : { name: 'stitched_tiles', tiles, scale, ...partOf },
            ...(hashes?.[index] ? { sha256: hashes[index] } : {}),
          }),
        );
      }
      if (measurement.truncated) {
        addProblem({
          artifact: 'full_page_screenshot',
          message: i18n.t('artifacts_problemFullPageTruncated', [
            String(measurement.captureHeight),
            String(measurement.scrollHeight),
          ]),
        });
      }
      if (measurement.imagesStillLoading > 0) {
        addProblem({
          artifact: 'full_page_screenshot',
          message: i18n.t('artifacts_problemImagesLoading', [String(measurement.imagesStillLoading)]),
        });
      }
    });
  }

  if (!urlOnly && options.pageArchive) {
    await attempt('page_archive', 'artifacts_problemArchive', async () => {
      await guard.check({ needActive: false });
      const archive = await withTimeLimit(savePageArchive(deps, tabId, capturedAt), limits.archiveMs);
      await guard.check({ needActive: false });
      addArtifact(archive);
    });
  }

  return {
    capturedAt,
    tool: facts.tool,
    target: { kind: target.kind, url: target.url, page_url: target.pageUrl },
    page: facts.page,
    viewport: facts.viewport,
    zoom,
    selection: facts.selection,
    artifacts,
    problems,
  };
}
