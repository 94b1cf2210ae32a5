/**
 * e2e builds only: lets Playwright call `collectArtifacts` inside the service worker and read
 * the results (blobs as base64), since it cannot click the browser's own menus.
 */
import type { CaptureRequest } from '../domain/capture-request';
import { createBrowserCollectDeps } from './browser-deps';
import { collectArtifacts } from './collect';
import type { CollectLimits } from './deps';

async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function registerArtifactsTestHook(): void {
  if (import.meta.env.MODE !== 'e2e') return;
  Object.assign(globalThis, {
    __atlosArtifactsTest: {
      async collect(
        request: CaptureRequest,
        settings: { maxMediaBytes?: number; limits?: Partial<CollectLimits> } = {},
      ) {
        const deps = createBrowserCollectDeps({ maxMediaBytes: settings.maxMediaBytes ?? 50 * 1024 * 1024 });
        if (settings.limits) deps.limits = settings.limits;
        const collected = await collectArtifacts(request, deps);
        const artifacts = await Promise.all(
          collected.artifacts.map(async ({ blob, ...rest }) => ({ ...rest, base64: await blobToBase64(blob) })),
        );
        return { ...collected, artifacts };
      },
    },
  });
}
