/** A PopupApi that does nothing, for rendering the popup's opening state to HTML (render-shell, save-shell). */
import type { PopupApi } from './api';

const never = <T,>() => new Promise<T>(() => undefined);

export const inertApi: PopupApi = {
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

