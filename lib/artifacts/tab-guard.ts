/**
 * "The tab stays the tab." Chrome's `captureVisibleTab` captures whatever tab is active in the
 * window, and any tab can navigate or rewrite itself while a capture runs, so every screenshot
 * tile and the archive are bracketed by checks: same tab, same window, active where the capture
 * API needs it, same address (fragment aside: it never changes the document), and the same
 * document — a per-capture nonce is left in the extension's isolated world of the top frame,
 * tied to the page's root element. A new document (navigation) starts a new isolated world
 * without it; a document rewritten in place (`document.open`, a replaced root) fails the tie.
 * Anything else stops that artifact with a sentence the person can act on.
 */
import { i18n } from '#i18n';
import type { CollectDeps, TabLike } from './deps';
import { limitsOf } from './deps';
import { callInPage, callInPageWithin } from './page-calls';
import type { StitchImage } from './stitch';

export class TabChangedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TabChangedError';
  }
}

type Deps = Pick<CollectDeps<StitchImage>, 'tabs' | 'scripting' | 'limits'>;
type NonceScope = { __atlosCaptureNonce?: { nonce: string; root: Element | null } };

const MARK_LIMIT_MS = 5_000;

export interface TabGuard {
  /** Leaves the nonce in the page. Best effort: a page that cannot be scripted is still checked by tab and URL. */
  mark(): Promise<boolean>;
  /** Throws `TabChangedError` when the tab is no longer the one the capture started on. */
  check(options: { needActive: boolean }): Promise<void>;
}

function withoutFragment(url: string | undefined): string | undefined {
  return url?.split('#')[0];
}

export function createTabGuard(deps: Deps, tabId: number, start: TabLike, nonce: string): TabGuard {
  let marked = false;
  return {
    async mark() {
      try {
        // Short: the visible screenshot waits for this, and a page too busy to answer must not hold it up.
        await callInPageWithin(
          deps,
          Math.min(limitsOf(deps).pageCallMs, MARK_LIMIT_MS),
          tabId,
          0,
          (value: string) => {
            (globalThis as unknown as NonceScope).__atlosCaptureNonce = {
              nonce: value,
              root: document.documentElement,
            };
          },
          nonce,
        );
        marked = true;
      } catch {
        marked = false;
      }
      return marked;
    },
    async check({ needActive }) {
      let tab: TabLike;
      try {
        tab = await deps.tabs.get(tabId);
      } catch {
        throw new TabChangedError(i18n.t('artifacts_tabClosed'));
      }
      if (tab.windowId !== start.windowId) throw new TabChangedError(i18n.t('artifacts_tabMovedWindow'));
      if (needActive && !tab.active) throw new TabChangedError(i18n.t('artifacts_tabSwitched'));
      if (withoutFragment(tab.url) !== withoutFragment(start.url))
        throw new TabChangedError(i18n.t('artifacts_tabNavigated'));
      if (!marked) return;
      const seen = await callInPage(deps, tabId, 0, () => {
        const held = (globalThis as unknown as NonceScope).__atlosCaptureNonce;
        return held && held.root === document.documentElement ? held.nonce : null;
      }).catch((error: unknown) => {
        if ((error as Error)?.name === 'TimeLimitError') throw error;
        return null; // the page could not be scripted any more: not the document we marked
      });
      if (seen !== nonce) throw new TabChangedError(i18n.t('artifacts_documentReplaced'));
    },
  };
}

export function newCaptureNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
