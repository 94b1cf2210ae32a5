/**
 * Query strings for GET /api/v2/incidents (docs/atlos-api-behaviour.md §5). Array filters repeat `key[]=` for
 * every value: a bare `key=` makes Atlos drop the whole filter silently (docs/atlos-api-behaviour.md §5.1). Values Atlos would
 * crash on (an unknown `sort`) cannot be expressed; values it would ignore (non-UUID ids) are left out.
 */
export const INCIDENT_SORTS = [
  'uploaded_desc',
  'uploaded_asc',
  'modified_desc',
  'modified_asc',
  'description_desc',
  'description_asc',
  'date_desc',
  'date_asc',
] as const;
export type IncidentSort = (typeof INCIDENT_SORTS)[number];

/**
 * Sorts a full walk may use. Atlos's date sorts order incidents without a date as NULLs, which its
 * cursor cannot encode: the page after one holding a null date is an empty HTTP 500
 * (docs/atlos-api-behaviour.md §3). A first page in date order is fine; following `next` is not.
 */
export type IterableIncidentSort = Exclude<IncidentSort, 'date_desc' | 'date_asc'>;
export const NON_ITERABLE_SORTS: ReadonlySet<IncidentSort> = new Set(['date_desc', 'date_asc']);

export interface IncidentSearch {
  /** Free text; also matches slugs, `CODE-SLUG` and source URLs once Atlos' auto-metadata ran. */
  query?: string;
  status?: string[];
  /** `"[Unset]"` also matches incidents without tags. */
  tags?: string[];
  sensitive?: string[];
  /** Inclusive bounds, `YYYY-MM-DD`. */
  dateMin?: string;
  dateMax?: string;
  geolocation?: { lat: number; lon: number };
  /** Roughly kilometres around `geolocation`; Atlos defaults to 10. */
  radius?: number;
  /** true: no visible complete source material; false: at least one visible source material. */
  noMediaVersions?: boolean;
  onlySubscribedId?: string;
  onlyAssignedId?: string;
  hasBeenEditedById?: string;
  /** true lists only deleted incidents; otherwise they are excluded. */
  deleted?: boolean;
  sort?: IncidentSort;
}

/** A search that can be walked to its end (see IterableIncidentSort). */
export type IterableIncidentSearch = Omit<IncidentSearch, 'sort'> & { sort?: IterableIncidentSort };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function incidentSearchParams(search: IncidentSearch = {}): URLSearchParams {
  const params = new URLSearchParams();
  const text = (key: string, value: string | undefined) => {
    if (value !== undefined && value !== '') params.append(key, value);
  };
  const list = (key: string, values: readonly string[] | undefined) => {
    for (const value of values ?? []) params.append(`${key}[]`, value);
  };
  const flag = (key: string, value: boolean | undefined) => {
    if (value !== undefined) params.append(key, value ? 'true' : 'false');
  };
  const uuid = (key: string, value: string | undefined) => {
    if (value !== undefined && isUuid(value)) params.append(key, value.toLowerCase());
  };

  text('query', search.query?.trim());
  list('attr_status', search.status);
  list('attr_tags', search.tags);
  list('attr_sensitive', search.sensitive);
  text('attr_date_min', search.dateMin);
  text('attr_date_max', search.dateMax);
  if (search.geolocation && Number.isFinite(search.geolocation.lat) && Number.isFinite(search.geolocation.lon)) {
    params.append('attr_geolocation', `${search.geolocation.lat},${search.geolocation.lon}`);
    if (search.radius !== undefined && Number.isFinite(search.radius)) {
      params.append('attr_geolocation_radius', String(Math.max(0, Math.round(search.radius))));
    }
  }
  flag('no_media_versions', search.noMediaVersions);
  uuid('only_subscribed_id', search.onlySubscribedId);
  uuid('only_assigned_id', search.onlyAssignedId);
  uuid('has_been_edited_by_id', search.hasBeenEditedById);
  if (search.deleted) params.append('deleted', 'true');
  if (search.sort !== undefined && (INCIDENT_SORTS as readonly string[]).includes(search.sort)) {
    params.append('sort', search.sort);
  }
  return params;
}
