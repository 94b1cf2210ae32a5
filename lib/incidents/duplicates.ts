/**
 * "Is this page already in Atlos?" before a capture, so a duplicate is a choice, not an accident.
 * One Atlos search by URL (it matches source URLs once Atlos' auto-metadata ran, docs/atlos-api-behaviour.md
 * docs/atlos-api-behaviour.md §5.2) plus the chosen incident's own source list. Asked only when the person opens the popup.
 */
import type { IncidentsDeps } from './deps';
import { summarizeIncident } from './summarize';
import { incidentKey, type IncidentOption } from './types';

/**
 * Two source URLs name the same page when they differ only in the fragment, a trailing slash,
 * the host's case or a default port. Query strings count (they often select the post).
 */
export function sameSourceUrl(a: string, b: string): boolean {
  const normalize = (raw: string) => {
    try {
      const url = new URL(raw.trim());
      url.hash = '';
      const text = url.href;
      return text.endsWith('/') && url.search === '' ? text.slice(0, -1) : text;
    } catch {
      return raw.trim();
    }
  };
  return normalize(a) === normalize(b);
}

/**
 * The text to search Atlos with: Atlos matches `%query%` against stored source URLs, so the
 * fragment and a trailing slash are left out to also find the variants sameSourceUrl accepts.
 */
export function urlSearchText(raw: string): string {
  try {
    const url = new URL(raw.trim());
    url.hash = '';
    return url.href.replace(/\/+$/, '');
  } catch {
    return raw.trim();
  }
}

export interface DuplicateReport {
  url: string;
  /** The chosen incident already holds this URL as source material. */
  inChosen: boolean;
  /** Other incidents of the same project holding this URL. */
  elsewhere: IncidentOption[];
}

export function holdsUrl(option: Pick<IncidentOption, 'sourceUrls'>, url: string): boolean {
  return (option.sourceUrls ?? []).some((source) => sameSourceUrl(source, url));
}

/** Pure: splits incidents that hold `url` into the chosen one and the others. */
export function classifyDuplicates(
  url: string,
  matches: readonly IncidentOption[],
  chosen: Pick<IncidentOption, 'connectionId' | 'slug' | 'sourceUrls'> | null,
): DuplicateReport {
  const holding = matches.filter((m) => holdsUrl(m, url));
  const chosenKey = chosen ? incidentKey(chosen) : null;
  const inChosen = (chosen ? holdsUrl(chosen, url) : false) || holding.some((m) => incidentKey(m) === chosenKey);
  return { url, inChosen, elsewhere: holding.filter((m) => incidentKey(m) !== chosenKey) };
}

/** Incidents of one connection whose source material includes `url` (first page of the URL search). */
export async function incidentsWithUrl(
  deps: IncidentsDeps,
  connectionId: string,
  url: string,
  signal?: AbortSignal,
): Promise<IncidentOption[]> {
  const connection = (await deps.listConnections()).find((c) => c.id === connectionId);
  if (!connection) return [];
  const client = await deps.getClient(connectionId);
  const page = await client.listIncidents({ query: urlSearchText(url) }, signal ? { signal } : {});
  const options = page.results.map((incident) => summarizeIncident(connection.id, connection.baseUrl, incident));
  await deps.cache.put(options);
  return options.filter((o) => holdsUrl(o, url));
}
