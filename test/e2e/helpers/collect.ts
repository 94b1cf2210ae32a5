/**
 * Runs the artifacts collector in the service worker through the e2e build's observe hook
 * (`__atlosArtifactsTest`, lib/artifacts/test-hook.ts), for tests of what collection makes on a page.
 */
import type { Worker } from '@playwright/test';

export const ALL_OFF = {
  archive: false,
  viewportScreenshot: false,
  fullPageScreenshot: false,
  pageArchive: false,
  originalMedia: false,
};

export function collect<T = unknown>(
  worker: Worker,
  tabId: number,
  url: string,
  options: Partial<typeof ALL_OFF>,
  target: Record<string, unknown> = {},
  settings: Record<string, unknown> = {},
) {
  return worker.evaluate(
    ({ request, settings }) => (globalThis as any).__atlosArtifactsTest.collect(request, settings),
    {
      request: {
        incident: { connectionId: 'c', slug: 'ABCDEF' },
        tabId,
        target: { kind: 'page', url, pageUrl: url, ...target },
        options: { ...ALL_OFF, ...options },
        source: 'popup',
      },
      settings,
    },
  ) as Promise<T>;
}
