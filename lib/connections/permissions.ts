/**
 * Host permissions: one optional origin per Atlos instance (asked for in the Connect click),
 * and the optional "all sites" access explained on the options page.
 */
import { storage } from 'wxt/utils/storage';
import { ALL_SITES_ORIGINS, type PermissionsApi } from './all-sites';

export { ALL_SITES_ORIGINS, hasAllSitesAccess, type PermissionSet, type PermissionsApi } from './all-sites';

/**
 * Match pattern for an instance origin. The port is left out on purpose: Firefox match patterns
 * ignore ports (https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/Match_patterns),
 * and in Chrome a pattern without a port matches every port.
 */
export function originPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

/**
 * What the person answered when offered access to all sites: `granted`, `declined`, or
 * `unasked` (not offered yet). Offered once after the first connection; the options page keeps a
 * button to change one's mind.
 */
export type AllSitesChoice = 'unasked' | 'granted' | 'declined';

export const allSitesChoiceItem = storage.defineItem<AllSitesChoice>('local:allSitesAccessChoice', {
  version: 1,
  fallback: 'unasked',
});

/** Must be called in a click handler before any `await`, or the browser refuses (no user gesture). */
export function requestAllSitesAccess(permissions: PermissionsApi): Promise<boolean> {
  const granted = permissions.request({ origins: ALL_SITES_ORIGINS });
  return granted.then(async (ok) => {
    await allSitesChoiceItem.setValue(ok ? 'granted' : 'declined');
    return ok;
  });
}

/** Must be called in a click handler before any `await`, or the browser refuses (no user gesture). */
export function requestInstanceAccess(permissions: PermissionsApi, origin: string): Promise<boolean> {
  return permissions.request({ origins: [originPattern(origin)] });
}
