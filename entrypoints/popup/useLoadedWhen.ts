import { useEffect, useState } from 'preact/hooks';

/**
 * A module of the popup loaded the first time it is wanted (its own chunk), so what the person
 * may never use costs nothing when the popup opens. Null until loaded; kept once loaded.
 */
export function useLoadedWhen<T>(wanted: boolean, load: () => Promise<T>): T | null {
  const [loaded, setLoaded] = useState<T | null>(null);
  useEffect(() => {
    if (wanted && !loaded) load().then((module) => setLoaded(() => module), console.error);
  }, [wanted]);
  return loaded;
}
