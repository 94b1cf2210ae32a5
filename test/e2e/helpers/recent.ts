/**
 * What the popup remembers after a few captures, set straight in extension storage: the given CIV
 * incidents as recent (newest first, in the first connection) and the last capture choices with
 * Full-page unticked, so a test can tell the remembered form from the default one.
 */
import type { Worker } from '@playwright/test';

export async function rememberRecentIncidents(worker: Worker, slugs: string[]): Promise<void> {
  await worker.evaluate(async (list) => {
    const chrome = (globalThis as any).chrome;
    const { connections } = await chrome.storage.local.get('connections');
    const recent = list.map((slug: string, i: number) => ({
      connectionId: connections[0].id,
      slug,
      projectCode: 'CIV',
      usedAt: new Date(Date.now() - i * 1000).toISOString(),
    }));
    await chrome.storage.local.set({
      recentIncidents: recent,
      popupCaptureChoices: { archive: true, viewportScreenshot: true, fullPageScreenshot: false },
    });
  }, slugs);
}
