/**
 * The popup's first frame without waiting for JavaScript or extension storage.
 *
 * `popup.html` ships with the form prerendered at build time (scripts/prerender-popup.ts). Each
 * time the popup has read the authoritative data, it renders its opening state again to HTML and
 * keeps it, with that state (lib/popup-shell/saved-shell.ts). The next opening shows that HTML
 * in its first frame, served with the page by Chrome's service worker or painted by the pre-paint
 * script (prepaint.ts), then hydrates it with the same state, so what Preact renders matches what
 * is on screen node for node.
 */
import type { CaptureChoices } from '@/components/CaptureOptions';
import type { IncidentOption } from '@/lib/incidents/types';
import { readSavedShell, SERVED } from '../../lib/popup-shell/saved-shell';
import type { Boot } from './boot';

/** The popup's state in its first frame. */
export interface PopupStart {
  /** Null: nothing known yet (first opening); the form shows empty until storage answers. */
  boot: Boot | null;
  /** What the picker lists before anything is typed (pinned, then recent), completed from the cache. */
  initial: IncidentOption[];
  selected: IncidentOption | null;
}

export const EMPTY_START: PopupStart = { boot: null, initial: [], selected: null };

const isStart = (start: unknown): start is PopupStart =>
  !!start && typeof start === 'object' && Array.isArray((start as PopupStart).initial);

/**
 * The state the form on screen was painted from, for the app to hydrate with; null when the page
 * must be rendered afresh (it was painted for another UI locale with the same browser language).
 * Served by the service worker: the state is on `#app`; painted by the pre-paint script: it is the
 * saved shell in `localStorage`; prerendered: the empty start state.
 */
export function paintedStart(root: HTMLElement, store: Pick<Storage, 'getItem'>, locale: string): PopupStart | null {
  const painted = root.dataset.shell;
  if (painted === SERVED) {
    if (root.dataset.locale !== locale) return null;
    try {
      const start: unknown = JSON.parse(root.dataset.start ?? 'null');
      return isStart(start) ? start : null;
    } catch {
      return null;
    }
  }
  if (painted !== 'saved') return EMPTY_START;
  const saved = readSavedShell(store, { build: root.dataset.build ?? '', locale });
  return saved && isStart(saved.start) ? saved.start : null;
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
