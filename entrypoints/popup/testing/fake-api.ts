/** A fake PopupApi for the popup's component tests: one connected project, one recent incident. */
import { vi } from 'vitest';
import type { JobSummary, TabInspection } from '@/lib/capture/protocol';
import type { ConnectionSummary } from '@/lib/connections/protocol';
import type { IncidentActivity } from '@/lib/incidents/activity';
import { option } from '@/lib/incidents/testing/data';
import type { IncidentOption } from '@/lib/incidents/types';
import type { PopupApi } from '../api';
import type { PopupStart } from '../shell';

export const connection: ConnectionSummary = {
  id: 'c1',
  baseUrl: 'https://atlos.test',
  project: { id: 'p', name: 'Civilian Harm Monitor', code: 'CIV' },
  tokenHint: 'abcd',
  status: 'ok',
  addedAt: '2026-01-01T00:00:00Z',
};
export const lastUsed = option('K7Q2ZP', 'Shelling of the central market', { sourceUrls: [], status: 'In Progress' });
export const recentUse = {
  connectionId: 'c1',
  slug: 'K7Q2ZP',
  projectCode: 'CIV',
  description: 'Shelling of the central',
  usedAt: '2026-01-02T00:00:00Z',
};
export const choices = {
  archive: true,
  viewportScreenshot: true,
  fullPageScreenshot: false,
  pageArchive: true,
  originalMedia: true,
};
export const tab: TabInspection = {
  tabId: 7,
  url: 'https://example.org/post/1',
  title: 'A post',
  capturable: true,
  urlOnlyPossible: true,
};

export function fakeApi(overrides: Partial<PopupApi> = {}) {
  let jobListener: ((job: JobSummary) => void) | null = null;
  const api = {
    tabId: vi.fn(async () => 7),
    inspectTab: vi.fn(async () => tab),
    localData: vi.fn(async () => ({
      connections: [connection],
      recent: [recentUse],
      pinned: [] as IncidentOption[],
      choices,
    })),
    cachedIncidents: vi.fn(async () => [lastUsed]),
    search: vi.fn(async () => []),
    resolve: vi.fn(async () => []),
    setPinned: vi.fn(async (o, pinned: boolean) => (pinned ? [o] : [])),
    incidentsWithUrl: vi.fn(async () => []),
    activity: vi.fn(async (): Promise<IncidentActivity> => ({
      incident: { ...lastUsed, status: 'Help Needed' },
      items: [],
    })),
    updateStatus: vi.fn(),
    createIncident: vi.fn(),
    saveChoices: vi.fn(async () => {}),
    startCapture: vi.fn(async () => ({ jobId: 'job-1' })),
    listJobs: vi.fn(async () => [] as JobSummary[]),
    retryJob: vi.fn(async () => {}),
    dismissJob: vi.fn(async () => {}),
    onJobUpdated: vi.fn((listener: (job: JobSummary) => void) => {
      jobListener = listener;
      return () => {
        jobListener = null;
      };
    }),
    allSitesAccess: vi.fn(async () => true),
    openOptions: vi.fn(),
    optionsUrl: () => 'chrome-extension://x/options.html',
    chooserTarget: () => null,
    saveShell: vi.fn((_start: PopupStart) => {}),
    ...overrides,
  } satisfies PopupApi;
  return { api, emit: (job: JobSummary) => jobListener?.(job) };
}
