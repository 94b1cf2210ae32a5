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

type FormScope = { __atlosFormValues?: { restore(): void; cleared: number } };
type SnapshotScope = { __atlosSnapshot?: (options: SnapshotOptions) => Promise<{ id: string; size: number }> };

export async function saveMhtml<I extends StitchImage>(deps: CollectDeps<I>, tabId: number): Promise<Blob> {
  const pageCapture = deps.pageCapture;
  if (!pageCapture) throw new Error('This browser cannot save MHTML.');
  // All frames: MHTML includes iframes. A frame we may not script keeps its state (reported by the caller).
  await deps.scripting.executeScript({ target: { tabId, allFrames: true }, files: [PREPARE_ARCHIVE_SCRIPT] });
  try {
    const saved = await pageCapture.saveAsMHTML({ tabId });
    if (!saved) throw new Error('The browser returned no archive.');
    // Chrome's Blob is backed by a temporary file that it may delete soon ("A requested file
    // or directory could not be found" when read later), so copy the bytes now.
    const bytes = saved instanceof Blob ? await saved.arrayBuffer() : saved;
    // MHTML's registered type (RFC 2557); Chrome leaves the Blob's type empty or vendor-specific.
    return new Blob([bytes], { type: 'multipart/related' });
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
  const bytes = await readPagePayload(deps, tabId, 0, held.id, held.size);
  return new Blob([bytes as BlobPart], { type: 'text/html' });
}
