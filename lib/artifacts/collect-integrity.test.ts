/**
 * collectArtifacts under hostile conditions (fake browser APIs, testing/collect-fakes.ts): the tab
 * changes under the capture, the page never answers, the archive cannot be prepared or is not
 * permitted, a media server answers with something else.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectArtifacts } from './collect';
import { fakeDeps, PNG_DATA_URL, request } from './testing/collect-fakes';
import type { CollectedArtifact } from '../domain/collected-capture';
import { PREPARE_ARCHIVE_SCRIPT, SNAPSHOT_DOM_SCRIPT } from './page-archive';

let originalRoot: HTMLElement;
beforeEach(() => {
  originalRoot = document.documentElement;
  document.title = 'Fixture';
  document.body.innerHTML = '<p>Hello world, this is the page.</p>';
});
afterEach(() => {
  if (document.documentElement !== originalRoot) swapRoot(originalRoot);
});

/** What `document.open()` or a replaced root does to the page: the same window, another root element. */
function swapRoot(root: HTMLElement) {
  document.documentElement.remove();
  document.append(root);
}

const FULL_PAGE_PROBLEM = 'The full-page screenshot could not be taken: ';

describe('the tab stays the tab', () => {
  it('takes the visible area before any page script, and never waits for the page to finish loading', async () => {
    const { deps, log, injections } = fakeDeps();
    await collectArtifacts(request({ viewportScreenshot: true, pageArchive: true }), deps);
    expect(log.indexOf('capture')).toBeLessThan(log.indexOf('inject /extract-page.js'));
    expect(injections.length).toBeGreaterThan(3);
    expect(injections.every((injection) => injection.injectImmediately === true)).toBe(true);
  });

  it('stops the full page when the person switches tabs, keeps no part of it, and restores the page', async () => {
    const { deps, log } = fakeDeps();
    let captures = 0;
    const capture = deps.tabs.captureVisibleTab;
    deps.tabs.captureVisibleTab = async (windowId, options) => (captures++, capture(windowId, options));
    deps.tabs.get = async () => ({
      id: 7,
      windowId: 3,
      url: 'https://example.org/a',
      title: 'A',
      active: captures < 2,
    });
    const result = await collectArtifacts(request({ fullPageScreenshot: true }), deps);
    expect(result.artifacts).toEqual([]);
    expect(result.problems).toEqual([
      {
        artifact: 'full_page_screenshot',
        message: `${FULL_PAGE_PROBLEM}you switched to another tab during the capture; capture again and stay on the tab`,
      },
    ]);
    expect(log).toContain('restore');
  });

  it('stops the visible screenshot when the tab navigates while it is taken', async () => {
    const { deps } = fakeDeps();
    let url = 'https://example.org/a';
    const capture = deps.tabs.captureVisibleTab;
    deps.tabs.captureVisibleTab = async (windowId, options) => (
      (url = 'https://example.org/b'),
      capture(windowId, options)
    );
    deps.tabs.get = async () => ({ id: 7, windowId: 3, url, title: 'A', active: true });
    const result = await collectArtifacts(request({ viewportScreenshot: true }), deps);
    expect(result.artifacts).toEqual([]);
    expect(result.problems[0]!.message).toBe(
      'The visible-area screenshot could not be taken: the page went to another address during the capture; capture again once it has settled',
    );
  });

  it('Firefox: notices a document swapped in place during a rectangle capture (same tab, same URL)', async () => {
    const { deps } = fakeDeps({ browserName: 'firefox' });
    deps.tabs.captureTab = async () => {
      swapRoot(document.createElement('html'));
      return PNG_DATA_URL;
    };
    const result = await collectArtifacts(request({ fullPageScreenshot: true }), deps);
    expect(result.artifacts.filter((a) => a.kind === 'full_page_screenshot')).toEqual([]);
    expect(result.problems).toEqual([
      {
        artifact: 'full_page_screenshot',
        message: `${FULL_PAGE_PROBLEM}the page replaced its content during the capture; capture again once it has settled`,
      },
    ]);
  });

  it('tells the engine of each artifact as soon as it exists', async () => {
    const { deps } = fakeDeps();
    const seen: string[] = [];
    const result = await collectArtifacts(request({ viewportScreenshot: true, pageArchive: true }), deps, {
      onArtifact: (artifact: CollectedArtifact) => seen.push(artifact.kind),
    });
    expect(seen).toEqual(['viewport_screenshot', 'page_archive']);
    expect(result.artifacts.map((a) => a.kind)).toEqual(seen);
  });
});

describe('bounded in time', () => {
  it('a page that never answers costs its metadata, not the visible screenshot', async () => {
    const { deps } = fakeDeps({ limits: { pageCallMs: 30 } });
    const execute = deps.scripting.executeScript;
    deps.scripting.executeScript = async (injection) =>
      injection.files?.[0] === '/extract-page.js' ? new Promise(() => {}) : execute(injection);
    const result = await collectArtifacts(request({ viewportScreenshot: true }), deps);
    expect(result.artifacts.map((a) => a.kind)).toEqual(['viewport_screenshot']);
    expect(result.problems).toEqual([
      {
        artifact: 'metadata',
        message:
          'The page details could not be read (only the address and title were recorded): this step did not finish within 1 seconds',
      },
    ]);
  });

  it('an archive whose frames never answer is not saved (typed text could be in it), and the rest goes on', async () => {
    const { deps, log } = fakeDeps({ limits: { pageCallMs: 30 } });
    const execute = deps.scripting.executeScript;
    deps.scripting.executeScript = async (injection) =>
      injection.target.allFrames && injection.files ? new Promise(() => {}) : execute(injection);
    const result = await collectArtifacts(request({ pageArchive: true, viewportScreenshot: true }), deps);
    expect(result.artifacts.map((a) => a.kind)).toEqual(['viewport_screenshot']);
    expect(result.problems).toEqual([
      {
        artifact: 'page_archive',
        message:
          'The page archive could not be saved: a frame of the page did not answer, so text typed in it could not be left out; to keep it private, no archive was saved',
      },
    ]);
    expect(log).toContain('forms restored');
  });
});

describe('page archive permission (Chrome)', () => {
  it('makes the single-file snapshot instead of MHTML until pageCapture is granted', async () => {
    for (const pageCapture of ['refused', 'absent'] as const) {
      const { deps } = fakeDeps();
      let mhtml = 0;
      if (pageCapture === 'absent') delete deps.pageCapture;
      else deps.pageCapture = { isAllowed: async () => false, saveAsMHTML: async () => (mhtml++, new Blob(['x'])) };
      const injected: string[] = [];
      const execute = deps.scripting.executeScript.bind(deps.scripting);
      deps.scripting.executeScript = async (injection) => (
        injected.push(...(injection.files ?? [])),
        execute(injection)
      );
      await collectArtifacts(request({ pageArchive: true }), deps);
      expect(injected).toContain(SNAPSHOT_DOM_SCRIPT);
      expect(injected).not.toContain(PREPARE_ARCHIVE_SCRIPT);
      expect(mhtml).toBe(0);
    }
  });
});

describe('original media from the background', () => {
  const media = 'https://cdn.other-site.test/photo.png';
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 1, 2]);
  const withUrl = (response: Response, url: string) => (
    Object.defineProperty(response, 'url', { value: url }),
    response
  );

  it('sends no cookies cross-site and records where the bytes came from', async () => {
    let credentials: RequestCredentials | undefined;
    const { deps } = fakeDeps({
      hasHostAccess: async () => true,
      fetch: async (_url, init) => {
        credentials = init?.credentials;
        return withUrl(
          new Response(png, { headers: { 'content-type': 'image/png' } }),
          'https://img.other-site.test/photo.png',
        );
      },
    });
    const result = await collectArtifacts(
      request({ originalMedia: true }, { kind: 'image', url: media, mediaUrl: media }),
      deps,
    );
    expect(credentials).toBe('omit');
    expect(result.artifacts).toHaveLength(1);
    expect(result.artifacts[0]).toMatchObject({
      fileName: 'original-image.png',
      final_url: 'https://img.other-site.test/photo.png',
    });
  });

  it('refuses a redirect to another site and bytes that are not the media kind', async () => {
    for (const [response, reason] of [
      [
        withUrl(new Response(png, { headers: { 'content-type': 'image/png' } }), 'https://private.third.test/me.png'),
        'the server sent it on to another site (private.third.test), so it was not taken',
      ],
      [
        new Response('<!DOCTYPE html><title>Inbox</title>', { headers: { 'content-type': 'image/png' } }),
        'the server did not send the expected kind of file (it sent text/html)',
      ],
    ] as const) {
      const { deps } = fakeDeps({ hasHostAccess: async () => true, fetch: async () => response });
      const result = await collectArtifacts(
        request({ originalMedia: true }, { kind: 'image', url: media, mediaUrl: media }),
        deps,
      );
      expect(result.artifacts.map((a) => a.fileName)).toEqual(['element-screenshot-image.png']);
      expect(result.problems[0]!.message).toContain(`from the extension: ${reason}`);
    }
  });
});
