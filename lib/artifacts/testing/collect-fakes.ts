/**
 * Fake browser APIs for collectArtifacts' unit tests. Injected functions really run: the fake
 * `executeScript` calls them against the test's (happy-dom) global, as the browser would in the page.
 */
import type { CaptureRequest } from '@/lib/domain/capture-request';
import type { CollectDeps, ScriptInjection } from '../deps';
import { extractPageMetadata } from '@/lib/metadata/extract';
import type { StitchCanvas } from '../stitch';

export interface FakeImage {
  width: number;
  height: number;
  close(): void;
}
export const PNG_DATA_URL = `data:image/png;base64,${btoa('fake-png')}`;

export function request(
  overrides: Partial<CaptureRequest['options']> = {},
  target: Partial<CaptureRequest['target']> = {},
): CaptureRequest {
  return {
    incident: { connectionId: 'c1', slug: 'ABC123' },
    tabId: 7,
    target: { kind: 'page', url: 'https://example.org/a', pageUrl: 'https://example.org/a', ...target },
    options: {
      archive: false,
      viewportScreenshot: false,
      fullPageScreenshot: false,
      pageArchive: false,
      originalMedia: false,
      ...overrides,
    },
    source: 'popup',
  };
}

export function fakeDeps(overrides: Partial<CollectDeps<FakeImage>> = {}) {
  let clock = Date.parse('2026-11-27T14:03:09.500Z');
  const log: string[] = [];
  const captureTimes: number[] = [];
  const injections: ScriptInjection[] = [];
  const pageScope = globalThis as Record<string, unknown>;
  const files: Record<string, () => unknown> = {
    '/extract-page.js': () => extractPageMetadata(document, window),
    '/prepare-full-page.js': () => {
      pageScope.__atlosFullPage = {
        prepare: async () => ({
          scrollHeight: 2000,
          scrollWidth: 1000,
          viewportWidth: 1000,
          viewportHeight: 800,
          devicePixelRatio: 1,
          captureHeight: 2000,
          truncated: false,
          imagesStillLoading: 0,
        }),
        showTile: async (y: number, hide: boolean) => (log.push(`tile ${y} hide=${hide}`), { scrollY: y }),
        restore: () => void log.push('restore'),
      };
    },
    '/fetch-media.js': () => {
      pageScope.__atlosMedia = {
        fetch: async () => ({ ok: false, reason: 'http', status: 403 }),
        locate: async () => ({
          x: 10,
          y: 20,
          width: 100,
          height: 50,
          devicePixelRatio: 2,
          viewportWidth: 500,
          viewportHeight: 400,
        }),
        restoreScroll: () => void log.push('media scroll restored'),
      };
    },
    '/prepare-archive.js': () => void log.push('forms cleared'),
  };
  const deps: CollectDeps<FakeImage> = {
    browserName: 'chrome',
    extensionVersion: '1.2.3',
    userAgent:
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.7632.0 Safari/537.36',
    now: () => clock,
    sleep: async (ms) => void (clock += ms),
    maxMediaBytes: 1000,
    tabs: {
      get: async () => ({ id: 7, windowId: 3, url: 'https://example.org/a', title: 'A', active: true }),
      update: async () => {},
      captureVisibleTab: async () => {
        log.push('capture');
        captureTimes.push(clock);
        clock += 100; // the capture itself takes time
        return PNG_DATA_URL;
      },
    },
    pageCapture: { isAllowed: async () => true, saveAsMHTML: async () => new Blob(['MIME-Version: 1.0\r\n']) },
    scripting: {
      executeScript: async (injection: ScriptInjection) => {
        injections.push(injection);
        if (injection.files) log.push(`inject ${injection.files[0]}`);
        if (injection.files) return [{ frameId: 0, result: files[injection.files[0]!]!() }];
        if (String(injection.func).includes('__atlosFormValues')) log.push('forms restored');
        return [
          { frameId: 0, result: await (injection.func as (...a: unknown[]) => unknown)(...(injection.args ?? [])) },
        ];
      },
    },
    fetch: async () => new Response('no', { status: 500 }),
    hasHostAccess: async () => false,
    decodeImage: async () => ({ width: 1000, height: 800, close: () => {} }),
    createCanvas: (width, height): StitchCanvas<FakeImage> => ({
      drawImage: (_image, sx, sy, sw, sh, dx, dy) =>
        void log.push(`draw ${width}x${height} src ${sx},${sy} ${sw}x${sh} → ${dx},${dy}`),
      toPng: async () => new Blob([`png ${width}x${height}`], { type: 'image/png' }),
    }),
    ...overrides,
  };
  return { deps, log, captureTimes, injections };
}
