/**
 * Whether the person granted access to all sites, and the types of `browser.permissions` the
 * connections feature uses. Apart from lib/connections/permissions.ts (which remembers the
 * person's answer in a storage item) so that the popup does not load WXT's storage helper.
 */
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
 * "All sites" is `<all_urls>` (optional in the manifest, wxt.config.ts). The http and https
 * wildcard patterns would let the extension fetch media but not take screenshots without a fresh click, because
 * tabs.captureVisibleTab accepts only `<all_urls>` or an activeTab grant
 * (https://developer.chrome.com/docs/extensions/reference/api/tabs#method-captureVisibleTab), and
 * Firefox's tabs.captureTab only `<all_urls>`
 * (https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/tabs/captureTab).
 */
export const ALL_SITES_ORIGINS = ['<all_urls>'];

export function hasAllSitesAccess(permissions: PermissionsApi): Promise<boolean> {
  return permissions.contains({ origins: ALL_SITES_ORIGINS });
}
