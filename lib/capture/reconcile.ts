/**
 * Exactly once, and only ever ours: when the answer to a create, upload or comment was lost
 * (network error, timeout, reset, 5xx after sending, or a worker killed mid-request), Atlos may or
 * may not have acted. These functions look for what it did before anything is sent again.
 *
 * Something found is taken as ours only when Atlos's own record says this token made it: the
 * `upload_version` update of a source material, or the comment update, with no user and our
 * token's id. A colleague (another token, or a person in the web app) may add the same URL or
 * the same words at the same moment; when ownership cannot be proven the caller sends again, since
 * a duplicate is recoverable and a colleague's polluted record is not.
 */
import type { CaptureClient, SourceMaterial, Update } from './client-port';
import type { JobArtifact } from './job';

/** Clock skew allowed between this browser and the Atlos server. */
export const DEFAULT_SKEW_MS = 5 * 60_000;
const MAX_PAGES = 20;

/** Atlos timestamps are naive UTC with second precision. */
export function atlosTimeMs(timestamp: string): number {
  const zoned = /[zZ]|[+-]\d\d:?\d\d$/.test(timestamp) ? timestamp : `${timestamp}Z`;
  return Date.parse(zoned);
}

/** When something sent at `sentAt` (client clock) can have been stored, in server time. */
export interface SendWindow {
  from: number;
  to: number;
}

/**
 * [sent − skew, sent + request timeout + skew], widened by a second on each side because the
 * server truncates timestamps to the second.
 */
export function sendWindow(sentAt: number, requestTimeoutMs: number, skewMs = DEFAULT_SKEW_MS): SendWindow {
  return { from: sentAt - skewMs - 1_000, to: sentAt + requestTimeoutMs + skewMs + 1_000 };
}

/** Made through the API by this token: no user, and our token id (any token while it is not known yet). */
export function madeByToken(update: Pick<Update, 'user_id' | 'api_token_id'>, tokenId: string | undefined): boolean {
  if (update.user_id != null || !update.api_token_id) return false;
  return tokenId === undefined || update.api_token_id === tokenId;
}

type Signal = { signal?: AbortSignal };

/** The incident's UUID: source material and updates name incidents by UUID, not slug. */
export async function resolveIncidentId(
  client: CaptureClient,
  slug: string,
  opts: Signal = {},
): Promise<string | undefined> {
  const wanted = slug.toUpperCase();
  const page = await client.listIncidents({ query: slug }, opts);
  return page.results.find((incident) => incident.slug.toUpperCase() === wanted)?.id;
}

/** The incident's updates (newest first) down to `from`. */
async function updatesSince(client: CaptureClient, slug: string, from: number, opts: Signal): Promise<Update[]> {
  const found: Update[] = [];
  let cursor: string | undefined;
  for (let pageCount = 0; pageCount < MAX_PAGES; pageCount++) {
    const page = await client.listUpdates({ slug }, { ...opts, ...(cursor !== undefined ? { cursor } : {}) });
    found.push(...page.results.filter((u) => atlosTimeMs(u.inserted_at) >= from));
    if (page.results.some((u) => atlosTimeMs(u.inserted_at) < from) || !page.next) break;
    cursor = page.next;
  }
  return found;
}

/**
 * The id of the token that created `sourceMaterialId`, from its `upload_version` update. Called
 * right after a create whose answer we hold, so that record is certainly ours.
 */
export async function learnTokenId(
  client: CaptureClient,
  wanted: { slug: string; sourceMaterialId: string; since: number },
  opts: Signal = {},
): Promise<string | undefined> {
  const updates = await updatesSince(client, wanted.slug, wanted.since, opts);
  const record = updates.find((u) => u.type === 'upload_version' && u.media_version_id === wanted.sourceMaterialId);
  return record && record.user_id == null && record.api_token_id ? record.api_token_id : undefined;
}

/**
 * A source material of the incident with the URL and upload type, created inside the send window
 * by this token (its `upload_version` update proves it), that no other job claimed.
 */
export async function findCreatedSourceMaterial(
  client: CaptureClient,
  wanted: {
    incidentId: string;
    slug: string;
    url: string;
    uploadType: 'direct' | 'user_provided';
    window: SendWindow;
    /** Our token's id, once learned; until then any token's creation counts, never a person's. */
    tokenId?: string;
    isClaimedByOther: (id: string) => Promise<boolean>;
  },
  opts: Signal = {},
): Promise<SourceMaterial | undefined> {
  const { from, to } = wanted.window;
  const candidates: SourceMaterial[] = [];
  let cursor: string | undefined;
  for (let pageCount = 0; pageCount < MAX_PAGES; pageCount++) {
    const page = await client.listSourceMaterial({ ...opts, ...(cursor !== undefined ? { cursor } : {}) });
    let reachedOlder = false;
    for (const item of page.results) {
      const at = atlosTimeMs(item.inserted_at);
      if (at < from) reachedOlder = true;
      else if (
        at <= to &&
        item.incident_id === wanted.incidentId &&
        item.source_url === wanted.url &&
        item.upload_type === wanted.uploadType
      ) {
        candidates.push(item);
      }
    }
    if (reachedOlder || !page.next) break;
    cursor = page.next;
  }
  if (candidates.length === 0) return undefined;
  const records = await updatesSince(client, wanted.slug, from, opts);
  const ours = (candidate: SourceMaterial) =>
    records.some(
      (u) => u.type === 'upload_version' && u.media_version_id === candidate.id && madeByToken(u, wanted.tokenId),
    );
  // Oldest first: the earliest of our unclaimed creations after the send is the likeliest to be this one.
  for (const candidate of candidates.reverse()) {
    if (ours(candidate) && !(await wanted.isClaimedByOther(candidate.id))) return candidate;
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
 * Whether our comment is already on the incident: comments this token posted inside the send
 * window with exactly our text (a person's comment with the same words is not ours), minus those
 * claimed by other jobs and those other jobs posted without learning the id.
 * Returns the id of the one to claim, or undefined when ours is not there.
 */
export async function findPostedComment(
  client: CaptureClient,
  wanted: {
    slug: string;
    text: string;
    window: SendWindow;
    tokenId?: string;
    isClaimedByOther: (id: string) => Promise<boolean>;
    /** Comments with the same text other jobs posted in the window without knowing their ids. */
    unidentifiedOthers: number;
  },
  opts: Signal = {},
): Promise<string | undefined> {
  const updates = await updatesSince(client, wanted.slug, wanted.window.from, opts);
  const matching = updates
    .filter((u) => atlosTimeMs(u.inserted_at) <= wanted.window.to)
    .filter((u) => u.type === 'comment' && u.explanation === wanted.text && madeByToken(u, wanted.tokenId))
    .map((u) => u.id);
  const free: string[] = [];
  for (const id of matching.reverse()) if (!(await wanted.isClaimedByOther(id))) free.push(id);
  return free.length > wanted.unidentifiedOthers ? free[0] : undefined;
}
