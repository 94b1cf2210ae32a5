/**
 * Page archive. Chrome: MHTML from `pageCapture.saveAsMHTML` (an optional permission there),
 * with typed form values, passwords, hidden inputs and editable regions blanked in every frame
 * while it saves (page/form-values.ts) and put back after.
 * Firefox (no pageCapture): a single-file, inert HTML snapshot built in the page (page/snapshot.ts).
 */
import { i18n } from '#i18n';
import { makeArtifact } from './artifact';
import { limitsOf, type CollectDeps } from './deps';
import { pageArchiveName } from './naming';
import type { SnapshotOptions } from './page/snapshot';
import { callInPageWithin, readPagePayload } from './page-calls';
import type { StitchImage } from './stitch';
import { TimeLimitError, withTimeLimit } from './time-limit';
import type { CollectedArtifact } from '../domain/collected-capture';

export const PREPARE_ARCHIVE_SCRIPT = '/prepare-archive.js';
export const SNAPSHOT_DOM_SCRIPT = '/snapshot-dom.js';

const MHTML_ATTEMPTS = 3;

/** The read of a Blob whose backing file is gone (DOMException NotFoundError / NotReadableError). */
export function isVanishedFileError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return (
    name === 'NotFoundError' || name === 'NotReadableError' || /could not be found at the time/i.test(String(error))
  );
}

type FormScope = { __atlosFormValues?: { restore(): void; cleared: number } };
type SnapshotScope = { __atlosSnapshot?: (options: SnapshotOptions) => Promise<{ id: string; size: number }> };

export async function savePageArchive<I extends StitchImage>(
  deps: CollectDeps<I>,
  tabId: number,
  capturedAt: string,
): Promise<CollectedArtifact> {
  // Chrome asks for `pageCapture` at the first archive capture from the popup (the prompt comes after
  // the capture has started). Until it is granted the archive is the same inert single-file snapshot
  // Firefox makes, so a capture asked for a page archive still gets one.
  const mhtmlAllowed =
    deps.browserName !== 'firefox' && !!deps.pageCapture && (await deps.pageCapture.isAllowed().catch(() => false));
  if (!mhtmlAllowed) {
    const blob = await saveHtmlSnapshot(deps, tabId, capturedAt);
    return makeArtifact('page_archive', pageArchiveName(capturedAt, 'html'), blob, {
      method: { name: 'dom_snapshot' },
    });
  }
  const blob = await saveMhtml(deps, tabId);
  return makeArtifact('page_archive', pageArchiveName(capturedAt, 'mhtml'), blob, { method: { name: 'mhtml' } });
}

export async function saveMhtml<I extends StitchImage>(deps: CollectDeps<I>, tabId: number): Promise<Blob> {
  const pageCapture = deps.pageCapture;
  if (!pageCapture) throw new Error(i18n.t('artifacts_archiveNeedsPermission'));
  const { pageCallMs } = limitsOf(deps);
  try {
    // All frames: MHTML includes iframes. In Chromium 156, `executeScript` with `allFrames` never
    // settles on a page with `<iframe src="javascript:false">` (common on news sites) unless
    // `injectImmediately` is set (the frame never reaches `document_idle`); with it, every frame
    // answers (test/e2e/integrity-ui.spec.ts). The time limit stays as the backstop: if a frame
    // still does not answer, nobody can say which frames were blanked, and privacy wins: no
    // archive is saved, and the problem says why (screenshots and metadata are unaffected).
    await withTimeLimit(
      deps.scripting.executeScript({
        target: { tabId, allFrames: true },
        injectImmediately: true,
        files: [PREPARE_ARCHIVE_SCRIPT],
      }),
      pageCallMs,
    ).catch((error: unknown) => {
      throw error instanceof TimeLimitError ? new Error(i18n.t('artifacts_archiveFramesNotPrepared')) : error;
    });
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
    // Also after a failed preparation: the frames that did run it get their values back.
    const restore = deps.scripting.executeScript({
      target: { tabId, allFrames: true },
      injectImmediately: true,
      func: () => {
        const scope = globalThis as unknown as FormScope;
        scope.__atlosFormValues?.restore();
        delete scope.__atlosFormValues;
      },
    });
    await withTimeLimit(restore, pageCallMs).catch(() => {});
  }
}

export async function saveHtmlSnapshot<I extends StitchImage>(
  deps: CollectDeps<I>,
  tabId: number,
  capturedAt: string,
): Promise<Blob> {
  const limits = limitsOf(deps);
  const options: SnapshotOptions = {
    maxInlineBytes: limits.snapshotInlineBytes,
    maxImageBytes: limits.snapshotImageBytes,
    capturedAt,
  };
  await withTimeLimit(
    deps.scripting.executeScript({
      target: { tabId, frameIds: [0] },
      injectImmediately: true,
      files: [SNAPSHOT_DOM_SCRIPT],
    }),
    limits.pageCallMs,
  );
  // Inlining images takes a while on a big page: the archive's limit, not a page call's.
  const held = await callInPageWithin(
    deps,
    limits.archiveMs,
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
