/**
 * The original-media step: the original bytes when they can be had, else an element screenshot
 * labelled as such, with the reasons in `problems` and in the artifact's `note`.
 */
import { i18n } from '#i18n';
import type { CaptureRequest } from '../domain/capture-request';
import { errorText, makeArtifact } from './artifact';
import type { CollectDeps, TabLike } from './deps';
import { fetchOriginalMedia, locateMedia, restoreMediaScroll } from './media';
import { mediaFileType } from './media-types';
import { elementScreenshotName, originalMediaName, type MediaKind } from './naming';
import type { CapturePacer } from './pacer';
import { captureVisibleArea, cropToBox, ensureActive } from './screenshot';
import type { StitchImage } from './stitch';
import type { TabGuard } from './tab-guard';
import { withTimeLimit } from './time-limit';
import { limitsOf } from './deps';
import type { CaptureProblem, CollectedArtifact } from '../domain/collected-capture';

export interface CollectSink {
  addArtifact(artifact: CollectedArtifact): void;
  addProblem(problem: CaptureProblem): void;
}

export async function collectMedia<I extends StitchImage>(
  deps: CollectDeps<I>,
  pacer: CapturePacer,
  guard: TabGuard,
  request: CaptureRequest,
  tab: TabLike,
  capturedAt: string,
  { addArtifact, addProblem }: CollectSink,
): Promise<void> {
  const { tabId, target } = request;
  const kind = target.kind as MediaKind;
  const src = target.mediaUrl ?? target.url;
  const frameId = target.frameId ?? 0;

  const fetched = await fetchOriginalMedia(deps, tabId, frameId, src, kind, target.pageUrl);
  if (fetched.ok) {
    const { extension, mimeType } = mediaFileType(fetched.contentType, src);
    // A Blob of a Blob only references its bytes (no copy); the hash was taken while streaming.
    const blob = new Blob([fetched.blob], { type: mimeType });
    const extra = {
      sha256: fetched.sha256,
      method: { name: fetched.via === 'page' ? ('page_fetch' as const) : ('background_fetch' as const) },
      ...(fetched.finalUrl ? { finalUrl: fetched.finalUrl } : {}),
    };
    addArtifact(await makeArtifact('original_media', originalMediaName(capturedAt, kind, extension), blob, extra));
    return;
  }

  const why = fetched.reasons.join('; ');
  addProblem({ artifact: 'original_media', message: i18n.t('artifacts_problemMedia', [why]) });
  try {
    // Element boxes are relative to their frame's viewport; only the top frame maps onto the tab capture.
    if (frameId !== 0) throw new Error(i18n.t('artifacts_elementInFrame'));
    const box = await locateMedia(deps, tabId, frameId, src);
    if (!box) throw new Error(i18n.t('artifacts_elementNotFound'));
    await ensureActive(deps, tabId, tab);
    let screenshot: Blob;
    try {
      await guard.check({ needActive: true });
      screenshot = await withTimeLimit(captureVisibleArea(pacer, tab.windowId), limitsOf(deps).tileMs);
      await guard.check({ needActive: true });
    } finally {
      await restoreMediaScroll(deps, tabId, frameId);
    }
    const blob = await cropToBox(deps, screenshot, box);
    addArtifact(
      await makeArtifact('original_media', elementScreenshotName(capturedAt, kind), blob, {
        note: i18n.t('artifacts_elementScreenshotNote', [why]),
        method: { name: 'visible_tab_capture', crop: { x: box.x, y: box.y, width: box.width, height: box.height } },
      }),
    );
  } catch (error) {
    addProblem({
      artifact: 'original_media',
      message: i18n.t('artifacts_problemElementScreenshot', [errorText(error)]),
    });
  }
}
