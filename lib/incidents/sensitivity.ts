/** Sensitivity choices of a new incident (docs/atlos-api-behaviour.md §7.1); kept apart so pages import no client code. */
/** Atlos' sensitivity values; "Not Sensitive" excludes every other (docs/atlos-api-behaviour.md §7.1). */
export const NOT_SENSITIVE = 'Not Sensitive';
export const SENSITIVITY_VALUES = [
  NOT_SENSITIVE,
  'Personal Information Visible',
  'Graphic Violence',
  'Deleted by Source',
  'Deceptive or Misleading',
] as const;

/** Picking "Not Sensitive" clears the others; picking another clears "Not Sensitive". */
export function toggleSensitivity(current: readonly string[], value: string): string[] {
  if (current.includes(value)) return current.filter((v) => v !== value);
  if (value === NOT_SENSITIVE) return [NOT_SENSITIVE];
  return [...current.filter((v) => v !== NOT_SENSITIVE), value];
}
