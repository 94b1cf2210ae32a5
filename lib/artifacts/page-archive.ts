/**
 * Page archive. Chrome: MHTML from `pageCapture.saveAsMHTML`, with typed form values and
 * passwords removed in every frame while it saves (page/form-values.ts) and put back after.
 * Firefox (no pageCapture): a single-file HTML snapshot built in the page (page/snapshot.ts).
 */
import { limitsOf, type CollectDeps } from './deps';
import type { SnapshotOptions } from './page/snapshot';
import { callInPage, readPagePayload } from './page-calls';
import type { StitchImage } from './stitch';

export const PREPARE_ARCHIVE_SCRIPT = '/prepare-archive.js';
export const SNAPSHOT_DOM_SCRIPT = '/snapshot-dom.js';

const MHTML_ATTEMPTS = 3;

/** The read of a Blob whose backing file is gone (DOMException NotFoundError / NotReadableError). */
export function isVanishedFileError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'NotFoundError' || name === 'NotReadableError' || /could not be found at the time/i.test(String(error));
}

type FormScope = { __atlosFormValues?: { restore(): void; cleared: number } };
type SnapshotScope = { __atlosSnapshot?: (options: SnapshotOptions) => Promise<{ id: string; size: number }> };

export async function saveMhtml<I extends StitchImage>(deps: CollectDeps<I>, tabId: number): Promise<Blob> {
  const pageCapture = deps.pageCapture;
  if (!pageCapture) throw new Error('This browser cannot save MHTML.');
  // All frames: MHTML includes iframes. A frame we may not script keeps its state (reported by the caller).
  await deps.scripting.executeScript({ target: { tabId, allFrames: true }, files: [PREPARE_ARCHIVE_SCRIPT] });
  try {
    // The form values stay cleared across every attempt (restored once, in `finally`).
    for (let attempt = 1; ; attempt++) {
      try {
        const saved = await pageCapture.saveAsMHTML({ tabId });
        if (!saved) throw new Error('The browser returned no archive.');
        // Chrome's Blob is backed by a temporary file that, under load, can be gone before it is
        // read ("NotFoundError: A requested file or directory could not be found at the time an
        // operation was processed."), so read it at once and, if it is already gone, save again.
        // No Chromium tracker entry was found for this (searched public issues, Nov 2026); seen
        // flakily in test/e2e/artifacts.spec.ts "MHTML archive keeps no typed values…".
        const bytes = saved instanceof Blob ? await saved.arrayBuffer() : saved;
        // MHTML's registered type (RFC 2557); Chrome leaves the Blob's type empty or vendor-specific.
        return new Blob([bytes], { type: 'multipart/related' });
      } catch (error) {
        if (attempt >= MHTML_ATTEMPTS || !isVanishedFileError(error)) throw error;
        await deps.sleep(100 * attempt);
      }
    }
  } finally {
    await deps.scripting
      .executeScript({
        target: { tabId, allFrames: true },
        func: () => {
          const scope = globalThis as unknown as FormScope;
          scope.__atlosFormValues?.restore();
          delete scope.__atlosFormValues;
        },
      })
      .catch(() => {});
  }
}

export async function saveHtmlSnapshot<I extends StitchImage>(deps: CollectDeps<I>, tabId: number, capturedAt: string): Promise<Blob> {
  const limits = limitsOf(deps);
  const options: SnapshotOptions = {
    maxInlineBytes: limits.snapshotInlineBytes,
    maxImageBytes: limits.snapshotImageBytes,
    capturedAt,
  };
  await deps.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [SNAPSHOT_DOM_SCRIPT] });
  const held = await callInPage(
    deps,
    tabId,
    0,
    (opts: SnapshotOptions) => {
      const snapshot = (globalThis as unknown as SnapshotScope).__atlosSnapshot;
      if (!snapshot) throw new Error('The snapshot script is not in the page.');
      return snapshot(opts);
    },
    options,
  );
  return (await readPagePayload(deps, tabId, 0, held.id, held.size, 'text/html')).blob;
}
