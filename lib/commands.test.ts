import { describe, expect, it } from 'vitest';
import type { CaptureRequest, CaptureTarget } from './domain/capture-request';
import { CAPTURE_TO_LAST_INCIDENT, handleCommand, type CommandDeps } from './commands';
import type { RecentIncident } from './incidents/recent';
import { DEFAULT_CAPTURE_DEFAULTS } from './settings';

const PAGE = 'https://news.example/story';

function recent(slug: string, connectionId: string): RecentIncident {
  return { connectionId, slug, description: `About ${slug}`, usedAt: '2026-11-27T10:00:00.000Z' };
}

function setup(overrides: Partial<CommandDeps> = {}) {
  const started: CaptureRequest[] = [];
  const chooser: { tabId: number; target: CaptureTarget }[] = [];
  const deps: CommandDeps = {
    startCapture: async (request) => {
      started.push(request);
      return { jobId: 'job-1' };
    },
    getCaptureDefaults: async () => ({ ...DEFAULT_CAPTURE_DEFAULTS, pageArchive: false }),
    getRecentIncidents: async () => [recent('NEWEST', 'gone'), recent('LATEST', 'c1'), recent('OLDER', 'c1')],
    getUsableConnectionIds: async () => new Set(['c1']),
    openChooser: async (tabId, target) => void chooser.push({ tabId, target }),
    getActiveTab: async () => ({ id: 8, url: PAGE }),
    ...overrides,
  };
  return { deps, started, chooser };
}

describe('capture-to-last-incident', () => {
  it('captures the tab’s page to the most recent incident of a usable connection, with the defaults', async () => {
    const { deps, started, chooser } = setup();
    expect(await handleCommand(CAPTURE_TO_LAST_INCIDENT, { id: 3, url: PAGE }, deps)).toEqual({
      kind: 'captured',
      jobId: 'job-1',
    });
    expect(chooser).toEqual([]);
    expect(started).toEqual([
      {
        incident: { connectionId: 'c1', slug: 'LATEST', description: 'About LATEST' },
        tabId: 3,
        target: { kind: 'page', url: PAGE, pageUrl: PAGE },
        options: {
          archive: true,
          viewportScreenshot: true,
          fullPageScreenshot: true,
          pageArchive: false,
          originalMedia: true,
        },
        source: 'command',
      },
    ]);
  });

  it('opens the chooser for the tab when there is no usable recent incident', async () => {
    const { deps, started, chooser } = setup({ getUsableConnectionIds: async () => new Set() });
    expect(await handleCommand(CAPTURE_TO_LAST_INCIDENT, { id: 3, url: PAGE }, deps)).toEqual({ kind: 'chooser' });
    expect(started).toEqual([]);
    expect(chooser).toEqual([{ tabId: 3, target: { kind: 'page', url: PAGE, pageUrl: PAGE } }]);
  });

  it('falls back to the active tab when the browser passes none', async () => {
    const { deps, started } = setup();
    await handleCommand(CAPTURE_TO_LAST_INCIDENT, undefined, deps);
    expect(started[0]!.tabId).toBe(8);
  });

  it('does nothing without a tab it can read', async () => {
    const { deps, started, chooser } = setup({ getActiveTab: async () => ({ id: 8 }) });
    expect(await handleCommand(CAPTURE_TO_LAST_INCIDENT, undefined, deps)).toEqual({
      kind: 'ignored',
      reason: 'no_tab',
    });
    expect(started).toEqual([]);
    expect(chooser).toEqual([]);
  });

  it('ignores commands it does not own', async () => {
    const { deps, started, chooser } = setup();
    expect(await handleCommand('_execute_action', { id: 3, url: PAGE }, deps)).toEqual({
      kind: 'ignored',
      reason: 'unknown_command',
    });
    expect(started).toEqual([]);
    expect(chooser).toEqual([]);
  });
});
