import type { CaptureChoices } from '@/components/CaptureOptions';
import type { ConnectionSummary } from '@/lib/connections/protocol';
import type { RecentIncident } from '@/lib/incidents/recent';
import type { IncidentOption } from '@/lib/incidents/types';

/** What the popup reads from local storage at opening (load.ts). */
export interface Boot {
  connections: ConnectionSummary[];
  recent: RecentIncident[];
  pinned: IncidentOption[];
  choices: CaptureChoices;
  extras: { pageArchive: boolean; originalMedia: boolean };
}
