/**
 * The popup's last opening, rendered to HTML with the state it was rendered from, kept for the
 * next opening's first frame (entrypoints/popup/shell.ts renders and reads it). Two copies, one
 * record: `localStorage` of the extension origin, which the pre-paint script reads synchronously,
 * and `storage.session`, from which Chrome's service worker serves the whole page while it runs
 * (served-document.ts). Only this extension's own pages can write either (`storage.session` is
 * closed to content scripts by default,
 * https://developer.chrome.com/docs/extensions/reference/api/storage#property-session).
 */

export const SHELL_STORAGE_KEY = 'atlos.popupShell';
/** Bumped when the shape of the start state or the form's markup changes in a way old HTML must not be reused for. */
export const SHELL_VERSION = 3;

/** `data-shell` of a page the service worker served with the saved shell in it (the pre-paint script leaves it alone). */
export const SERVED = 'served';

export interface SavedShell<Start = unknown> {
  version: number;
  /** `@@ui_locale` the HTML was rendered in: another locale falls back to the prerendered form. */
  locale: string;
  /** `@@bidi_dir` of that locale, applied to the page with the HTML. */
  dir: 'ltr' | 'rtl';
  /**
   * `navigator.language` when it was saved. Before the app runs, this is compared instead of the
   * UI locale (`chrome.i18n`'s first call in a fresh page loads the extension's messages); the
   * app checks the locale itself once it runs.
   */
  language: string;
  /**
   * The build of popup.html it was rendered by (`data-build` on `#app`, set by
   * scripts/prerender-popup.ts): after an update the components may render other markup, which
   * must not be hydrated, so HTML saved by another build is not painted.
   */
  build: string;
  start: Start;
  /** The inner HTML of `#app`. */
  html: string;
}

/** What a saved shell must match to be painted: the build, and the UI locale or the browser language. */
export interface ShellFit {
  build: string;
  locale?: string;
  language?: string;
}

/** `value` as a saved shell that fits, or null (absent, another build or language, or malformed). */
export function fittingShell(value: unknown, fit: ShellFit): SavedShell | null {
  if (!value || typeof value !== 'object') return null;
  const saved = value as Partial<SavedShell>;
  if (saved.version !== SHELL_VERSION || saved.build !== fit.build) return null;
  if (fit.locale !== undefined && saved.locale !== fit.locale) return null;
  if (fit.language !== undefined && saved.language !== fit.language) return null;
  if (typeof saved.html !== 'string' || typeof saved.locale !== 'string') return null;
  if (saved.dir !== 'ltr' && saved.dir !== 'rtl') return null;
  if (!saved.start || typeof saved.start !== 'object') return null;
  return saved as SavedShell;
}

export function readSavedShell(store: Pick<Storage, 'getItem'>, fit: ShellFit): SavedShell | null {
  try {
    return fittingShell(JSON.parse(store.getItem(SHELL_STORAGE_KEY) ?? 'null'), fit);
  } catch {
    return null; // unreadable (hand-edited, storage disabled): the prerendered form is still right
  }
}

export function writeSavedShell(store: Pick<Storage, 'setItem'>, shell: SavedShell): void {
  try {
    store.setItem(SHELL_STORAGE_KEY, JSON.stringify(shell));
  } catch {
    // Quota or disabled storage: the next opening paints the prerendered form instead.
  }
}
