/**
 * What the picker, the popup and the background exchange about an incident: a small summary,
 * never the whole Atlos incident (no signed artifact URLs, no tokens).
 */
export interface IncidentOption {
  connectionId: string;
  /** Six-character slug as Atlos stores it, e.g. `K7Q2ZP` (legacy `ATL-XXXXXX` kept as is). */
  slug: string;
  projectCode: string;
  projectName: string;
  description: string;
  /** `To Do`, `In Progress`, … ; null when Atlos did not say (fresh creation response). */
  status: string | null;
  /** `<Atlos URL>/incidents/<SLUG>` */
  incidentUrl: string;
  /**
   * Source URLs of the incident's visible source material, kept so the duplicate check can say
   * "already in this incident" without another request. Bounded (see summarize.ts).
   */
  sourceUrls?: string[];
}

export function incidentKey(option: { connectionId: string; slug: string }): string {
  return `${option.connectionId}\u0000${option.slug}`;
}

/** `CODE-SLUG` as the Atlos web UI shows it (legacy `ATL-` slugs already carry a prefix). */
export function displaySlug(option: { slug: string; projectCode?: string | undefined }): string {
  if (!option.projectCode || option.slug.includes('-')) return option.slug;
  return `${option.projectCode}-${option.slug}`;
}
