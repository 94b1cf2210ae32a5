// @vitest-environment node
/**
 * registerPopupServer: without static routes nothing is registered; the install handler adds the
 * routes (popup navigations to the fetch handler while running, everything else to the network)
 * and only logs when the browser refuses them; the fetch handler answers only a navigation to
 * popup.html, only once a fitting shell is known, follows storage.session changes, and sends the
 * served page as HTML with the extension pages' content security policy.
 */
import { assert, describe, expect, it, vi } from 'vitest';
import { SHELL_STORAGE_KEY, SHELL_VERSION } from './saved-shell';
import { PREPAINT_SCRIPT } from './served-document';
import { POPUP_ROUTES, registerPopupServer, type PopupServerDeps, type WorkerScope } from './serve-popup';

const packaged = `<!DOCTYPE html><html><head><link rel="expect" href="#popup-modules" blocking="render" /></head><body>
<div id="app" data-build="abc123" data-messages='{}'><main>prerendered</main></div>
    ${PREPAINT_SCRIPT}
    <template id="popup-modules"></template></body></html>`;
const shell = (html: string, build = 'abc123') => ({
  version: SHELL_VERSION,
  locale: 'en',
  dir: 'ltr',
  language: 'en-US',
  build,
  start: { boot: null, initial: [], selected: null },
  html,
});

type Listener = (event: never) => void;
type Changes = Parameters<Parameters<PopupServerDeps['onSessionChanged']>[0]>[0];

function server(stored: unknown, over: Partial<PopupServerDeps> = {}) {
  const listeners: Record<string, Listener> = {};
  const scope: WorkerScope = { addEventListener: (type: string, listener: Listener) => (listeners[type] = listener) };
  let changed: ((changes: Changes) => void) | undefined;
  const packagedPopup = vi.fn(async () => packaged);
  const log = vi.fn();
  registerPopupServer({
    scope,
    routes: true,
    session: { get: async () => (stored === undefined ? {} : { [SHELL_STORAGE_KEY]: stored }) },
    onSessionChanged: (listener) => (changed = listener),
    packagedPopup,
    language: () => 'en-US',
    log,
    ...over,
  });
  /** The fetch handler's answer, or null when it leaves the request to the network. */
  const fetch = (url = 'chrome-extension://id/popup.html?tabId=3', mode = 'navigate'): Response | null => {
    let response: Response | null = null;
    listeners.fetch?.({ request: { url, mode }, respondWith: (r: Response) => (response = r) } as never);
    return response;
  };
  /** The answer once there is one (for `vi.waitFor`, which retries what throws). */
  const served = () => fetch() ?? assert.fail('not served');
  const install = (addRoutes: () => Promise<void>) => listeners.install?.({ addRoutes } as never);
  return { listeners, fetch, served, install, change: (changes: Changes) => changed!(changes), packagedPopup, log };
}

describe('registerPopupServer', () => {
  it('registers nothing, and loads nothing, without static routes', () => {
    const onSessionChanged = vi.fn();
    const { listeners, packagedPopup } = server(shell('<p>saved</p>'), { routes: false, onSessionChanged });
    expect(listeners).toEqual({});
    expect(onSessionChanged).not.toHaveBeenCalled();
    expect(packagedPopup).not.toHaveBeenCalled();
  });

  it('adds the routes once on install: popup navigations while running to the handler, the rest to the network', () => {
    const { install } = server(undefined);
    const addRoutes = vi.fn(async () => undefined);
    install(addRoutes);
    expect(addRoutes).toHaveBeenCalledTimes(1);
    expect(addRoutes).toHaveBeenCalledWith(POPUP_ROUTES);
    expect(POPUP_ROUTES[0]).toEqual({
      condition: { urlPattern: { pathname: '/popup.html' }, requestMode: 'navigate', runningStatus: 'running' },
      source: 'fetch-event',
    });
    expect(POPUP_ROUTES.at(-1)).toEqual({ condition: { urlPattern: { pathname: '/*' } }, source: 'network' });
  });

  it('logs, and does not throw, when the browser refuses the routes', async () => {
    const { install, log } = server(undefined);
    expect(() =>
      install(() => {
        throw new TypeError('unknown condition');
      }),
    ).not.toThrow();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('unknown condition'));
    install(() => Promise.reject(new Error('rejected rules')));
    await vi.waitFor(() => expect(log).toHaveBeenCalledWith(expect.stringContaining('rejected rules')));
  });

  it('serves a navigation to popup.html with the saved shell, as HTML with the CSP', async () => {
    const { fetch, served } = server(shell('<p>saved opening</p>'));
    const response = await vi.waitFor(served);
    expect(await response.text()).toContain('<p>saved opening</p>');
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(fetch('chrome-extension://id/popup.html', 'same-origin')).toBeNull();
    expect(fetch('chrome-extension://id/options.html')).toBeNull();
  });

  it('serves nothing before the packaged page and stored shell are loaded', async () => {
    let loaded!: (html: string) => void;
    const { fetch } = server(shell('<p>saved</p>'), { packagedPopup: () => new Promise((r) => (loaded = r)) });
    await new Promise((r) => setImmediate(r)); // the stored shell has been read
    expect(fetch()).toBeNull();
    loaded(packaged);
    await vi.waitFor(() => expect(fetch()).not.toBeNull());
  });

  it('serves nothing when nothing is stored, until a shell arrives; then follows the changes', async () => {
    const { fetch, change, packagedPopup } = server(undefined);
    await vi.waitFor(() => expect(packagedPopup).toHaveBeenCalled());
    await new Promise((r) => setImmediate(r)); // the initial load has settled
    expect(fetch()).toBeNull();
    change({ other: { newValue: 1 } });
    expect(fetch()).toBeNull();
    change({ [SHELL_STORAGE_KEY]: { newValue: shell('<p>first</p>') } });
    expect(await fetch()!.text()).toContain('<p>first</p>');
    change({ [SHELL_STORAGE_KEY]: { newValue: shell('<p>second</p>') } });
    const text = await fetch()!.text();
    expect([text.includes('<p>second</p>'), text.includes('<p>first</p>')]).toEqual([true, false]);
    change({ [SHELL_STORAGE_KEY]: { newValue: undefined } });
    expect(fetch()).toBeNull();
  });

  it('does not serve a shell saved by another build', async () => {
    const { fetch, packagedPopup } = server(shell('<p>old build</p>', 'def456'));
    await vi.waitFor(() => expect(packagedPopup).toHaveBeenCalled());
    await new Promise((r) => setImmediate(r));
    expect(fetch()).toBeNull();
  });

  it('keeps a change that arrives before the initial load over the stored value', async () => {
    let loaded!: (html: string) => void;
    const { served, change } = server(shell('<p>stale</p>'), { packagedPopup: () => new Promise((r) => (loaded = r)) });
    change({ [SHELL_STORAGE_KEY]: { newValue: shell('<p>fresh</p>') } });
    loaded(packaged);
    const response = await vi.waitFor(served);
    expect(await response.text()).toContain('<p>fresh</p>');
  });

  it('keeps a removal that arrives before the initial load: the stored value read at start is older', async () => {
    let loaded!: (html: string) => void;
    const { fetch, change } = server(shell('<p>stale</p>'), { packagedPopup: () => new Promise((r) => (loaded = r)) });
    change({ [SHELL_STORAGE_KEY]: {} });
    loaded(packaged);
    // The load settles in microtasks; a timer turn runs after all of them.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fetch()).toBeNull();
  });
});
