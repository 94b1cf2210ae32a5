/**
 * Whether a tab's page can be captured by the extension at all, before anything is injected.
 * Browsers forbid scripts and screenshots on their own pages, extension pages, the add-on
 * stores (https://developer.chrome.com/docs/extensions/reference/api/scripting, "cannot inject
 * into the Chrome Web Store"; Firefox restricted domains, https://mzl.la/restricted-domains), and
 * PDF viewers; `file:` pages need the user's "Allow access to file URLs".
 * A URL-only capture (Atlos archives the URL itself) is offered only where Atlos could reach it.
 */
import { i18n } from '#i18n';

export interface Capturability {
  capturable: boolean;
  /** Why not, in words a person understands. */
  reason?: string;
  /** Whether an explicit URL-only capture makes sense (a public http(s) URL). */
  urlOnlyPossible: boolean;
}

const BROWSER_SCHEMES = new Set([
  'about:',
  'chrome:',
  'chrome-untrusted:',
  'chrome-search:',
  'devtools:',
  'edge:',
  'brave:',
  'opera:',
  'vivaldi:',
  'resource:',
  'jar:',
]);
const EXTENSION_SCHEMES = new Set(['chrome-extension:', 'moz-extension:', 'extension:', 'safari-web-extension:']);

/** Add-on stores where browsers block extensions from scripting and capturing. */
const STORE_HOSTS: Array<{ host: string; pathPrefix?: string }> = [
  { host: 'chromewebstore.google.com' },
  { host: 'chrome.google.com', pathPrefix: '/webstore' },
  { host: 'addons.mozilla.org' },
  { host: 'microsoftedge.microsoft.com', pathPrefix: '/addons' },
];

function isStore(url: URL): boolean {
  return STORE_HOSTS.some(
    ({ host, pathPrefix }) => url.hostname === host && (!pathPrefix || url.pathname.startsWith(pathPrefix)),
  );
}

function isHttp(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

export function inspectTabUrl(rawUrl: string | undefined, hasFileAccess: boolean): Capturability {
  // The browser hides a tab's address from an extension without access to it (no click on the tab,
  // all-sites access declined): say that, not that the page is not a web page.
  if (rawUrl === undefined) {
    return { capturable: false, reason: i18n.t('artifacts_notCapturableNoAccess'), urlOnlyPossible: false };
  }
  let url: URL;
  try {
    url = new URL(rawUrl ?? '');
  } catch {
    return { capturable: false, reason: i18n.t('artifacts_notCapturableUnknown'), urlOnlyPossible: false };
  }
  if (url.protocol === 'view-source:') {
    const inner = rawUrl!.slice('view-source:'.length);
    return {
      capturable: false,
      reason: i18n.t('artifacts_notCapturableViewSource'),
      urlOnlyPossible: /^https?:/i.test(inner),
    };
  }
  if (BROWSER_SCHEMES.has(url.protocol)) {
    return { capturable: false, reason: i18n.t('artifacts_notCapturableBrowserPage'), urlOnlyPossible: false };
  }
  if (EXTENSION_SCHEMES.has(url.protocol)) {
    return { capturable: false, reason: i18n.t('artifacts_notCapturableExtensionPage'), urlOnlyPossible: false };
  }
  if (url.protocol === 'file:') {
    return hasFileAccess
      ? { capturable: true, urlOnlyPossible: false }
      : { capturable: false, reason: i18n.t('artifacts_notCapturableFile'), urlOnlyPossible: false };
  }
  if (!isHttp(url)) {
    return { capturable: false, reason: i18n.t('artifacts_notCapturableUnknown'), urlOnlyPossible: false };
  }
  if (isStore(url)) {
    return { capturable: false, reason: i18n.t('artifacts_notCapturableStore'), urlOnlyPossible: true };
  }
  if (/\.pdf$/i.test(url.pathname)) {
    return { capturable: false, reason: i18n.t('artifacts_notCapturablePdf'), urlOnlyPossible: true };
  }
  return { capturable: true, urlOnlyPossible: true };
}
