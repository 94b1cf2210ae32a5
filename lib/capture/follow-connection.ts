/**
 * A capture belongs to an Atlos instance and project, not to one connection record: when a
 * connection is removed and the same project connected again (a new connection id), the job
 * follows it, so its evidence is not stranded. Only the same instance origin and the same project
 * id count; a connection whose project is unknown is never taken for another's.
 */
import type { ConnectionSummary } from '../connections/protocol';
import type { CaptureJob } from './job';

export interface JobConnectionRef {
  connectionId: string;
  /** Instance origin recorded on the job at the click. */
  baseUrl?: string;
  /** Project id recorded on the job at the click (null: unknown then). */
  projectId?: string | null;
}

export interface ResolvedConnection {
  connectionId: string;
  baseUrl: string;
  projectId: string | null;
}

export function followConnection(
  connections: readonly ConnectionSummary[],
  ref: JobConnectionRef,
): ResolvedConnection | undefined {
  const resolved = (c: ConnectionSummary): ResolvedConnection => ({
    connectionId: c.id,
    baseUrl: c.baseUrl,
    projectId: c.project?.id ?? null,
  });
  const same = connections.find((c) => c.id === ref.connectionId);
  if (same) return resolved(same);
  if (!ref.baseUrl || !ref.projectId) return undefined;
  const again = connections.find((c) => c.baseUrl === ref.baseUrl && c.project?.id === ref.projectId);
  return again ? resolved(again) : undefined;
}

/** What a job records of its connection: id, instance origin and project. */
export function jobConnectionRef(job: Pick<CaptureJob, 'request' | 'baseUrl' | 'projectId'>): JobConnectionRef {
  return {
    connectionId: job.request.incident.connectionId,
    ...(job.baseUrl ? { baseUrl: job.baseUrl } : {}),
    projectId: job.projectId ?? null,
  };
}
