/**
 * The popup's form as HTML, rendered at build time by the same App the page hydrates
 * (scripts/prerender-popup.ts; start state empty). Effects do not run in `renderToString`, so
 * the inert API is never called. The popup itself renders the next opening's HTML without this
 * renderer (save-shell.tsx), which stays out of its bundle.
 */
import { renderToString } from 'preact-render-to-string';
import { App } from './App';
import { inertApi } from './inert-api';
import type { PopupStart } from './shell';

export function renderShell(start: PopupStart): string {
  return renderToString(<App api={inertApi} start={start} />);
}
