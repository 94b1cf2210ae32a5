/**
 * The real `CollectDeps`, built from the browser's APIs in the background (service worker on
 * Chrome, background page on Firefox). Call it at capture time, never at module top level.
 */
import { i18n } from '#i18n';
import { browser } from 'wxt/browser';
import type { CaptureRect, CollectDeps, InjectionResult, ScriptInjection } from './deps';
import { offscreenCanvasFactory } from './stitch';

type CaptureTab = (tabId: number, options: { format: 'png'; rect?: CaptureRect; scale?: number }) => Promise<string>;

export function createBrowserCollectDeps(settings: { maxMediaBytes: number }): CollectDeps<ImageBitmap> {
  const isFirefox = import.meta.env.FIREFOX === true;
  // Firefox-only API (https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/tabs/captureTab).
  const captureTab = (browser.tabs as unknown as { captureTab?: CaptureTab }).captureTab;
  // Looked up at call time: in Chrome `pageCapture` is an optional permission, and the API
  // appears only once it is granted.
  type PageCaptureApi = { saveAsMHTML(details: { tabId: number }): Promise<Blob | undefined> };
  const pageCaptureApi = () => (browser as unknown as { pageCapture?: PageCaptureApi }).pageCapture;
  return {
    browserName: isFirefox ? 'firefox' : 'chrome',
    extensionVersion: browser.runtime.getManifest().version,
    userAgent: navigator.userAgent,
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    maxMediaBytes: settings.maxMediaBytes,
    tabs: {
      get: async (tabId) => {
        const tab = await browser.tabs.get(tabId);
        return {
          id: tab.id,
          windowId: tab.windowId ?? browser.windows.WINDOW_ID_CURRENT,
          url: tab.url,
          title: tab.title,
          active: tab.active,
        };
      },
      update: (tabId, properties) => browser.tabs.update(tabId, properties),
      captureVisibleTab: (windowId, options) => browser.tabs.captureVisibleTab(windowId, options),
      getZoom: (tabId) => browser.tabs.getZoom(tabId),
      ...(captureTab ? { captureTab: (tabId, options) => captureTab.call(browser.tabs, tabId, options) } : {}),
    },
    ...(!isFirefox
      ? {
          pageCapture: {
            isAllowed: async () =>
              !!pageCaptureApi() && (await browser.permissions.contains({ permissions: ['pageCapture'] })),
            saveAsMHTML: async (details) => {
              const api = pageCaptureApi();
              if (!api) throw new Error(i18n.t('artifacts_archiveNeedsPermission'));
              return api.saveAsMHTML(details);
            },
          },
        }
      : {}),
    scripting: {
      executeScript: (injection: ScriptInjection) =>
        browser.scripting.executeScript(injection as Parameters<typeof browser.scripting.executeScript>[0]) as Promise<
          InjectionResult[]
        >,
    },
    fetch: (input, init) => fetch(input, init),
    hasHostAccess: async (url) => {
      const { protocol, host } = new URL(url);
      if (protocol !== 'http:' && protocol !== 'https:') return false;
      return browser.permissions.contains({ origins: [`${protocol}//${host}/*`] });
    },
    decodeImage: (blob) => createImageBitmap(blob),
    createCanvas: offscreenCanvasFactory,
  };
}
