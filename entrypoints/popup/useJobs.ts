/** Capture jobs as the engine reports them: the list on open, then live `jobUpdated` messages. */
import { useEffect, useState } from 'preact/hooks';
import type { JobSummary } from '@/lib/capture/protocol';
import type { PopupApi } from './api-types';

/** `ready`: read the list only once the popup's first paint is done (live messages are heard from the start). */
export function useJobs(api: PopupApi, ready = true) {
  const [jobs, setJobs] = useState<JobSummary[]>([]);

  useEffect(() => {
    const unlisten = api.onJobUpdated((job) =>
      setJobs((list) =>
        list.some((j) => j.id === job.id) ? list.map((j) => (j.id === job.id ? job : j)) : [job, ...list],
      ),
    );
    return unlisten;
  }, [api]);
  useEffect(() => {
    if (ready) void refresh();
  }, [api, ready]);

  /** Reads the list again, keeping any newer state a live message already brought. */
  async function refresh(): Promise<void> {
    const list = await api.listJobs().catch(() => null);
    if (list)
      setJobs((known) => list.map((job) => known.find((k) => k.id === job.id && k.updatedAt > job.updatedAt) ?? job));
  }

  const dismiss = (jobId: string) => {
    setJobs((list) => list.filter((j) => j.id !== jobId));
    void api.dismissJob(jobId).catch(() => undefined);
  };

  return { jobs, refresh, dismiss };
}
