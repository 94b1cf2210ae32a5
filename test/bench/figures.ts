/**
 * One row of the benchmark table, plus the small statistics the measurements share.
 * A figure whose precondition is missing (a feature not built yet, a hook absent) is reported as
 * `n/a (reason)` instead of failing the whole run.
 */
export interface Figure {
  /** Stable key in bench-results/latest.json. */
  id: string;
  label: string;
  unit: 'ms' | 'kB' | 'MB' | 'requests' | 'x';
  /** Median of the runs (or the single value for sizes and counts); null when not measured. */
  value: number | null;
  /** Same-run baseline this figure is compared with, when it has one. */
  baseline?: number | null;
  /** The target in words, e.g. `< 100 ms and < 1.5× baseline`. */
  target: string;
  /** true = meets the target, false = misses it, null = not measured / informational. */
  pass: boolean | null;
  /** Why n/a, or what the number is made of. */
  note?: string;
  samples?: number[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

export function notAvailable(id: string, label: string, unit: Figure['unit'], target: string, reason: string): Figure {
  return { id, label, unit, value: null, target, pass: null, note: `n/a (${reason})` };
}

export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 160);
}

/** Runs a measurement; a throw becomes n/a rows for the figures it would have produced. */
export async function guarded(
  rows: { id: string; label: string; unit: Figure['unit']; target: string }[],
  measure: () => Promise<Figure[]>,
): Promise<Figure[]> {
  try {
    return await measure();
  } catch (error) {
    console.error(`[bench] ${rows.map((r) => r.id).join(', ')} failed:`, error);
    return rows.map((r) => notAvailable(r.id, r.label, r.unit, r.target, errorText(error)));
  }
}

/** Warm-up once, then `runs` timed repetitions; returns the samples. */
export async function repeat(runs: number, once: (index: number) => Promise<number>): Promise<number[]> {
  await once(-1);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await once(i));
  return samples;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
