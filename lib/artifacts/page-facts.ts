/** Page metadata from the injected extractor, plus the tool's own facts. */
import { i18n } from '#i18n';
import type { CaptureRequest } from '../domain/capture-request';
import { BOUNDS, bound } from '../metadata/bounds';
import { articleProblemMessage } from '../metadata/article-problem';
import type { ExtractedPage } from '../metadata/extract';
import { errorText } from './artifact';
import type { CollectDeps, TabLike } from './deps';
import { injectFile } from './page-calls';
import type { StitchImage } from './stitch';
import { pageFactsUnknown, type CaptureProblem, type SelectionInfo, type ToolInfo } from '../domain/collected-capture';

export const EXTRACT_PAGE_SCRIPT = '/extract-page.js';
export const TOOL_NAME = 'Atlos Capture';

/** "Chrome 156.0.7632.0" / "Firefox 153.0" from the user agent, else the bare browser name. */
export function browserLabel(browserName: 'chrome' | 'firefox', userAgent: string): string {
  const match =
    browserName === 'firefox' ? /Firefox\/([\d.]+)/.exec(userAgent) : /(?:Headless)?Chrome\/([\d.]+)/.exec(userAgent);
  const name = browserName === 'firefox' ? 'Firefox' : /Edg\//.test(userAgent) ? 'Edge' : 'Chrome';
  return match ? `${name} ${match[1]}` : name;
}

export function toolInfo(
  deps: Pick<CollectDeps<StitchImage>, 'browserName' | 'extensionVersion' | 'userAgent'>,
): ToolInfo {
  return {
    name: TOOL_NAME,
    version: deps.extensionVersion,
    browser: browserLabel(deps.browserName, deps.userAgent),
    user_agent: deps.userAgent,
  };
}

function fallbackFacts(request: CaptureRequest, tab: TabLike): ExtractedPage {
  return {
    ...pageFactsUnknown(bound(tab.url ?? request.target.pageUrl)!, bound(tab.title ?? null, BOUNDS.title)),
    selection: null,
  };
}

export async function readPageFacts<I extends StitchImage>(
  deps: CollectDeps<I>,
  request: CaptureRequest,
  tab: TabLike,
  reportProblem: (problem: CaptureProblem) => void,
): Promise<ExtractedPage & { tool: ToolInfo }> {
  const { target } = request;
  let facts = fallbackFacts(request, tab);
  if (!request.options.urlOnly) {
    try {
      facts = (await injectFile(deps, request.tabId, 0, EXTRACT_PAGE_SCRIPT)) as ExtractedPage;
      // Readability was left out (page too large, or it threw): the metadata is complete otherwise.
      if (facts.articleProblem)
        reportProblem({ artifact: 'metadata', message: articleProblemMessage(facts.articleProblem) });
      if (target.kind === 'selection' && target.frameId && target.frameId !== 0) {
        const inFrame = (await injectFile(deps, request.tabId, target.frameId, EXTRACT_PAGE_SCRIPT)) as ExtractedPage;
        facts = { ...facts, selection: inFrame.selection };
      }
    } catch (error) {
      reportProblem({ artifact: 'metadata', message: i18n.t('artifacts_problemMetadata', [errorText(error)]) });
    }
  }
  let selection: SelectionInfo | null = null;
  if (target.kind === 'selection') {
    // The live selection gives context; if it is gone (focus moved), keep what the browser reported.
    selection =
      facts.selection ??
      (target.selectionText
        ? { text: bound(target.selectionText, BOUNDS.selectionText)!, prefix: '', suffix: '' }
        : null);
  }
  return { ...facts, selection, tool: toolInfo(deps) };
}
