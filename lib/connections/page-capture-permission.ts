/**
 * `pageCapture` (Chrome's MHTML archive) is optional, so installing the extension does not warn
 * "read and change all your data". It is asked for in the popup's Capture click, the first time a
 * capture that saves a page archive starts without it. Firefox has no `pageCapture` (its archive is
 * an HTML snapshot), so nothing is asked there.
 *
 * Order matters: Chrome closes the toolbar popup as soon as the prompt takes the focus, so the
 * popup asks only AFTER the background has accepted the capture (otherwise the capture dies with
 * the popup). The click's transient activation survives that short wait (it lasts seconds, not
 * one task: https://html.spec.whatwg.org/multipage/interaction.html#transient-activation-duration);
 * verified in Chromium 156 with a message round trip and 2 s of waiting before the request.
 * The capture already under way saves what the browser allows at that moment; captures after an
 * accepted prompt save MHTML.
 */
import { browser } from 'wxt/browser';
import type { PermissionsApi } from './permissions';

export const PAGE_CAPTURE = { permissions: ['pageCapture'] };

export interface PageCaptureAsk {
  /** A getter, so a browser without the API (or a test's fake browser) fails inside the guard. */
  permissions: () => PermissionsApi;
  /** True in Firefox builds (`import.meta.env.FIREFOX`). */
  isFirefox: boolean;
  /** Whether this capture saves a page archive (the saved default, not a URL-only capture). */
  wantsArchive: boolean;
}

/**
 * Call from the Capture click handler while its user activation lasts: `permissions.request` needs a
 * user gesture (https://developer.chrome.com/docs/extensions/reference/api/permissions#method-request).
 * Chrome answers at once, without a prompt, when the permission is already granted, so the prompt
 * shows only until it is accepted. Resolves to whether MHTML can be saved; never rejects (a refused
 * or failed request leaves the capture to report the archive it could not make).
 */
export function askForPageCaptureInClick({ permissions, isFirefox, wantsArchive }: PageCaptureAsk): Promise<boolean> {
  if (isFirefox || !wantsArchive) return Promise.resolve(false);
  let asked: Promise<boolean>;
  try {
    asked = permissions().request(PAGE_CAPTURE);
  } catch {
    return Promise.resolve(false);
  }
  return asked.catch(() => false);
}

export function hasPageCapture(permissions: PermissionsApi): Promise<boolean> {
  return permissions.contains(PAGE_CAPTURE).catch(() => false);
}

/** The popup's call, wired to the real browser: `void askForPageCaptureFromPopup(wantsArchive)` once the capture started. */
export function askForPageCaptureFromPopup(wantsArchive: boolean): Promise<boolean> {
  return askForPageCaptureInClick({
    permissions: () => browser.permissions,
    isFirefox: import.meta.env.FIREFOX === true,
    wantsArchive,
  });
}
