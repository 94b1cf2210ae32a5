/** JSON-LD from `<script type="application/ld+json">`: parsed, invalid skipped, bounded (see bounds.ts). */
import { BOUNDS, bound } from './bounds';

function sanitize(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return bound(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (depth >= BOUNDS.jsonLdDepth) return null;
  if (Array.isArray(value)) return value.slice(0, BOUNDS.jsonLdArrayItems).map((item) => sanitize(item, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>).slice(0, BOUNDS.jsonLdKeys)) {
      out[bound(key, BOUNDS.metaKey)!] = sanitize(item, depth + 1);
    }
    return out;
  }
  return null;
}

export function extractJsonLd(doc: Document): unknown[] {
  const objects: unknown[] = [];
  let totalBytes = 0;
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json" i]'))) {
    const raw = script.textContent ?? '';
    if (raw.length > BOUNDS.jsonLdScriptChars) continue;
    // Many CMSs wrap the JSON in an XHTML-era CDATA section, which JSON.parse rejects.
    const text = raw.replace(/^\s*(?:\/\/\s*)?<!\[CDATA\[/, '').replace(/(?:\/\/\s*)?\]\]>\s*$/, '');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      continue;
    }
    for (const item of Array.isArray(parsed) ? parsed : [parsed]) {
      if (item === null || typeof item !== 'object') continue;
      if (objects.length >= BOUNDS.jsonLdObjects) return objects;
      const clean = sanitize(item, 0);
      const size = JSON.stringify(clean).length;
      if (totalBytes + size > BOUNDS.jsonLdTotalBytes) continue;
      totalBytes += size;
      objects.push(clean);
    }
  }
  return objects;
}

function nameOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const names = value.map(nameOf).filter((name): name is string => !!name);
    return names.length ? names.join(', ') : null;
  }
  if (value && typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string') {
    return (value as { name: string }).name;
  }
  return null;
}

/** First `key` found in the JSON-LD objects (or their `@graph`), e.g. `author`, `datePublished`. */
export function jsonLdField(objects: unknown[], key: 'author' | 'publisher' | 'datePublished'): string | null {
  const queue = [...objects];
  while (queue.length) {
    const item = queue.shift();
    if (!item || typeof item !== 'object') continue;
    const record = item as Record<string, unknown>;
    if (key in record) {
      const found =
        key !== 'datePublished'
          ? nameOf(record[key])
          : typeof record[key] === 'string'
            ? (record[key] as string)
            : null;
      if (found) return found;
    }
    if (Array.isArray(record['@graph'])) queue.push(...record['@graph']);
  }
  return null;
}

/** The `url` of the first JSON-LD author that gives one (`{"@type":"Person","name":…,"url":…}`). */
export function jsonLdAuthorUrl(objects: unknown[]): string | null {
  const queue = [...objects];
  while (queue.length) {
    const item = queue.shift();
    if (!item || typeof item !== 'object') continue;
    const record = item as Record<string, unknown>;
    for (const author of ([] as unknown[]).concat(record.author ?? [])) {
      const url = author && typeof author === 'object' ? (author as { url?: unknown }).url : null;
      if (typeof url === 'string' && url) return url;
    }
    if (Array.isArray(record['@graph'])) queue.push(...record['@graph']);
  }
  return null;
}
