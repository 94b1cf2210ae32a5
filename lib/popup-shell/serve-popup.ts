/**
 * Chrome: while the service worker runs, it answers the popup's navigation with popup.html that
 * already holds the last opening (served-document.ts), so the first frame needs no script at all.
 * MV3 allows no inline script; otherwise that frame waits for the pre-paint script's fetch, the
 * one thing the popup paid on top of a static page (docs/popup-startup.md).
 *
 * The worker must never be what the popup waits for. Static routes
 * (https://developer.mozilla.org/docs/Web/API/InstallEvent/addRoutes), kept by the browser with
 * the registration, send every other request of the extension's pages, and the popup itself when
 * the worker is not running, straight to the packaged files without starting it. A browser
 * without static routes gets no fetch handler at all: with one, each page load would wake it.
 */
import { SHELL_STORAGE_KEY } from './saved-shell';
import { servedDocument } from './served-document';

export const POPUP_PATH = '/popup.html';

/** First match wins (https://w3c.github.io/ServiceWorker/#dom-installevent-addroutes). */
export const POPUP_ROUTES = [
  {
    condition: { urlPattern: { pathname: POPUP_PATH }, requestMode: 'navigate', runningStatus: 'running' },
    source: 'fetch-event',
  },
  { condition: { urlPattern: { pathname: '/*' } }, source: 'network' },
];

/**
 * The extension pages' policy (MV3's default, https://developer.chrome.com/docs/extensions/reference/manifest/content-security-policy),
 * sent with the served page as well, though Chrome applies the manifest's to extension pages itself.
 */
const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';",
};

interface RouterInstallEvent {
  addRoutes(rules: typeof POPUP_ROUTES): Promise<void>;
}
interface PopupFetchEvent {
  request: Pick<Request, 'mode' | 'url'>;
  respondWith(response: Response): void;
}
export interface WorkerScope {
  addEventListener(type: 'install', listener: (event: RouterInstallEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: PopupFetchEvent) => void): void;
}
type SessionChanges = Record<string, { newValue?: unknown }>;
export interface PopupServerDeps {
  scope: WorkerScope;
  /** Whether this browser has static routes (`'addRoutes' in InstallEvent.prototype`). */
  routes: boolean;
  session: { get(key: string): Promise<Record<string, unknown>> };
  onSessionChanged(listener: (changes: SessionChanges) => void): void;
  /** The packaged popup.html (a fetch by the worker itself never reaches its own handler). */
  packagedPopup(): Promise<string>;
  language(): string;
  log?: (message: string) => void;
}

/** Registers synchronously (a fetch handler added later is ignored); loads what it serves in the background. */
export function registerPopupServer(deps: PopupServerDeps): void {
  if (!deps.routes) return;
  let packaged: string | null = null;
  let saved: unknown = null;
  let page: string | null = null;
  const compose = () => {
    page = packaged && saved ? servedDocument(packaged, saved, deps.language()) : null;
  };
  deps.scope.addEventListener('install', (event) => {
    const failed = (error: unknown) => deps.log?.(`popup routes not added: ${String(error)}`);
    try {
      event.addRoutes(POPUP_ROUTES).catch(failed);
    } catch (error) {
      failed(error); // rules this browser does not know: then every page load of the extension goes through the worker
    }
  });
  deps.scope.addEventListener('fetch', (event) => {
    if (!page || event.request.mode !== 'navigate' || new URL(event.request.url).pathname !== POPUP_PATH) return;
    event.respondWith(new Response(page, { headers: HEADERS }));
  });
  let changedWhileLoading = false; // then the stored value read at start is older than `saved`
  deps.onSessionChanged((changes) => {
    if (!(SHELL_STORAGE_KEY in changes)) return;
    changedWhileLoading = true;
    saved = changes[SHELL_STORAGE_KEY]!.newValue ?? null;
    compose();
  });
  void Promise.all([deps.packagedPopup(), deps.session.get(SHELL_STORAGE_KEY)])
    .then(([html, stored]) => {
      packaged = html;
      if (!changedWhileLoading) saved = stored[SHELL_STORAGE_KEY] ?? null;
      compose();
    })
    .catch(() => undefined); // nothing served: the packaged page and its pre-paint script are still right
}
