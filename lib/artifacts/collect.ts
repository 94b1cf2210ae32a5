/**
 * Takes everything the browser itself can show about the target, at the click, while the tab
 * is still granted: page metadata, screenshots, original media, page archive. Each artifact is
 * hashed here. What could not be taken is reported in `problems`, never silently dropped.
 * Order matters: the visible area first (what the person sees, before anything scrolls), then
 * media, then the full page (whose lazy-load pass also makes the archive more complete), then
 * the archive.
 */
import { i18n } from '#i18n';
import type { CaptureRequest } from '../domain/capture-request';
import { errorText, makeArtifact } from './artifact';
import type { CollectDeps } from './deps';
import { captureFullPageByRect, captureFullPageByScrolling } from './full-page';
import { collectMedia } from './collect-media';
import { readPageFacts } from './page-facts';
import { saveHtmlSnapshot, saveMhtml } from './page-archive';
import { createCapturePacer } from './pacer';
import { ensureActive, captureVisibleArea } from './screenshot';
import { fullPageScreenshotName, pageArchiveName, viewportScreenshotName } from './naming';
import type { StitchImage } from './stitch';
import type { CaptureProblem, CollectedArtifact, CollectedCapture } from '../domain/collected-capture';

export type { CollectDeps } from './deps';

export async function collectArtifacts<I extends StitchImage>(request: CaptureRequest, deps: CollectDeps<I>): Promise<CollectedCapture> {
  const capturedAt = new Date(deps.now()).toISOString();
  const { tabId, target, options } = request;
  const artifacts: CollectedArtifact[] = [];
  const problems: CaptureProblem[] = [];
  const tab = await deps.tabs.get(tabId);
  const pacer = createCapturePacer(deps);
  const facts = await readPageFacts(deps, request, tab, problems);
  const urlOnly = options.urlOnly === true;

  type ProblemKey = 'artifacts_problemViewport' | 'artifacts_problemFullPage' | 'artifacts_problemArchive';
  const attempt = async (kind: CaptureProblem['artifact'], messageKey: ProblemKey, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      problems.push({ artifact: kind, message: i18n.t(messageKey, [errorText(error)]) });
    }
  };

  if (!urlOnly && options.viewportScreenshot) {
    await attempt('viewport_screenshot', 'artifacts_problemViewport', async () => {
      await ensureActive(deps, tabId, tab);
      const blob = await captureVisibleArea(pacer, tab.windowId);
      artifacts.push(await makeArtifact('viewport_screenshot', viewportScreenshotName(capturedAt), blob));
    });
  }

  if (!urlOnly && options.originalMedia && (target.kind === 'image' || target.kind === 'video' || target.kind === 'audio')) {
    await collectMedia(deps, pacer, request, tab, capturedAt, artifacts, problems).catch((error: unknown) => {
      problems.push({ artifact: 'original_media', message: i18n.t('artifacts_problemMedia', [errorText(error)]) });
    });
  }

  if (!urlOnly && options.fullPageScreenshot) {
    await attempt('full_page_screenshot', 'artifacts_problemFullPage', async () => {
      const useRect = deps.browserName === 'firefox' && typeof deps.tabs.captureTab === 'function';
      if (!useRect) await ensureActive(deps, tabId, tab);
      const { parts, hashes, measurement } = useRect
        ? await captureFullPageByRect(deps, tabId)
        : await captureFullPageByScrolling(deps, pacer, tabId, tab.windowId);
      for (const [index, blob] of parts.entries()) {
        const part = { index: index + 1, count: parts.length };
        artifacts.push(
          await makeArtifact('full_page_screenshot', fullPageScreenshotName(capturedAt, part), blob, {
            ...(parts.length > 1 ? { part } : {}),
            ...(hashes?.[index] ? { sha256: hashes[index] } : {}),
          }),
        );
      }
      if (measurement.truncated) {
        problems.push({
          artifact: 'full_page_screenshot',
          message: i18n.t('artifacts_problemFullPageTruncated', [String(measurement.captureHeight), String(measurement.scrollHeight)]),
        });
      }
      if (measurement.imagesStillLoading > 0) {
        problems.push({
          artifact: 'full_page_screenshot',
          message: i18n.t('artifacts_problemImagesLoading', [String(measurement.imagesStillLoading)]),
        });
      }
    });
  }

  if (!urlOnly && options.pageArchive) {
    await attempt('page_archive', 'artifacts_problemArchive', async () => {
      const useMhtml = deps.browserName !== 'firefox' && !!deps.pageCapture;
      const blob = useMhtml ? await saveMhtml(deps, tabId) : await saveHtmlSnapshot(deps, tabId, capturedAt);
      artifacts.push(await makeArtifact('page_archive', pageArchiveName(capturedAt, useMhtml ? 'mhtml' : 'html'), blob));
    });
  }

  return {
    capturedAt,
    tool: facts.tool,
    target: { kind: target.kind, url: target.url, page_url: target.pageUrl },
    page: facts.page,
    viewport: facts.viewport,
    selection: facts.selection,
    artifacts,
    problems,
  };
}
