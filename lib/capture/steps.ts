/**
 * One step of a capture job against Atlos: create the archived (`direct`) source material, create
 * the browser's (`user_provided`) one, upload a file, write the metadata, post the comment.
 * Each saves the job before sending anything that is not idempotent (the `inFlight` marker) and
 * after the answer, so a lost answer is reconciled (reconcile.ts) instead of sent twice.
 *
 * Over a screen on purpose: every step's in-flight marker and reconciliation is visible side by
 * side, which is what a reviewer of exactly-once delivery needs to read (docs/capture-protocol.md).
 */
import { i18n } from '#i18n';
import { fromBase64 } from '../custody/bytes';
import { CUSTODY_KINDS, custodySummary } from '../custody/capture-step';
import { buildCaptureMetadata } from '../metadata/schema';
import { CaptureError, isDefinitiveRefusal } from './failure';
import { incidentKey, sourceMaterialKey } from './incident-queue';
import { commentOf, currentStep, type CaptureJob } from './job';
import { manifestStep } from './manifest-step';
import type { StepContext } from './step-context';
import {
  findCreatedSourceMaterial,
  findPostedComment,
  findUploadedArtifact,
  resolveIncidentId,
  sendWindow,
} from './reconcile';
import { knownTokenId, rememberTokenId } from './token-id';

type MetadataArtifact = Parameters<typeof buildCaptureMetadata>[0]['collected']['artifacts'][number];

export const smClaim = (id: string) => `source-material:${id}`;
export const commentClaim = (id: string) => `comment:${id}`;

/** Runs the job's current step and returns the job as saved after it. */
export async function runStep(job: CaptureJob, ctx: StepContext): Promise<CaptureJob> {
  switch (currentStep(job)) {
    case 'create_archived':
      return createStep(job, ctx, true);
    case 'create':
      return createStep(job, ctx, false);
    case 'upload':
      return uploadStep(job, ctx);
    case 'manifest':
      return manifestStep(job, ctx);
    case 'metadata':
      return metadataStep(job, ctx);
    case 'comment':
      return commentStep(job, ctx);
    default:
      return job;
  }
}

async function save(ctx: StepContext, job: CaptureJob, claims?: string[]): Promise<CaptureJob> {
  await ctx.save(job, claims);
  return job;
}

/** Sends a non-idempotent request with the in-flight marker saved before and cleared on a refusal. */
async function sendMarked<T>(
  ctx: StepContext,
  job: CaptureJob,
  marker: NonNullable<CaptureJob['inFlight']>,
  send: () => Promise<T>,
): Promise<{ job: CaptureJob; answer: T }> {
  const marked = await save(ctx, { ...job, inFlight: marker });
  try {
    return { job: marked, answer: await send() };
  } catch (error) {
    // Atlos refused it: nothing was created, so a later Retry need not reconcile.
    if (isDefinitiveRefusal(error)) await save(ctx, withoutInFlight(marked));
    throw error;
  }
}

function withoutInFlight(job: CaptureJob): CaptureJob {
  const { inFlight: _inFlight, ...rest } = job;
  return rest;
}

const isClaimedByOther = (ctx: StepContext, job: CaptureJob, key: (id: string) => string) => async (id: string) => {
  const owner = await ctx.store.claimOwner(key(id));
  return owner !== undefined && owner !== job.id;
};

async function createStep(job: CaptureJob, ctx: StepContext, archived: boolean): Promise<CaptureJob> {
  const op = archived ? 'create_archived' : 'create';
  const { slug } = job.request.incident;
  const url = job.request.target.url;
  const adopt = (current: CaptureJob, id: string, incidentId: string) =>
    save(
      ctx,
      {
        ...withoutInFlight(current),
        incidentId,
        ...(archived ? { archivedSourceMaterialId: id } : { sourceMaterialId: id }),
      },
      [smClaim(id)],
    );

  return ctx.queue.run(incidentKey(ctx.client.baseUrl, slug), async () => {
    if (job.inFlight?.op === op) {
      const incidentId = job.incidentId ?? (await resolveIncidentId(ctx.client, slug, { signal: ctx.signal }));
      const tokenId = job.inFlight.tokenId ?? (await knownTokenId(ctx, job));
      if (incidentId) {
        const found = await findCreatedSourceMaterial(
          ctx.client,
          {
            incidentId,
            slug,
            url,
            uploadType: archived ? 'direct' : 'user_provided',
            window: sendWindow(job.inFlight.sentAt, ctx.requestTimeoutMs, ctx.skewMs),
            ...(tokenId ? { tokenId } : {}),
            isClaimedByOther: isClaimedByOther(ctx, job, smClaim),
          },
          { signal: ctx.signal },
        );
        if (found) return adopt(job, found.id, found.incident_id);
      }
      // Not provably ours (or not there): send again; a duplicate is recoverable, adopting a colleague's is not.
    }
    const tokenId = await knownTokenId(ctx, job);
    const sentAt = ctx.now();
    const sent = await sendMarked(ctx, job, { op, sentAt, ...(tokenId ? { tokenId } : {}) }, () =>
      ctx.client.createSourceMaterial(slug, { url, archive: archived }, { signal: ctx.signal }),
    );
    const adopted = await adopt(sent.job, sent.answer.id, sent.answer.incident_id);
    await rememberTokenId(ctx, adopted, sent.answer.id, sentAt);
    return adopted;
  });
}

async function uploadStep(job: CaptureJob, ctx: StepContext): Promise<CaptureJob> {
  const index = job.artifacts.findIndex((a) => !a.atlosArtifactId);
  const artifact = job.artifacts[index]!;
  const sourceMaterialId = job.sourceMaterialId!;
  const taken = new Set(job.artifacts.flatMap((a) => (a.atlosArtifactId ? [a.atlosArtifactId] : [])));
  const record = (current: CaptureJob, found: { id: string; file_hash_sha256?: string | null }) => {
    const artifacts = current.artifacts.slice();
    artifacts[index] = {
      ...artifact,
      atlosArtifactId: found.id,
      ...(found.file_hash_sha256 ? { serverSha256: found.file_hash_sha256 } : {}),
    };
    return save(ctx, { ...withoutInFlight(current), artifacts });
  };

  const limited = <T>(work: () => Promise<T>) => (ctx.uploads ? ctx.uploads.run(ctx.client.baseUrl, work) : work());
  return limited(() =>
    ctx.queue.run(sourceMaterialKey(sourceMaterialId), async () => {
      if (job.inFlight?.op === 'upload' && job.inFlight.index === index) {
        const current = await ctx.client.getSourceMaterial(sourceMaterialId, { signal: ctx.signal });
        const found = findUploadedArtifact(current, artifact, taken);
        if (found) return record(job, found);
      }
      const blob = artifact.inline
        ? new Blob([fromBase64(artifact.inline)], { type: artifact.mimeType })
        : await ctx.store.blob(artifact.blobKey);
      if (!blob) throw new CaptureError('blob_missing', i18n.t('capture_error_blobMissing', [artifact.title]));
      const sent = await sendMarked(ctx, job, { op: 'upload', index, sentAt: ctx.now() }, () =>
        ctx.client.uploadFile(
          sourceMaterialId,
          { blob, fileName: artifact.fileName, title: artifact.title },
          { signal: ctx.signal },
        ),
      );
      const found = findUploadedArtifact(sent.answer, artifact, taken);
      if (found) return record(sent.job, found);
      // Atlos answered without a file of our hash. A new file with our title but another hash
      // means the bytes changed on the way: an error, never silently accepted.
      await save(ctx, withoutInFlight(sent.job));
      const suspect = sent.answer.artifacts.filter((a) => !taken.has(a.id) && a.title === artifact.title).at(-1);
      if (suspect) throw new CaptureError('hash_mismatch', i18n.t('capture_error_hashMismatch', [artifact.title]));
      throw new CaptureError('upload_missing', i18n.t('capture_error_uploadMissing', [artifact.title]), true);
    }),
  );
}

async function metadataStep(job: CaptureJob, ctx: StepContext): Promise<CaptureJob> {
  const sourceMaterialId = job.sourceMaterialId!;
  const verified = new Set(job.artifacts.filter((a) => a.serverSha256 === a.sha256).map((a) => a.sha256));
  const summary = custodySummary(job.custody);
  const metadata = buildCaptureMetadata({
    collected: {
      ...job.collected,
      artifacts: job.artifacts.filter((a) => !CUSTODY_KINDS.has(a.kind)) as MetadataArtifact[],
    },
    serverHashes: verified,
    archive: { requested: job.request.options.archive, sourceMaterialId: job.archivedSourceMaterialId ?? null },
    ...(summary ? { manifest: summary } : {}),
    laterProblems: job.custody?.problem ? [{ artifact: 'capture_timestamp', message: job.custody.problem }] : [],
  });
  return ctx.queue.run(sourceMaterialKey(sourceMaterialId), async () => {
    // Replaces the whole namespace: repeating it is harmless, so no reconciliation is needed.
    await ctx.client.setMetadata(sourceMaterialId, job.namespace, metadata, { signal: ctx.signal });
    return save(ctx, { ...job, metadataWritten: true });
  });
}

async function commentStep(job: CaptureJob, ctx: StepContext): Promise<CaptureJob> {
  const text = commentOf(job)!;
  const { slug, connectionId } = job.request.incident;
  const lookup = async (current: CaptureJob, sentAt: number, tokenId: string | undefined) => {
    const window = sendWindow(sentAt, ctx.requestTimeoutMs, ctx.skewMs);
    return findPostedComment(
      ctx.client,
      {
        slug,
        text,
        window,
        ...(tokenId ? { tokenId } : {}),
        unidentifiedOthers: await unidentified(window.from),
        isClaimedByOther: isClaimedByOther(ctx, current, commentClaim),
      },
      { signal: ctx.signal },
    );
  };
  const unidentified = async (since: number) =>
    (await ctx.store.all()).filter(
      (other) =>
        other.id !== job.id &&
        other.request.incident.connectionId === connectionId &&
        other.request.incident.slug === slug &&
        commentOf(other) === text &&
        other.commentPosted &&
        !other.commentUpdateId &&
        (other.commentPostedAt ?? 0) >= since,
    ).length;

  return ctx.queue.run(incidentKey(ctx.client.baseUrl, slug), async () => {
    if (job.inFlight?.op === 'comment') {
      const tokenId = job.inFlight.tokenId ?? (await knownTokenId(ctx, job));
      const id = await lookup(job, job.inFlight.sentAt, tokenId);
      if (id)
        return save(ctx, { ...withoutInFlight(job), commentPosted: true, commentUpdateId: id }, [commentClaim(id)]);
    }
    const tokenId = await knownTokenId(ctx, job);
    const sentAt = ctx.now();
    const sent = await sendMarked(ctx, job, { op: 'comment', sentAt, ...(tokenId ? { tokenId } : {}) }, () =>
      ctx.client.addComment(slug, text, { signal: ctx.signal }),
    );
    const posted = await save(ctx, { ...withoutInFlight(sent.job), commentPosted: true, commentPostedAt: sentAt });
    // Learn the comment's id while this incident's queue is still ours, so another job's
    // reconciliation cannot take it for its own. Best effort: without it, others count it instead.
    try {
      const id = await lookup(posted, sentAt, tokenId);
      if (id) return await save(ctx, { ...posted, commentUpdateId: id }, [commentClaim(id)]);
    } catch (error) {
      if (ctx.signal.aborted) throw error;
    }
    return posted;
  });
}
