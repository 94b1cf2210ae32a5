/**
 * Host permissions: one optional origin per Atlos instance (asked for in the Connect click),
 * and the optional "all sites" access explained on the options page.
 */
import { storage } from 'wxt/utils/storage';

/** What `browser.permissions` takes: host match patterns and/or API permission names. */
export interface PermissionSet {
  origins?: string[];
  permissions?: string[];
}

/** The part of `browser.permissions` we use; the fake browser has none, tests pass their own. */
export interface PermissionsApi {
  contains(permissions: PermissionSet): Promise<boolean>;
  request(permissions: PermissionSet): Promise<boolean>;
}

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
 * "All sites" is `<all_urls>` (optional in the manifest, wxt.config.ts). The http and https
 * wildcard patterns would let the extension fetch media but not take screenshots without a fresh click, because
 * tabs.captureVisibleTab accepts only `<all_urls>` or an activeTab grant
 * (https://developer.chrome.com/docs/extensions/reference/api/tabs#method-captureVisibleTab), and
 * Firefox's tabs.captureTab only `<all_urls>`
 * (https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/tabs/captureTab).
 */
export const ALL_SITES_ORIGINS = ['<all_urls>'];

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

export function hasAllSitesAccess(permissions: PermissionsApi): Promise<boolean> {
  return permissions.contains({ origins: ALL_SITES_ORIGINS });
}

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
