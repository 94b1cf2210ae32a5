/**
 * Incident slugs as Atlos resolves them (docs/atlos-api-behaviour.md §2.1): split on the first `-`; a prefix other
 * than exactly `ATL` (the legacy stored form `ATL-XXXXXX`) is the project code and is dropped; the
 * rest is upper-cased. Slugs are 6 characters of [0-9A-Z].
 */
export function normalizeSlug(input: string): string {
  const trimmed = input.trim();
  const dash = trimmed.indexOf('-');
  if (dash >= 0 && trimmed.slice(0, dash) !== 'ATL') return trimmed.slice(dash + 1).toUpperCase();
  return trimmed.toUpperCase();
}

export interface IncidentReference {
  slug: string;
  projectCode?: string;
  origin?: string;
}

// Project codes are 1–5 alphanumerics; the web UI shows `<CODE>-<SLUG>`.
const REFERENCE = /^(?:([0-9A-Za-z]{1,5})-)?([0-9A-Za-z]{6})$/;

/**
 * Reads what a person pastes to name an incident: `abc123`, `CIV-ABC123`, `ATL-ABC123` (legacy),
 * or an incident page URL such as `https://platform.atlos.org/incidents/CIV-ABC123/…?…`.
 * Returns null when the text is not recognisably an incident.
 */
export function parseIncidentReference(input: string): IncidentReference | null {
  const text = input.trim();
  if (/^https?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return null;
    }
    const match = /^\/incidents\/([^/]+)/.exec(url.pathname);
    if (!match?.[1]) return null;
    const reference = parseBareReference(decodeURIComponent(match[1]));
    return reference ? { ...reference, origin: url.origin } : null;
  }
  return parseBareReference(text);
}

function parseBareReference(text: string): IncidentReference | null {
  const match = REFERENCE.exec(text);
  if (!match?.[2]) return null;
  const prefix = match[1];
  const slug = match[2].toUpperCase();
  if (prefix === undefined) return { slug };
  // `ATL-` is the legacy stored slug form, looked up literally, not a project code.
  if (prefix === 'ATL') return { slug: `ATL-${slug}` };
  return { slug, projectCode: prefix.toUpperCase() };
}
