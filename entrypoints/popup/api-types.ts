/** What the popup asks of the extension (api.ts implements it; tests pass a fake). Types only. */
import type { CaptureChoices } from '@/components/CaptureOptions';
import type { JobSummary, TabInspection } from '@/lib/capture/protocol';
import type { ConnectionSummary } from '@/lib/connections/protocol';
import type { CaptureRequest, CaptureTarget } from '@/lib/domain/capture-request';
import type { IncidentActivity } from '@/lib/incidents/activity';
import type { CreateIncidentResult, NewIncidentInput } from '@/lib/incidents/create';
import type { StatusUpdateResult } from '@/lib/incidents/protocol';
import type { RecentIncident } from '@/lib/incidents/recent';
import type { IncidentOption } from '@/lib/incidents/types';
import type { PopupStart } from './shell';

export interface PopupApi {
  tabId(): Promise<number | null>;
  /** What `Choose incident…` was clicked on (link, media, selection); null means the tab's page. */
  chooserTarget(): CaptureTarget | null;
  inspectTab(tabId: number): Promise<TabInspection>;
  /** What the first paint needs, from `storage.local` only (fast; never wakes the background). */
  localData(): Promise<LocalData>;
  /** Incident summaries cached in IndexedDB (up to a few thousand), for completing and matching locally. */
  cachedIncidents(): Promise<IncidentOption[]>;
  search(query: string, signal: AbortSignal): Promise<IncidentOption[]>;
  resolve(input: string): Promise<IncidentOption[]>;
  setPinned(option: IncidentOption, pinned: boolean): Promise<IncidentOption[]>;
  incidentsWithUrl(url: string, connectionId: string, slug: string): Promise<IncidentOption[]>;
  activity(connectionId: string, slug: string): Promise<IncidentActivity>;
  updateStatus(data: {
    connectionId: string;
    slug: string;
    status: string;
    message?: string;
  }): Promise<StatusUpdateResult>;
  createIncident(input: NewIncidentInput): Promise<CreateIncidentResult>;
  saveChoices(choices: CaptureChoices): Promise<void>;
  startCapture(request: CaptureRequest): Promise<{ jobId: string }>;
  listJobs(): Promise<JobSummary[]>;
  retryJob(jobId: string): Promise<void>;
  dismissJob(jobId: string): Promise<void>;
  onJobUpdated(listener: (job: JobSummary) => void): () => void;
  /** Whether the person granted access to all sites (else captures rely on the click's temporary access). */
  allSitesAccess(): Promise<boolean>;
  openOptions(): void;
  optionsUrl(): string;
  /** Keeps the opening state for the next opening's first frame (shell.ts); never blocks, never fails. */
  saveShell(start: PopupStart): void;
}

export interface LocalData {
  /** The connection list as stored (no tokens; the background keeps those in its vault). */
  connections: ConnectionSummary[];
  recent: RecentIncident[];
  pinned: IncidentOption[];
  choices: CaptureChoices & { pageArchive: boolean; originalMedia: boolean };
}
