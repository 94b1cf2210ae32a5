/** Small incident summaries for unit tests. */
import type { IncidentOption } from '../types';

export function option(slug: string, description: string, extra: Partial<IncidentOption> = {}): IncidentOption {
  return {
    connectionId: 'c1',
    slug,
    projectCode: 'CIV',
    projectName: 'Civilian Harm Monitor',
    description,
    status: 'To Do',
    incidentUrl: `https://atlos.test/incidents/${slug}`,
    ...extra,
  };
}
