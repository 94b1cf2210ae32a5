/**
 * `Send links to Atlos…`: reads the links of the selection in the clicked frame, while the click's
 * `activeTab` grant lasts. One injection, with a time limit: a page that never answers costs the
 * person a clear message, never a hung menu.
 */
import { i18n } from '#i18n';
import { withTimeLimit } from '../artifacts/time-limit';
import { linksInSelection, type RawSelectionLinks } from './in-page';
import { LINK_LIMITS, normaliseSelectionLinks, type SelectionLinks } from './normalise';

export interface LinksScripting {
  executeScript(injection: {
    target: { tabId: number; frameIds: number[] };
    injectImmediately: boolean;
    func: (...args: never[]) => unknown;
    args: unknown[];
  }): Promise<Array<{ result?: unknown; error?: unknown }>>;
}

export const READ_LINKS_LIMIT_MS = 10_000;

export async function readSelectionLinks(
  scripting: LinksScripting,
  tabId: number,
  frameId: number,
  limitMs = READ_LINKS_LIMIT_MS,
): Promise<SelectionLinks> {
  const injection = {
    target: { tabId, frameIds: [frameId] },
    injectImmediately: true,
    func: linksInSelection as unknown as (...args: never[]) => unknown,
    args: [LINK_LIMITS.maxLinks, LINK_LIMITS.maxText, LINK_LIMITS.maxUrl],
  };
  let results: Array<{ result?: unknown; error?: unknown }>;
  try {
    results = await withTimeLimit(scripting.executeScript(injection), limitMs);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(i18n.t('links_readFailed', [reason]), { cause: error });
  }
  const answer = results[0]?.result as RawSelectionLinks | undefined;
  if (!answer || typeof answer !== 'object') throw new Error(i18n.t('links_readFailed', [i18n.t('links_noAnswer')]));
  return normaliseSelectionLinks(answer);
}
