/**
 * Exactly once: when the answer to a create, upload or comment was lost (network error, timeout,
 * reset, 5xx after sending, or a worker killed mid-request), Atlos may or may not have acted.
 * These functions look for what it did before anything is sent again (docs/capture-protocol.md §4).
 */
import type { CaptureClient, SourceMaterial } from './client-port';
import type { JobArtifact } from './job';

/** Clock skew allowed between this browser and the Atlos server. */
export const DEFAULT_SKEW_MS = 5 * 60_000;
const MAX_PAGES = 20;

/** Atlos timestamps are naive UTC with second precision (docs/atlos-api-behaviour.md §4.0). */
export function atlosTimeMs(timestamp: string): number {
  const zoned = /[zZ]|[+-]\d\d:?\d\d$/.test(timestamp) ? timestamp : `${timestamp}Z`;
  return Date.parse(zoned);
}

/** Earliest server time at which something sent at `sentAt` (client clock) can have been stored. */
export function notBefore(sentAt: number, skewMs = DEFAULT_SKEW_MS): number {
  // Seconds are truncated by the server: a record made at sentAt may show up to 1 s earlier.
  return sentAt - skewMs - 1_000;
}

type Signal = { signal?: AbortSignal };

/** The incident's UUID: source material and updates name incidents by UUID, not slug. */
export async function resolveIncidentId(client: CaptureClient, slug: string, opts: Signal = {}): Promise<string | undefined> {
  const wanted = slug.toUpperCase();
  const page = await client.listIncidents({ query: slug }, opts);
  return page.results.find((incident) => incident.slug.toUpperCase() === wanted)?.id;
}

/**
 * A source material of the incident with the URL and upload type, created at or after `since`,
 * that no other job claimed. Newest-first pages are read until they are older than `since`.
 */
export async function findCreatedSourceMaterial(
  client: CaptureClient,
  wanted: {
    incidentId: string;
    url: string;
    uploadType: 'direct' | 'user_provided';
    since: number;
    isClaimedByOther: (id: string) => Promise<boolean>;
  },
  opts: Signal = {},
): Promise<SourceMaterial | undefined> {
  const candidates: SourceMaterial[] = [];
  let cursor: string | undefined;
  for (let pageCount = 0; pageCount < MAX_PAGES; pageCount++) {
    const page = await client.listSourceMaterial({ ...opts, ...(cursor !== undefined ? { cursor } : {}) });
    let reachedOlder = false;
    for (const item of page.results) {
      if (atlosTimeMs(item.inserted_at) < wanted.since) {
        reachedOlder = true;
        continue;
      }
      if (item.incident_id === wanted.incidentId && item.source_url === wanted.url && item.upload_type === wanted.uploadType) {
        candidates.push(item);
      }
    }
    if (reachedOlder || !page.next) break;
    cursor = page.next;
  }
  // Oldest first: the earliest unclaimed creation after our send is the likeliest to be ours.
  for (const candidate of candidates.reverse()) {
    if (!(await wanted.isClaimedByOther(candidate.id))) return candidate;
  }
  return undefined;
}

/** The artifact Atlos holds for `artifact` (same SHA-256 and title), not already matched to another file of the job. */
export function findUploadedArtifact(
  sourceMaterial: SourceMaterial,
  artifact: Pick<JobArtifact, 'sha256' | 'title'>,
  takenIds: ReadonlySet<string>,
) {
  const free = sourceMaterial.artifacts.filter((a) => !takenIds.has(a.id) && a.file_hash_sha256 === artifact.sha256);
  return free.find((a) => a.title === artifact.title) ?? free.find((a) => a.title == null);
}

/**
 * Whether our comment is already on the incident: comments with exactly our text since `since`,
 * minus those claimed by other jobs and those other jobs posted without learning the id.
 * Returns the id of the one to claim, or undefined when ours is not there.
 */
export async function findPostedComment(
  client: CaptureClient,
  wanted: {
    slug: string;
    text: string;
    since: number;
    isClaimedByOther: (id: string) => Promise<boolean>;
    /** Comments with the same text other jobs posted since `since` without knowing their ids. */
    unidentifiedOthers: number;
  },
  opts: Signal = {},
): Promise<string | undefined> {
  const matching: string[] = [];
  let cursor: string | undefined;
  for (let pageCount = 0; pageCount < MAX_PAGES; pageCount++) {
    const page = await client.listUpdates({ slug: wanted.slug }, { ...opts, ...(cursor !== undefined ? { cursor } : {}) });
    let reachedOlder = false;
    for (const update of page.results) {
      if (atlosTimeMs(update.inserted_at) < wanted.since) {
        reachedOlder = true;
        continue;
      }
      if (update.type === 'comment' && update.explanation === wanted.text) matching.push(update.id);
    }
    if (reachedOlder || !page.next) break;
    cursor = page.next;
  }
  const free: string[] = [];
  for (const id of matching.reverse()) if (!(await wanted.isClaimedByOther(id))) free.push(id);
  return free.length > wanted.unidentifiedOthers ? free[0] : undefined;
}
