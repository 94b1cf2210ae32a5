/**
 * Loads what the popup shows about the chosen incident: whether the tab's URL is already source
 * material (one URL search per connection and URL for the popup's life, asked on open), and its
 * activity (latest updates plus a fresh copy of the incident), asked only while `wanted` (the
 * person opened "Status and latest updates" or picked the incident), so that opening the popup
 * with a warm cache makes a single request. The cached copy of the incident is shown until then.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { IncidentActivity } from '@/lib/incidents/activity';
import { classifyDuplicates, type DuplicateReport } from '@/lib/incidents/duplicates';
import type { IncidentOption } from '@/lib/incidents/types';
import type { PopupApi } from './api-types';

interface ActivityState {
  key: string;
  /** Which reload this answers; a capture that finished since makes it stale. */
  revision: number;
  value: IncidentActivity | null;
  error: string | null;
  loading: boolean;
}

export function useIncidentContext(
  api: PopupApi,
  selected: IncidentOption | null,
  url: string | null,
  wanted: boolean,
) {
  const [activity, setActivity] = useState<ActivityState | null>(null);
  const [duplicates, setDuplicates] = useState<{ key: string; matches: IncidentOption[] } | null>(null);
  const urlSearches = useRef(new Map<string, Promise<IncidentOption[]>>());
  const [revision, setRevision] = useState(0);
  const key = selected ? `${selected.connectionId}|${selected.slug}` : '';

  useEffect(() => {
    if (!selected || !wanted) return;
    if (activity?.key === key && activity.revision === revision && (activity.loading || activity.value)) return;
    // Keep what is shown while reloading the same incident (no flash, no layout jump).
    setActivity((previous) => ({
      key,
      revision,
      value: previous?.key === key ? previous.value : null,
      error: null,
      loading: true,
    }));
    // Not cancelled when the section closes: the answer is kept for the next opening.
    const settle = (value: IncidentActivity | null, error: string | null) =>
      setActivity((previous) =>
        previous?.key === key && previous.revision === revision
          ? { key, revision, value, error, loading: false }
          : previous,
      );
    api.activity(selected.connectionId, selected.slug).then(
      (value) => settle(value, null),
      (error: unknown) => settle(null, error instanceof Error ? error.message : String(error)),
    );
  }, [key, revision, wanted]);

  const dupKey = selected && url ? `${selected.connectionId}|${url}` : '';
  useEffect(() => {
    if (!selected || !url) return;
    let current = true;
    let search = urlSearches.current.get(dupKey);
    if (!search) {
      search = api.incidentsWithUrl(url, selected.connectionId, selected.slug);
      urlSearches.current.set(dupKey, search);
    }
    search.then(
      (matches) => current && setDuplicates({ key: dupKey, matches }),
      () => current && setDuplicates({ key: dupKey, matches: [] }),
    );
    return () => {
      current = false;
    };
  }, [dupKey]);

  const mine = activity?.key === key ? activity : null;
  const freshIncident = mine?.value?.incident ?? null;
  const chosen = freshIncident ?? selected;
  const report: DuplicateReport | null =
    url && duplicates?.key === dupKey ? classifyDuplicates(url, duplicates.matches, chosen) : null;

  return {
    activity: mine?.value ?? null,
    activityError: mine?.error ?? null,
    activityLoading: !!selected && wanted && (!mine || mine.loading || mine.revision !== revision),
    setActivity: (value: IncidentActivity) => setActivity({ key, revision, value, error: null, loading: false }),
    /** Marks the activity stale (e.g. a capture added a source and a comment): read again when wanted. */
    reloadActivity: () => setRevision((n) => n + 1),
    duplicates: report,
    checkingDuplicates: !!selected && !!url && duplicates?.key !== dupKey,
    freshIncident,
  };
}
