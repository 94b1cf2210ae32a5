/**
 * Loads what the popup shows about the chosen incident: its activity, and whether the tab's URL
 * is already source material (one URL search per connection and URL for the popup's life).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { IncidentActivity } from '../../lib/incidents/activity';
import { classifyDuplicates, type DuplicateReport } from '../../lib/incidents/duplicates';
import type { IncidentOption } from '../../lib/incidents/types';
import type { PopupApi } from './api';

export function useIncidentContext(api: PopupApi, selected: IncidentOption | null, url: string | null) {
  const [activity, setActivity] = useState<{ key: string; value: IncidentActivity | null; error: string | null } | null>(null);
  const [duplicates, setDuplicates] = useState<{ key: string; matches: IncidentOption[] } | null>(null);
  const urlSearches = useRef(new Map<string, Promise<IncidentOption[]>>());
  const [revision, setRevision] = useState(0);
  const key = selected ? `${selected.connectionId}|${selected.slug}` : '';

  useEffect(() => {
    if (!selected) return;
    let current = true;
    // Keep what is shown while reloading the same incident (no flash, no layout jump).
    setActivity((previous) => (previous?.key === key && previous.value ? previous : { key, value: null, error: null }));
    api.activity(selected.connectionId, selected.slug).then(
      (value) => current && setActivity({ key, value, error: null }),
      (error: unknown) => current && setActivity({ key, value: null, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => { current = false; };
  }, [key, revision]);

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
    return () => { current = false; };
  }, [dupKey]);

  const freshIncident = activity?.key === key ? activity.value?.incident ?? null : null;
  const chosen = freshIncident ?? selected;
  const report: DuplicateReport | null = url && duplicates?.key === dupKey
    ? classifyDuplicates(url, duplicates.matches, chosen)
    : null;

  return {
    activity: activity?.key === key ? activity.value : null,
    activityError: activity?.key === key ? activity.error : null,
    activityLoading: !!selected && (activity?.key !== key || (!activity.value && !activity.error)),
    setActivity: (value: IncidentActivity) => setActivity({ key, value, error: null }),
    /** Reads the activity again (e.g. after a capture added a source and a comment). */
    reloadActivity: () => setRevision((n) => n + 1),
    duplicates: report,
    checkingDuplicates: !!selected && !!url && duplicates?.key !== dupKey,
    freshIncident,
  };
}
