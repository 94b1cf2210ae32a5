import { describe, expect, it, vi } from 'vitest';
import { createKeepAlive } from './keepalive';
import {
  badgeFor,
  batchIdOfNotification,
  createCaptureNotifier,
  jobIdOfNotification,
  notificationTarget,
  notificationText,
} from './notify';
import { newJob } from './job';
import { captureRequest, collected } from './testing/fixtures';
import { registerCaptureHandlers } from './handlers';

describe('badge and notifications', () => {
  it('badge counts active captures and shows "!" when one needs attention', () => {
    expect(badgeFor({ active: 0, failed: 0 }).text).toBe('');
    expect(badgeFor({ active: 3, failed: 0 }).text).toBe('3');
    expect(badgeFor({ active: 3, failed: 1 }).text).toBe('!');
    expect(badgeFor({ active: 0, failed: 0, incomplete: 1 })).toEqual({ text: '!', color: '#b45309' });
    expect(badgeFor({ active: 2, failed: 0, incomplete: 1 }).text).toBe('2');
  });

  it('a batch is notified once, counting its items: captured, with problems, failed', async () => {
    const created: Array<{ id: string; title: string; message: string }> = [];
    const notifier = createCaptureNotifier(
      {
        setBadgeText: async () => undefined,
        setBadgeBackgroundColor: async () => undefined,
        createNotification: async (id, options) => created.push({ id, ...options }),
      },
      () => 'icon.png',
    );
    const request = captureRequest({ archive: false });
    const jobs = await Promise.all(
      ['complete', 'complete', 'problems', 'failed'].map(async (kind, index) => {
        const capture = await collected(request, ['viewport bytes']);
        if (kind === 'problems') capture.problems.push({ artifact: 'full_page_screenshot', message: 'tab closed' });
        const job = newJob({
          id: `job-${index}`,
          now: Date.now(),
          request: { ...request, options: { ...request.options, fullPageScreenshot: kind === 'problems' } },
          namespace: 'ns',
          collected: capture,
          batch: { id: 'b-1', index, size: 5 },
        });
        const artifacts = job.artifacts.map((a) => ({ ...a, atlosArtifactId: 'x', serverSha256: a.sha256 }));
        return { ...job, artifacts, state: kind === 'failed' ? ('failed' as const) : ('done' as const) };
      }),
    );
    notifier.batchSettled(jobs);
    await Promise.resolve();
    expect(created).toEqual([
      {
        id: 'atlos-capture:batch:b-1',
        type: 'basic',
        iconUrl: 'icon.png',
        title: 'Batch into ABC123 finished',
        message: '2 of 5 captured, 1 with problems, 1 failed. Click to see each item.',
      },
    ]);
    expect(batchIdOfNotification(created[0]!.id)).toBe('b-1');
    expect(jobIdOfNotification(created[0]!.id)).toBeUndefined();
  });

  it('a capture with problems is notified as such, naming what is missing, never as N files saved', async () => {
    const request = captureRequest();
    const capture = await collected(request, ['viewport bytes']);
    capture.problems.push({ artifact: 'full_page_screenshot', message: 'the tab changed' });
    const job = newJob({ id: 'job-2', now: Date.now(), request, namespace: 'ns', collected: capture });
    const artifacts = job.artifacts.map((a) => ({ ...a, atlosArtifactId: 'x', serverSha256: a.sha256 }));
    const text = notificationText({ ...job, artifacts, state: 'done' });
    expect(text.title).toBe('Captured to ABC123 with problems');
    expect(text.message).toBe('Missing: Full-page screenshot. Open the extension to see why.');
    expect(text.message).not.toMatch(/file\(s\) saved/);
  });

  it('notifies done and failed captures with the job’s outcome and nothing else, and clicks lead to the incident or the popup', async () => {
    const created: Array<{ id: string; title: string; message: string }> = [];
    const notifier = createCaptureNotifier(
      {
        setBadgeText: async () => undefined,
        setBadgeBackgroundColor: async () => undefined,
        createNotification: async (id, options) => created.push({ id, ...options }),
      },
      () => 'chrome-extension://x/icon/128.png',
    );
    const request = captureRequest();
    const job = newJob({
      id: 'job-1',
      now: Date.now(),
      request,
      namespace: 'browser_capture',
      collected: await collected(request),
      baseUrl: 'https://atlos.test',
    });
    const verified = job.artifacts.map((a) => ({ ...a, atlosArtifactId: 'x', serverSha256: a.sha256 }));
    notifier.settled({ ...job, artifacts: verified, state: 'done' });
    notifier.settled({
      ...job,
      state: 'failed',
      error: { kind: 'permission', message: 'The API token may not do this on incident ABC123.' },
    });
    // Exact objects: a notification that carried anything more (a page's text, a token) fails here.
    const shown = { id: 'atlos-capture:job-1', type: 'basic', iconUrl: 'chrome-extension://x/icon/128.png' };
    expect(created).toEqual([
      { ...shown, title: 'Captured to ABC123', message: expect.stringMatching(/^2 file\(s\) saved in Atlos/) },
      {
        ...shown,
        title: 'Capture to ABC123 needs attention',
        message: 'The API token may not do this on incident ABC123.',
      },
    ]);
    expect(jobIdOfNotification(created[0]!.id)).toBe('job-1');
    expect(jobIdOfNotification('other')).toBeUndefined();
    expect(notificationTarget({ state: 'done', incidentUrl: 'https://atlos.test/incidents/ABC123' })).toEqual({
      incidentUrl: 'https://atlos.test/incidents/ABC123',
    });
    expect(notificationTarget({ state: 'failed', incidentUrl: 'https://atlos.test/incidents/ABC123' })).toEqual({
      popup: true,
    });
  });
});

describe('keep-alive', () => {
  it('pings every 20 s while work is held and stops when the last holder releases', () => {
    vi.useFakeTimers();
    try {
      const ping = vi.fn(async () => ({}));
      const keepAlive = createKeepAlive({ ping });
      const releaseA = keepAlive.hold();
      const releaseB = keepAlive.hold();
      vi.advanceTimersByTime(41_000);
      expect(ping).toHaveBeenCalledTimes(2);
      releaseA();
      releaseA();
      vi.advanceTimersByTime(20_000);
      expect(ping).toHaveBeenCalledTimes(3);
      releaseB();
      vi.advanceTimersByTime(60_000);
      expect(ping).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('message handlers', () => {
  it('answer the extension pages and refuse anyone else', async () => {
    const handlers = new Map<string, (message: { sender: { url?: string }; data: unknown }) => Promise<unknown>>();
    const engine = {
      startCapture: vi.fn(async () => ({ jobId: 'j1' })),
      listJobs: vi.fn(async () => []),
      retryJob: vi.fn(async () => undefined),
      dismissJob: vi.fn(async () => undefined),
      startBatch: vi.fn(async () => ({ batchId: 'b1', jobIds: ['j2'] })),
      retryBatch: vi.fn(async () => undefined),
    };
    registerCaptureHandlers({
      onMessage: ((name: string, handler: never) => (
        handlers.set(name, handler),
        () => handlers.delete(name)
      )) as never,
      engine,
      inspectTab: async (tabId) => ({ tabId, url: '', title: '', capturable: false, urlOnlyPossible: false }),
      trusted: (sender) => sender.url?.startsWith('chrome-extension://me/') ?? false,
    });
    const page = { url: 'chrome-extension://me/popup.html' };
    await expect(handlers.get('startCapture')!({ sender: page, data: captureRequest() })).resolves.toEqual({
      jobId: 'j1',
    });
    await handlers.get('retryJob')!({ sender: page, data: { jobId: 'j1' } });
    expect(engine.retryJob).toHaveBeenCalledWith('j1');
    await handlers.get('retryBatch')!({ sender: page, data: { batchId: 'b1' } });
    expect(engine.retryBatch).toHaveBeenCalledWith('b1');
    await expect(
      handlers.get('startBatch')!({ sender: { url: 'https://evil.example/' }, data: { items: [] } }),
    ).rejects.toThrow(/Refused/);
    expect(engine.startBatch).not.toHaveBeenCalled();
    await expect(
      handlers.get('startCapture')!({ sender: { url: 'https://evil.example/' }, data: captureRequest() }),
    ).rejects.toThrow(/Refused/);
    expect(engine.startCapture).toHaveBeenCalledTimes(1);
  });
});
