/**
 * The popup's first frame without waiting for JavaScript or extension storage.
 *
 * `popup.html` ships with the form prerendered at build time (scripts/prerender-popup.ts). Each
 * time the popup has read the authoritative data, it renders its opening state again to HTML and
 * keeps it, with that state, in `localStorage` of the extension origin (synchronous, readable by
 * a classic script before first paint; only extension pages of this extension can read or write
 * it, https://developer.chrome.com/docs/extensions/develop/concepts/storage-and-cookies). The next
 * opening paints that HTML at once (popup-prepaint.ts), then hydrates it with the same state, so
 * what Preact renders matches what is on screen node for node.
 */
import type { CaptureChoices } from '@/components/CaptureOptions';
import type { IncidentOption } from '@/lib/incidents/types';
import type { Boot } from './boot';

export const SHELL_STORAGE_KEY = 'atlos.popupShell';
/** Bumped when the shape of `PopupStart` or the form's markup changes in a way old HTML must not be reused for. */
export const SHELL_VERSION = 2;

/** The popup's state in its first frame. */
export interface PopupStart {
  /** Null: nothing known yet (first opening); the form shows empty until storage answers. */
  boot: Boot | null;
  /** What the picker lists before anything is typed (pinned, then recent), completed from the cache. */
  initial: IncidentOption[];
  selected: IncidentOption | null;
}

export interface SavedShell {
  version: number;
  /** `@@ui_locale` the HTML was rendered in: another locale falls back to the prerendered form. */
  locale: string;
  /** `@@bidi_dir` of that locale, applied to the page with the HTML. */
  dir: 'ltr' | 'rtl';
  /**
   * `navigator.language` when it was saved. The pre-paint script compares this instead of asking
   * `chrome.i18n` for the UI locale (its first call in a fresh page loads the extension's messages);
   * the app checks the locale itself once it runs (main.tsx).
   */
  language: string;
  /**
   * The build of popup.html it was rendered by (`data-build` on `#app`, set by
   * scripts/prerender-popup.ts): after an update the components may render other markup, which
   * must not be hydrated, so HTML saved by another build is not painted.
   */
  build: string;
  start: PopupStart;
  html: string;
}

export const EMPTY_START: PopupStart = { boot: null, initial: [], selected: null };

/** What a saved shell must match to be painted: the build, and the UI locale or the browser language. */
export interface ShellFit {
  build: string;
  locale?: string;
  language?: string;
}

export function readSavedShell(store: Pick<Storage, 'getItem'>, fit: ShellFit): SavedShell | null {
  try {
    const saved = JSON.parse(store.getItem(SHELL_STORAGE_KEY) ?? 'null') as SavedShell | null;
    if (!saved || saved.version !== SHELL_VERSION || saved.build !== fit.build) return null;
    if (fit.locale !== undefined && saved.locale !== fit.locale) return null;
    if (fit.language !== undefined && saved.language !== fit.language) return null;
    if (typeof saved.html !== 'string' || !saved.start || !Array.isArray(saved.start.initial)) return null;
    return saved;
  } catch {
    return null; // unreadable (hand-edited, storage disabled): the prerendered form is still right
  }
}

export function writeSavedShell(store: Pick<Storage, 'setItem'>, shell: Omit<SavedShell, 'version'>): void {
  try {
    store.setItem(SHELL_STORAGE_KEY, JSON.stringify({ version: SHELL_VERSION, ...shell }));
  } catch {
    // Quota or disabled storage: the next opening paints the prerendered form instead.
  }
}

/** The start state as it is safe to keep outside extension storage: no token hints. */
export function shellStart(boot: Boot, initial: IncidentOption[], selected: IncidentOption | null): PopupStart {
  const connections = boot.connections.map((c) => ({ ...c, tokenHint: '' }));
  return { boot: { ...boot, connections }, initial, selected };
}

/**
 * What the person already did to the painted form before the app took over (typing in the comment,
 * ticking boxes): hydration must keep it. The incident box's text the picker reads itself.
 */
export interface TypedBeforeHydration {
  comment: string;
  choices: CaptureChoices | null;
}

export function readTypedState(root: ParentNode): TypedBeforeHydration {
  const comment = root.querySelector<HTMLTextAreaElement>('textarea[name="comment"]')?.value ?? '';
  const box = (name: keyof CaptureChoices) =>
    root.querySelector<HTMLInputElement>(`input[type="checkbox"][name="${name}"]`);
  const archive = box('archive');
  const viewport = box('viewportScreenshot');
  const fullPage = box('fullPageScreenshot');
  const choices =
    archive && viewport && fullPage
      ? { archive: archive.checked, viewportScreenshot: viewport.checked, fullPageScreenshot: fullPage.checked }
      : null;
  return { comment, choices };
}
