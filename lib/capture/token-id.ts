/**
 * The Atlos id of the token a job's connection sends with: what reconciliation recognises as ours
 * (reconcile.ts). Learned from the `upload_version` record of a create whose answer we hold.
 */
import type { CaptureJob } from './job';
import { learnTokenId, sendWindow } from './reconcile';
import type { CaptureClient } from './client-port';
import type { JobsStore } from './jobs-store';

/** The part of a step's context these need (steps.ts passes its own). */
interface TokenContext {
  client: CaptureClient;
  store: Pick<JobsStore, 'tokenId' | 'setTokenId'>;
  signal: AbortSignal;
  skewMs: number;
  requestTimeoutMs: number;
}

/** The token's Atlos id as known before sending (recorded on the in-flight marker). */
export const knownTokenId = (ctx: TokenContext, job: CaptureJob) =>
  ctx.store.tokenId(job.request.incident.connectionId);

/**
 * After a create whose answer we hold: its `upload_version` record names our token. Learned after
 * every create (one request), so a token replaced on the same connection is soon known. Best effort.
 */
export async function rememberTokenId(ctx: TokenContext, job: CaptureJob, sourceMaterialId: string, sentAt: number) {
  try {
    const since = sendWindow(sentAt, ctx.requestTimeoutMs, ctx.skewMs).from;
    const tokenId = await learnTokenId(
      ctx.client,
      { slug: job.request.incident.slug, sourceMaterialId, since },
      { signal: ctx.signal },
    );
    if (tokenId && tokenId !== (await knownTokenId(ctx, job)))
      await ctx.store.setTokenId(job.request.incident.connectionId, tokenId);
  } catch (error) {
    if (ctx.signal.aborted) throw error;
  }
}
