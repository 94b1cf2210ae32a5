/**
 * Matching typed text against incidents already known locally (cache, recent, pinned), so the
 * picker answers before the network does. Pure: no storage, no clock.
 */
import { displaySlug, incidentKey, type IncidentOption } from './types';

function fold(text: string): string {
  // Case- and accent-insensitive, so "cafe" finds "Café" and Turkish/Arabic text still matches itself.
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en');
}

/**
 * Score of one incident for a query; 0 means no match. Slug matches beat description matches,
 * and every word of the query must appear somewhere.
 */
export function matchScore(option: IncidentOption, query: string): number {
  const q = fold(query.trim());
  if (!q) return 0;
  const slug = fold(option.slug);
  const shown = fold(displaySlug(option));
  if (q === slug || q === shown) return 100;
  if (slug.startsWith(q) || shown.startsWith(q)) return 80;
  const description = fold(option.description);
  const haystack = `${shown} ${slug} ${description} ${fold(option.status ?? '')} ${fold(option.projectName)}`;
  const words = q.split(/\s+/).filter(Boolean);
  if (!words.every((word) => haystack.includes(word))) return 0;
  // Words at the start of a description word rank above words inside one.
  const starts = words.filter((word) =>
    new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(word)}`, 'u').test(description),
  ).length;
  return 20 + starts * 10 + (description.includes(q) ? 15 : 0);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Best matches first, duplicates (same connection and slug) removed, at most `limit`. */
export function matchIncidents(options: readonly IncidentOption[], query: string, limit = 20): IncidentOption[] {
  const seen = new Set<string>();
  const scored: { option: IncidentOption; score: number; index: number }[] = [];
  options.forEach((option, index) => {
    const key = incidentKey(option);
    if (seen.has(key)) return;
    const score = matchScore(option, query);
    if (score > 0) {
      seen.add(key);
      scored.push({ option, score, index });
    }
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.slice(0, limit).map((s) => s.option);
}

/** Appends `more` to `first`, skipping incidents already present; order of `first` is kept. */
export function mergeOptions(first: readonly IncidentOption[], more: readonly IncidentOption[]): IncidentOption[] {
  const seen = new Set(first.map(incidentKey));
  const merged = [...first];
  for (const option of more) {
    const key = incidentKey(option);
    if (!seen.has(key)) {
      seen.add(key);
      merged.push(option);
    }
  }
  return merged;
}
