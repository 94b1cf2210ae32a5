/** A batch's tab that could not be read by its turn: only its address goes to Atlos, with the reason per file. */
import type { CollectDeps } from '../artifacts/deps';
import { toolInfo } from '../artifacts/page-facts';
import type { StitchImage } from '../artifacts/stitch';
import type { CaptureOptions, CaptureRequest } from '../domain/capture-request';
import { pageFactsUnknown, type CaptureProblem, type CollectedCapture } from '../domain/collected-capture';

/** One problem for each file a tab's capture asks for (a page has no original media). */
export function problemsForAll(options: CaptureOptions, message: string): CaptureProblem[] {
  if (options.urlOnly) return [];
  const kinds: CaptureProblem['artifact'][] = [];
  if (options.viewportScreenshot) kinds.push('viewport_screenshot');
  if (options.fullPageScreenshot) kinds.push('full_page_screenshot');
  if (options.pageArchive) kinds.push('page_archive');
  return kinds.map((artifact) => ({ artifact, message }));
}

export function urlOnlyCapture(
  deps: CollectDeps<StitchImage>,
  request: CaptureRequest,
  message: string,
): CollectedCapture {
  const { target } = request;
  return {
    capturedAt: new Date(deps.now()).toISOString(),
    tool: toolInfo(deps),
    target: { kind: target.kind, url: target.url, page_url: target.pageUrl },
    ...pageFactsUnknown(target.url),
    selection: null,
    artifacts: [],
    problems: problemsForAll(request.options, message),
  };
}
