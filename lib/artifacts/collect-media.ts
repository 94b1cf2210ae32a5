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
import type { CaptureProblem, CollectedArtifact } from '../domain/collected-capture';

export async function collectMedia<I extends StitchImage>(
  deps: CollectDeps<I>,
  pacer: CapturePacer,
  request: CaptureRequest,
  tab: TabLike,
  capturedAt: string,
  artifacts: CollectedArtifact[],
  problems: CaptureProblem[],
): Promise<void> {
  const { tabId, target } = request;
  const kind = target.kind as MediaKind;
  const src = target.mediaUrl ?? target.url;
  const frameId = target.frameId ?? 0;

  const fetched = await fetchOriginalMedia(deps, tabId, frameId, src);
  if (fetched.ok) {
    const { extension, mimeType } = mediaFileType(fetched.contentType, src);
    // A Blob of a Blob only references its bytes (no copy); the hash was taken while streaming.
    const blob = new Blob([fetched.blob], { type: mimeType });
    artifacts.push(await makeArtifact('original_media', originalMediaName(capturedAt, kind, extension), blob, { sha256: fetched.sha256 }));
    return;
  }

  const why = fetched.reasons.join('; ');
  problems.push({ artifact: 'original_media', message: i18n.t('artifacts_problemMedia', [why]) });
  try {
    // Element boxes are relative to their frame's viewport; only the top frame maps onto the tab capture.
    if (frameId !== 0) throw new Error(i18n.t('artifacts_elementInFrame'));
    const box = await locateMedia(deps, tabId, frameId, src);
    if (!box) throw new Error(i18n.t('artifacts_elementNotFound'));
    await ensureActive(deps, tabId, tab);
    let screenshot: Blob;
    try {
      screenshot = await captureVisibleArea(pacer, tab.windowId);
    } finally {
      await restoreMediaScroll(deps, tabId, frameId);
    }
    const blob = await cropToBox(deps, screenshot, box);
    artifacts.push(
      await makeArtifact('original_media', elementScreenshotName(capturedAt, kind), blob, {
        note: i18n.t('artifacts_elementScreenshotNote', [why]),
      }),
    );
  } catch (error) {
    problems.push({ artifact: 'original_media', message: i18n.t('artifacts_problemElementScreenshot', [errorText(error)]) });
  }
}
