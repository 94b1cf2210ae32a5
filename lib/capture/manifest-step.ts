/**
 * The capture job's `manifest` step: once every file is in Atlos, sign the capture manifest, then
 * (if trusted timestamps are on) get its RFC 3161 token. The work is lib/custody/capture-step.ts;
 * this maps the job onto it. Each result is a small file appended to the job, which the upload
 * step sends and hash-checks like any other.
 */
import { i18n } from '#i18n';
import { advanceCustody } from '../custody/capture-step';
import { TimestampError } from '../custody/tsa-client';
import type { CaptureJob } from './job';
import type { StepContext } from './step-context';

/** Signs the manifest, then (if on) gets its timestamp: each becomes a file the upload step sends. */
export async function manifestStep(job: CaptureJob, ctx: StepContext): Promise<CaptureJob> {
  const { collected } = job;
  const describe = (error: unknown) =>
    i18n.t('custody_timestampFailed', [error instanceof Error ? error.message : String(error)]);
  const next = await advanceCustody(
    {
      captureId: job.id,
      clickedAt: collected.capturedAt,
      collectedAt: job.createdAt,
      target: collected.target,
      page: collected.page,
      tool: collected.tool,
      viewport: collected.viewport,
      zoom: collected.zoom ?? null,
      artifacts: job.artifacts,
      problems: collected.problems,
      state: job.custody,
      attempts: job.attempts,
      signal: ctx.signal,
      atlos: {
        instance: ctx.client.baseUrl,
        incidentSlug: job.request.incident.slug,
        incidentId: job.incidentId,
        sourceMaterialId: job.sourceMaterialId,
        archivedSourceMaterialId: job.archivedSourceMaterialId,
      },
      describeFailure: describe,
    },
    ctx.custody,
  ).catch((error: unknown) => {
    // A TSA that did not answer: retried like any step, in words (it gives up on its own, capture-step.ts).
    throw error instanceof TimestampError && !ctx.signal.aborted ? new Error(describe(error)) : error;
  });
  const artifacts = next.append
    ? [...job.artifacts, { ...next.append, blobKey: `${job.id}/${next.append.kind}` }]
    : job.artifacts;
  const saved: CaptureJob = { ...job, artifacts, custody: next.state };
  await ctx.save(saved);
  return saved;
}
