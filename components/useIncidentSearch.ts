/**
 * The picker's search state. Local matches answer at once; Atlos is asked after a short pause in
 * typing (debounce), a newer query aborts the older request, and a response that arrives after a
 * newer query started is dropped even if it was not aborted in time. Answers are remembered per
 * query for the popup's life, so going back to an earlier query is instant.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { mergeOptions } from '../lib/incidents/local-match';
import type { IncidentOption } from '../lib/incidents/types';

export const SEARCH_DEBOUNCE_MS = 150;

export interface IncidentSource {
  /** Matches among incidents known locally (cache, recent, pinned); must be fast and synchronous. */
  local(query: string): IncidentOption[];
  /** Atlos search; must stop work when `signal` aborts (rejecting is fine). */
  search(query: string, signal: AbortSignal): Promise<IncidentOption[]>;
}

export interface IncidentSearchState {
  options: IncidentOption[];
  /** Atlos has been asked about the current query and has not answered yet. */
  searching: boolean;
  /** Why Atlos could not be searched (local matches are still shown). */
  error: string | null;
}

export function useIncidentSearch(
  query: string,
  source: IncidentSource,
  debounceMs = SEARCH_DEBOUNCE_MS,
): IncidentSearchState {
  const text = query.trim();
  const answers = useRef(new Map<string, IncidentOption[]>());
  const latest = useRef(0);
  const [remote, setRemote] = useState<{ query: string; options: IncidentOption[] } | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<{ query: string; message: string } | null>(null);

  useEffect(() => {
    const ticket = ++latest.current;
    if (!text) {
      setPending(null);
      return;
    }
    const known = answers.current.get(text);
    if (known) {
      setRemote({ query: text, options: known });
      setPending(null);
      return;
    }
    setPending(text);
    const controller = new AbortController();
    const timer = setTimeout(() => {
      source.search(text, controller.signal).then(
        (options) => {
          answers.current.set(text, options);
          // A newer query started meanwhile: this answer is stale, whatever the abort did.
          if (ticket !== latest.current || controller.signal.aborted) return;
          setRemote({ query: text, options });
          setError(null);
          setPending(null);
        },
        (reason: unknown) => {
          if (ticket !== latest.current || controller.signal.aborted) return;
          setError({ query: text, message: reason instanceof Error ? reason.message : String(reason) });
          setPending(null);
        },
      );
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, source, debounceMs]);

  const local = useMemo(() => (text ? source.local(text) : []), [text, source]);
  const options = useMemo(() => {
    if (!text) return [];
    const fromAtlos = remote?.query === text ? remote.options : [];
    // Local matches stay on top so the list does not reshuffle under the cursor when Atlos answers.
    return mergeOptions(local, fromAtlos);
  }, [text, local, remote]);

  return {
    options,
    searching: pending === text && text !== '',
    error: error?.query === text ? error.message : null,
  };
}
