// Attribute casting and validation messages of docs/atlos-api-behaviour.md §7 and §8 (one message per schema field, first wins).
import type { CustomAttribute } from './model.ts';
import { crash } from './http.ts';
import { SENSITIVE, STATUSES } from './seed-text.ts';

export type Checked = { ok: true; value: unknown } | { ok: false; error: string };

export interface CoreAttribute {
  field: string;
  kind: 'select' | 'multi' | 'tags' | 'text' | 'date' | 'time' | 'geolocation' | 'assignments';
  options?: string[];
  required?: boolean;
  min?: number;
  max?: number;
}

export const CORE_ATTRIBUTES: Record<string, CoreAttribute> = {
  status: { field: 'attr_status', kind: 'select', options: STATUSES, required: true },
  geolocation_resolution: {
    field: 'attr_geolocation_resolution',
    kind: 'select',
    options: ['Exact', 'Vicinity', 'Locality'],
  },
  sensitive: { field: 'attr_sensitive', kind: 'multi', options: SENSITIVE, required: true, min: 1 },
  restrictions: { field: 'attr_restrictions', kind: 'multi', options: ['Frozen', 'Hidden'] },
  tags: { field: 'attr_tags', kind: 'tags' },
  description: { field: 'attr_description', kind: 'text', required: true, min: 8, max: 2000 },
  more_info: { field: 'attr_more_info', kind: 'text', max: 3000 },
  date: { field: 'attr_date', kind: 'date' },
  time: { field: 'attr_time', kind: 'time' },
  geolocation: { field: 'attr_geolocation', kind: 'geolocation' },
  assignments: { field: 'attr_assignments', kind: 'assignments' },
};

export const DEPRECATED_ATTRIBUTES = [
  'general_location',
  'type',
  'impact',
  'equipment',
  'time_of_day',
  'environment',
  'weather',
  'camera_system',
  'civilian_impact',
  'event',
  'casualty',
  'military_infrastructure',
  'weapon',
  'time_recorded',
];

const segmenter = new Intl.Segmenter();
const length = (text: string): number => [...segmenter.segment(text)].length;
const fail = (error: string): Checked => ({ ok: false, error });
const pass = (value: unknown): Checked => ({ ok: true, value });

export const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

/** Ecto's empty-value rule: blank (whitespace-only) strings cast to nil. */
const blank = (value: unknown): boolean => typeof value === 'string' && value.trim() === '';

export function validDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function checkSubset(values: string[], options: string[]): string | null {
  const bad = values.filter((v) => !options.includes(v));
  return bad.length > 0
    ? `Includes invalid value(s): ${bad.join(', ')}. Valid values are: ${options.join(', ')}`
    : null;
}

/** Casts and validates `value` for a core attribute as `/update` does (creation differs where §7 says so). */
export function checkCore(attr: CoreAttribute, value: unknown, forCreation: boolean): Checked {
  if (value === null) return attr.required ? fail("can't be blank") : pass(null);
  if (attr.kind === 'text' || attr.kind === 'select') {
    if (typeof value !== 'string') return fail('is invalid');
    if (blank(value)) return attr.required ? fail("can't be blank") : pass(null);
    if (attr.kind === 'select') {
      if (forCreation || !attr.options || attr.options.includes(value)) return pass(value);
      return fail(`Includes an invalid value. Valid values are: ${attr.options.join(', ')}`);
    }
    if (attr.min !== undefined && length(value) < attr.min) return fail(`should be at least ${attr.min} character(s)`);
    if (attr.max !== undefined && !(forCreation && attr.field === 'attr_more_info') && length(value) > attr.max) {
      return fail(`should be at most ${attr.max} character(s)`);
    }
    return pass(value);
  }
  if (attr.kind === 'multi' || attr.kind === 'tags') {
    if (!isStringArray(value)) return fail('must be an array of strings');
    if (attr.kind === 'tags' || (forCreation && attr.field === 'attr_restrictions')) return pass(value);
    const invalid = checkSubset(value, attr.options ?? []);
    if (invalid) return fail(invalid);
    if (attr.min !== undefined && value.length < attr.min) return fail(`should have at least ${attr.min} item(s)`);
    if (attr.field === 'attr_sensitive' && value.includes('Not Sensitive') && value.length > 1) {
      return fail("If 'Not Sensitive' is selected, no other options are allowed.");
    }
    return pass(value);
  }
  if (attr.kind === 'date') {
    if (blank(value)) return pass(null);
    if (typeof value === 'string' && validDate(value)) return pass(value);
    return fail(forCreation ? 'is invalid' : 'Verify the date is valid. Date must include a year, month, and day.');
  }
  if (attr.kind === 'time') {
    if (blank(value)) return pass(null);
    if (typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?$/.test(value)) {
      return pass(value.length === 5 ? `${value}:00` : value);
    }
    return fail('Time must include an hour and minute.');
  }
  return pass(value);
}

export const LOCATION_ERROR =
  'Unable to parse this location; please enter a latitude-longitude pair separated by commas.';

export function parseLatLon(value: string): { lat: number; lon: number } | null {
  const parts = value.split(',').map((p) => p.trim());
  if (parts.length !== 2 || parts.some((p) => p === '' || !/^[-+]?\d+(\.\d+)?$/.test(p))) return null;
  return { lat: Number(parts[0]), lon: Number(parts[1]) };
}

/** Custom attribute value check; returns the nested message or null. A non-list multi-select value crashes (§8.2). */
export function checkCustom(attr: CustomAttribute, value: unknown): string | null {
  if (attr.type === 'select') {
    if (typeof value === 'string' && attr.options.includes(value)) return null;
    return `Includes an invalid value. Valid values are: ${attr.options.join(', ')}`;
  }
  if (attr.type === 'multi_select') {
    if (!Array.isArray(value)) crash('non-list multi-select value');
    if (!isStringArray(value)) return 'is invalid';
    return checkSubset(value, attr.options);
  }
  return null;
}

export function nestedCustomError(
  message: string,
  attr: CustomAttribute,
  value: unknown,
  projectId: string,
  isNew: boolean,
): unknown {
  return {
    project_attributes: [{ value: message, source: isNew ? { value, id: attr.id, project_id: projectId } : { value } }],
  };
}

/** Elixir `inspect` of a list of strings, e.g. ["foo", "bar"]. */
export function inspectList(keys: string[]): string {
  return `[${keys.map((k) => JSON.stringify(k).replace(/#\{/g, '\\#{')).join(', ')}]`;
}
