/**
 * Which of a selection's links the chosen incident already holds as source material: one request
 * (the incident as Atlos has it now) each time the incident or the list changes. Null while that
 * answer is awaited; `urls` null with `error` when Atlos could not be asked.
 */
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../lib/artifacts/artifact';
import { holdsUrl } from '../lib/incidents/duplicates';
import type { IncidentOption } from '../lib/incidents/types';
import type { StoredLinks } from '../lib/links/store';
import type { BatchActions } from './batch-actions';

export interface LinksInIncident {
  key: string;
  urls: Set<string> | null;
  error: string | null;
}

export function useLinksInIncident(actions: BatchActions, incident: IncidentOption | null, found: StoredLinks | null) {
  const [known, setKnown] = useState<LinksInIncident | null>(null);
  const key = incident ? `${incident.connectionId}|${incident.slug}` : '';
  useEffect(() => {
    if (!incident || !found || found.links.length === 0) return;
    let current = true;
    actions.activity(incident.connectionId, incident.slug).then(
      ({ incident: fresh }) => {
        const holder = fresh ?? incident;
        const urls = new Set(found.links.filter((link) => holdsUrl(holder, link.url)).map((link) => link.url));
        if (current) setKnown({ key, urls, error: null });
      },
      (error: unknown) => current && setKnown({ key, urls: null, error: errorText(error) }),
    );
    return () => {
      current = false;
    };
  }, [key, found]);
  return known?.key === key ? known : null;
}
