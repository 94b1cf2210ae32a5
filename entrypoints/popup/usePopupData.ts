/**
 * The popup's data: it starts from the state painted in the first frame (shell.ts) and reconciles
 * with the authoritative copy in extension storage after hydration, then asks the background about
 * the tab and reads the incident cache, all after the form is on screen and usable.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { CaptureChoices } from '@/components/CaptureOptions';
import { initialOptions, lastUsedOption } from '@/lib/incidents/initial';
import type { IncidentOption } from '@/lib/incidents/types';
import type { PopupApi } from './api-types';
import { errorMessage, loadLocal, loadTab, type Boot, type TabState } from './load';
import { shellStart, type PopupStart } from './shell';

export interface PopupDataEvents {
  /** The incident to preselect as storage knows it; the App keeps a choice the person made. */
  onPreselect(option: IncidentOption | null): void;
  /** The remembered capture choices as storage knows them. */
  onChoices(choices: CaptureChoices): void;
}

export function usePopupData(api: PopupApi, start: PopupStart, events: PopupDataEvents) {
  const [boot, setBoot] = useState<Boot | null>(start.boot);
  /** Storage has answered (until then `boot` is the painted snapshot, possibly stale). */
  const [loaded, setLoaded] = useState(false);
  const [bootError, setBootError] = useState<string | null>(null);
  const [pinned, setPinned] = useState<IncidentOption[]>(start.boot?.pinned ?? []);
  const [cached, setCached] = useState<IncidentOption[] | null>(null);
  const [tabState, setTabState] = useState<TabState | null>(null);
  /** Settles once storage and the tab inspection answered (a click on `Capture` before then waits for it). */
  const [ready] = useState(() => deferred<{ boot: Boot; tab: TabState }>());
  const [limitedAccess, setLimitedAccess] = useState(false);

  useEffect(() => {
    loadLocal(api).then(
      (stored) => {
        // Until the cache is read, the painted list's fuller copies complete the recent incidents.
        const known = initialOptions({ ...stored, cached: start.initial });
        events.onPreselect(lastUsedOption(stored.recent, known, stored.connections));
        events.onChoices(stored.choices);
        setPinned(stored.pinned);
        setBoot(stored);
        setLoaded(true);
        // Asked of the background only now, so its messages (which may wake it) stay off the first paint.
        void loadTab(api).then((tab) => {
          setTabState(tab);
          ready.resolve({ boot: stored, tab });
        });
        api.allSitesAccess().then(
          (granted) => setLimitedAccess(!granted),
          () => undefined,
        );
        // The whole cache (thousands of summaries) only after the form is usable.
        api.cachedIncidents().then(
          (list) => {
            setCached(list);
            const fuller = initialOptions({ ...stored, cached: list });
            events.onPreselect(lastUsedOption(stored.recent, fuller, stored.connections));
          },
          () => setCached([]),
        );
      },
      (error: unknown) => {
        setBootError(errorMessage(error));
        ready.reject(error);
      },
    );
  }, [api]);

  const initial = useMemo(
    () =>
      boot
        ? initialOptions({
            pinned,
            recent: boot.recent,
            cached: cached ?? start.initial,
            connections: boot.connections,
          })
        : start.initial,
    [boot, pinned, cached],
  );

  // Whenever what the next opening should paint changes, keep it for that opening.
  const choices = boot?.choices;
  // Saved once storage answered (the incident cache, thousands of entries, may take seconds to
  // read, and the popup may be closed by then), and again with the fuller copies from the cache.
  useEffect(() => {
    if (!loaded || !boot) return;
    const stored = { ...boot, pinned };
    api.saveShell(shellStart(stored, initial, lastUsedOption(boot.recent, initial, boot.connections)));
  }, [loaded, cached, initial, choices]);

  return {
    boot,
    loaded,
    bootError,
    pinned,
    setPinned,
    cached: cached ?? [],
    initial,
    tabState,
    limitedAccess,
    ready: () => ready.promise,
    /** Remembers new capture choices (the next opening paints them). */
    rememberChoices(next: CaptureChoices) {
      if (boot) setBoot({ ...boot, choices: next });
      void api.saveChoices(next);
    },
  };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  promise.catch(() => undefined); // read only by a click; an unread failure is shown by the App already
  return { promise, resolve, reject };
}
