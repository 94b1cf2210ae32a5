/**
 * The popup's form as HTML for a given start state, rendered by the same App the page hydrates:
 * at build time for `popup.html` (scripts/prerender-popup.ts, start state empty) and in the popup
 * for the next opening's first frame (shell.ts). Effects do not run in `renderToString`, so the
 * inert API below is never called; it exists so the App renders exactly as it does on hydration.
 */
import { renderToString } from 'preact-render-to-string';
import type { PopupApi } from './api';
import { App } from './App';
import type { PopupStart } from './shell';

const never = <T,>() => new Promise<T>(() => undefined);

const inertApi: PopupApi = {
  tabId: never,
  chooserTarget: () => null,
  inspectTab: never,
  localData: never,
  cachedIncidents: never,
  search: never,
  resolve: never,
  setPinned: never,
  incidentsWithUrl: never,
  activity: never,
  updateStatus: never,
  createIncident: never,
  saveChoices: never,
  startCapture: never,
  listJobs: never,
  retryJob: never,
  dismissJob: never,
  onJobUpdated: () => () => undefined,
  allSitesAccess: never,
  openOptions: () => undefined,
  optionsUrl: () => 'options.html',
  saveShell: () => undefined,
};

export function renderShell(start: PopupStart): string {
  return renderToString(<App api={inertApi} start={start} />);
}
