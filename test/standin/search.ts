// Incident search of docs/atlos-api-behaviour.md §5: parameters that fail to cast are dropped; a bad `sort` or `project_id` crashes.
import type { Incident, Update } from './model.ts';
import type { Params } from './params.ts';
import type { CursorKey, Direction } from './cursor.ts';
import { crash } from './http.ts';
import { isUuid } from './rng.ts';
import { tokenize } from './store.ts';

type Predicate = (incident: Incident) => boolean;

const SORTS: Record<string, { key: (i: Incident) => string | number | null; direction: Direction }> = {
  uploaded_desc: { key: (i) => i.inserted_at, direction: 'desc' },
  uploaded_asc: { key: (i) => i.inserted_at, direction: 'asc' },
  modified_desc: { key: (i) => i.updated_at, direction: 'desc' },
  modified_asc: { key: (i) => i.updated_at, direction: 'asc' },
  description_desc: { key: (i) => i.attr_description, direction: 'desc' },
  description_asc: { key: (i) => i.attr_description, direction: 'asc' },
  date_desc: { key: (i) => i.attr_date, direction: 'desc' },
  date_asc: { key: (i) => i.attr_date, direction: 'asc' },
};

export interface IncidentOrder {
  keyOf: (incident: Incident) => CursorKey;
  directions: Direction[];
}

export function incidentOrder(params: Params): IncidentOrder {
  const sort = params.sort;
  if (typeof sort !== 'string')
    return { keyOf: (i) => [i.inserted_at, i.inserted_at, i.id], directions: ['desc', 'desc', 'desc'] };
  const spec = SORTS[sort];
  if (!spec) crash(`invalid sort ${sort}`);
  return { keyOf: (i) => [spec.key(i), i.inserted_at, i.id], directions: [spec.direction, 'desc', 'desc'] };
}

const stringList = (value: unknown): string[] | null =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : null;

function bool(value: unknown): boolean | null {
  if (value === true || value === 'true' || value === '1') return true;
  if (value === false || value === 'false' || value === '0') return false;
  return null;
}

const date = (value: unknown): string | null =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : null;

function parsePoint(value: unknown): { lat: number; lon: number } | null {
  if (typeof value !== 'string') return null;
  const parts = value.split(',').map((p) => p.trim());
  if (parts.length !== 2) return null;
  const [lat, lon] = parts.map(Number) as [number, number];
  return Number.isFinite(lat) && Number.isFinite(lon) && parts.every((p) => p !== '') ? { lat, lon } : null;
}

function overlapFilter(values: string[], field: (i: Incident) => string[] | null): Predicate {
  const unset = values.includes('[Unset]');
  return (i) => {
    const current = field(i);
    if (!current || current.length === 0) return unset;
    return current.some((v) => values.includes(v));
  };
}

function likePattern(query: string): RegExp {
  const escaped = query
    .toLowerCase()
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(escaped, 's');
}

/** websearch_to_tsquery approximated: every plain word (and quoted phrase word) present, no `-word` present. */
function queryFilter(raw: string): Predicate {
  const query = raw.replace(/\b[A-Za-z0-9]{1,5}-([0-9A-Z]{6})\b/g, '$1');
  const words = query.split(/\s+/).filter((w) => w !== '' && w.toLowerCase() !== 'or');
  const required = words.filter((w) => !w.startsWith('-')).flatMap((w) => tokenize(w));
  const excluded = words.filter((w) => w.startsWith('-')).flatMap((w) => tokenize(w.slice(1)));
  const like = likePattern(query);
  const word = (t: string): RegExp =>
    new RegExp(`(?<![\\p{L}\\p{N}_])${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'u');
  const requiredWords = required.map(word);
  const excludedWords = excluded.map(word);
  return (i) => {
    const tsMatch =
      requiredWords.length > 0 &&
      requiredWords.every((w) => w.test(i.searchTokens)) &&
      !excludedWords.some((w) => w.test(i.searchTokens));
    return tsMatch || like.test(i.searchText);
  };
}

export function incidentFilters(params: Params, projectId: string): Predicate[] {
  const filters: Predicate[] = [];
  const deleted = bool(params.deleted) === true;
  filters.push((i) => i.deleted === deleted);
  if (typeof params.query === 'string' && params.query !== '') filters.push(queryFilter(params.query));
  const statuses = stringList(params.attr_status);
  if (statuses && statuses.length > 0) filters.push((i) => statuses.includes(i.attr_status ?? ''));
  const tags = stringList(params.attr_tags);
  if (tags && tags.length > 0) filters.push(overlapFilter(tags, (i) => i.attr_tags));
  const sensitive = stringList(params.attr_sensitive);
  if (sensitive && sensitive.length > 0) filters.push(overlapFilter(sensitive, (i) => i.attr_sensitive));
  const min = date(params.attr_date_min);
  if (min) filters.push((i) => i.attr_date !== null && i.attr_date >= min);
  const max = date(params.attr_date_max);
  if (max) filters.push((i) => i.attr_date !== null && i.attr_date <= max);
  const point = parsePoint(params.attr_geolocation);
  if (point) {
    const radiusParam = Number(params.attr_geolocation_radius);
    const radius =
      typeof params.attr_geolocation_radius === 'string' && Number.isInteger(radiusParam) ? radiusParam : 10;
    const degrees = (radius * 0.01) / 1.11;
    filters.push(
      (i) =>
        i.attr_geolocation !== null &&
        Math.hypot(i.attr_geolocation.lat - point.lat, i.attr_geolocation.lon - point.lon) <= degrees,
    );
  }
  const noMedia = bool(params.no_media_versions);
  if (noMedia === true)
    filters.push((i) => !i.versions.some((v) => v.visibility === 'visible' && v.status === 'complete'));
  if (noMedia === false) filters.push((i) => i.versions.some((v) => v.visibility === 'visible'));
  if (isUuid(params.only_subscribed_id)) {
    const id = params.only_subscribed_id.toLowerCase();
    filters.push((i) => i.subscribers.includes(id));
  }
  if (isUuid(params.only_assigned_id)) {
    const id = params.only_assigned_id.toLowerCase();
    filters.push((i) => i.attr_assignments.includes(id));
  }
  if (typeof params.project_id === 'string') {
    if (params.project_id === 'unset') filters.push(() => false);
    else if (!isUuid(params.project_id)) crash('non-UUID project_id');
    else if (params.project_id.toLowerCase() !== projectId) filters.push(() => false);
  }
  return filters;
}

/** has_been_edited_by_id is a plain join: one row per matching non-comment update, so duplicates appear (§5.2). */
export function editedByJoin(params: Params, incidents: Incident[], updates: Update[]): Incident[] {
  if (!isUuid(params.has_been_edited_by_id)) return incidents;
  const userId = params.has_been_edited_by_id.toLowerCase();
  const counts = new Map<string, number>();
  for (const u of updates)
    if (u.type !== 'comment' && u.user?.id === userId) counts.set(u.media_id, (counts.get(u.media_id) ?? 0) + 1);
  return incidents.flatMap((i) => Array.from({ length: counts.get(i.id) ?? 0 }, () => i));
}
