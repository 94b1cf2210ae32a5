/**
 * Loads the batch UI (batch.ts, its own chunk) only when the popup needs it: several tabs selected
 * in the window, a chooser window for the links of a selection or for the selected tabs, or a
 * batch among the recent captures. Until then nothing of it is downloaded or parsed.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { JobSummary } from '@/lib/capture/protocol';
import { chooserBatch, selectedTabCount } from './batch-detect';
import { useLoadedWhen } from './useLoadedWhen';

export type BatchUi = typeof import('./batch');

export function useBatchUi(jobs: readonly JobSummary[], tabId: number | null) {
  const mode = useMemo(chooserBatch, []);
  const [selected, setSelected] = useState(0);

  useEffect(() => {
    if (tabId !== null) selectedTabCount(tabId).then(setSelected, () => undefined);
  }, [tabId]);

  const hasBatchJob = jobs.some((job) => job.batch);
  const wanted = mode !== null || selected > 1 || hasBatchJob;
  const ui: BatchUi | null = useLoadedWhen(wanted, () => import('./batch'));

  return { ui, linksKey: mode && 'links' in mode ? mode.links : null };
}
