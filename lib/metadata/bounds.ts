/**
 * Size bounds on everything a page controls, so a hostile page cannot make the metadata
 * unboundedly large or slow (documented in the README, "Metadata bounds").
 */
export const BOUNDS = {
  /** Any page-controlled string (URLs, description, author, JSON-LD strings…). */
  string: 2_000,
  title: 500,
  /** The selected text itself. */
  selectionText: 10_000,
  /** Text kept before and after the selection. */
  selectionContext: 200,
  /** OpenGraph / Twitter / article: entries kept (first value of each property). */
  metaEntries: 100,
  /** Length of a meta property name. */
  metaKey: 200,
  /** JSON-LD: objects kept, total serialized size, nesting depth, keys per object, items per array. */
  jsonLdObjects: 20,
  jsonLdTotalBytes: 100_000,
  jsonLdDepth: 10,
  jsonLdKeys: 200,
  jsonLdArrayItems: 200,
  /** A JSON-LD script longer than this is not parsed at all. */
  jsonLdScriptChars: 1_000_000,
  /** A person's or organisation's name (author). */
  name: 300,
  /** The article's plain text kept from Readability (its full length is stored beside it). */
  articleText: 100_000,
  /**
   * Readability is synchronous and cannot be interrupted, so its time is bounded by its input:
   * a page with more elements, or more text, than this is not given to it at all.
   */
  articleMaxElements: 20_000,
  articleMaxChars: 2_000_000,
} as const;

/** Cuts a string to `max` characters (marking the cut with an ellipsis); null stays null. */
export function bound(value: string | null | undefined, max: number = BOUNDS.string): string | null {
  if (value === null || value === undefined) return null;
  if (value.length <= max) return value;
  // Count code points, not UTF-16 units, so a cut never splits an emoji.
  const chars = Array.from(value.slice(0, max * 2));
  return chars.length <= max ? value.slice(0, max * 2) : `${chars.slice(0, max - 1).join('')}…`;
}

/** Trimmed, whitespace-collapsed, bounded; empty becomes null. */
export function cleanText(value: string | null | undefined, max: number = BOUNDS.string): string | null {
  if (value === null || value === undefined) return null;
  // Bound first so collapsing whitespace never walks a megabyte string.
  const collapsed = value
    .slice(0, max * 4)
    .replace(/\s+/g, ' ')
    .trim();
  return collapsed ? bound(collapsed, max) : null;
}
