/**
 * collectArtifacts with fake browser APIs. Injected functions really run: the fake
 * `executeScript` calls them against the test's (happy-dom) global, as the browser would in the page.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { collectArtifacts } from './collect';
import { fakeDeps, request } from './testing/collect-fakes';
import { sha256Hex } from './hash';
import { MIN_CAPTURE_INTERVAL_MS } from './pacer';

beforeEach(() => {
  document.title = 'Fixture';
  document.body.innerHTML = '<p>Hello world, this is the page.</p>';
});

describe('collectArtifacts', () => {
  it('returns the facts and tool, and nothing when nothing is asked', async () => {
    const { deps } = fakeDeps();
    const result = await collectArtifacts(request(), deps);
    expect(result.capturedAt).toBe('2026-11-27T14:03:09.500Z');
    expect(result.tool).toEqual({
      name: 'Atlos Capture',
      version: '1.2.3',
      browser: 'Chrome 156.0.7632.0',
      user_agent: deps.userAgent,
    });
    expect(result.target).toEqual({ kind: 'page', url: 'https://example.org/a', page_url: 'https://example.org/a' });
    expect(result.page.title).toBe('Fixture');
    expect(result.selection).toBeNull();
    expect(result.artifacts).toEqual([]);
    expect(result.problems).toEqual([]);
  });

  it('takes the visible area and a stitched full page, paced, hiding pinned elements after the first tile, then restores', async () => {
    const { deps, log, captureTimes } = fakeDeps();
    const result = await collectArtifacts(request({ viewportScreenshot: true, fullPageScreenshot: true }), deps);
    expect(result.problems).toEqual([]);
    expect(result.artifacts.map((a) => [a.kind, a.fileName, a.title])).toEqual([
      ['viewport_screenshot', 'visible-area-screenshot.png', 'Visible-area screenshot (browser, 2026-11-27 14:03 UTC)'],
      ['full_page_screenshot', 'full-page-screenshot.png', 'Full-page screenshot (browser, 2026-11-27 14:03 UTC)'],
    ]);
    for (const artifact of result.artifacts) {
      expect(artifact.sha256).toBe(await sha256Hex(artifact.blob));
      expect(artifact.size).toBe(artifact.blob.size);
      expect(artifact.mimeType).toBe('image/png');
    }
    expect(log.filter((l) => l.startsWith('tile ') || l === 'restore')).toEqual([
      'tile 0 hide=false',
      'tile 800 hide=true',
      'tile 1200 hide=true',
      'restore',
    ]);
    expect(log.filter((l) => l.startsWith('draw'))).toEqual([
      'draw 1000x2000 src 0,0 1000x800 → 0,0',
      'draw 1000x2000 src 0,0 1000x800 → 0,800',
      'draw 1000x2000 src 0,400 1000x400 → 0,1600',
    ]);
    expect(captureTimes).toHaveLength(4);
    captureTimes
      .slice(1)
      .forEach((time, i) => expect(time - captureTimes[i]!).toBeGreaterThanOrEqual(MIN_CAPTURE_INTERVAL_MS));
  });

  it('restores the page even when a capture fails, and reports the failure', async () => {
    const { deps, log } = fakeDeps();
    deps.tabs.captureVisibleTab = async () => {
      throw new Error('Tabs cannot be edited right now');
    };
    const result = await collectArtifacts(request({ fullPageScreenshot: true }), deps);
    expect(result.artifacts).toEqual([]);
    expect(result.problems).toEqual([
      {
        artifact: 'full_page_screenshot',
        message: 'The full-page screenshot could not be taken: Tabs cannot be edited right now',
      },
    ]);
    expect(log).toContain('restore');
  });

  it('saves MHTML with form values cleared and restored', async () => {
    const { deps, log } = fakeDeps();
    const result = await collectArtifacts(request({ pageArchive: true }), deps);
    expect(result.artifacts.map((a) => [a.kind, a.fileName, a.mimeType])).toEqual([
      ['page_archive', 'page-archive.mhtml', 'multipart/related'],
    ]);
    expect(log.filter((l) => l.startsWith('forms'))).toEqual(['forms cleared', 'forms restored']);
  });

  it('reports a failed archive instead of dropping it', async () => {
    const { deps, log } = fakeDeps({
      pageCapture: {
        isAllowed: async () => true,
        saveAsMHTML: async () => Promise.reject(new Error('Failed to save MHTML')),
      },
    });
    const result = await collectArtifacts(request({ pageArchive: true }), deps);
    expect(result.artifacts).toEqual([]);
    expect(result.problems).toEqual([
      { artifact: 'page_archive', message: 'The page archive could not be saved: Failed to save MHTML' },
    ]);
    expect(log).toContain('forms restored');
  });

  it('falls back to a labelled element screenshot when the media bytes cannot be had', async () => {
    const { deps, log } = fakeDeps();
    const drawn: string[] = [];
    deps.createCanvas = (width, height) => ({
      drawImage: (_i, sx, sy, sw, sh) => void drawn.push(`${sx},${sy} ${sw}x${sh}`),
      toPng: async () => new Blob([`crop ${width}x${height}`], { type: 'image/png' }),
    });
    const media = 'https://cdn.example.org/p.jpg';
    const result = await collectArtifacts(
      request({ originalMedia: true }, { kind: 'image', url: media, mediaUrl: media, frameId: 0 }),
      deps,
    );
    expect(result.problems).toEqual([
      {
        artifact: 'original_media',
        message:
          'The original file could not be downloaded (from the page: the server answered HTTP 403; the extension has no access to that site to retry).',
      },
    ]);
    expect(result.artifacts).toHaveLength(1);
    expect(result.artifacts[0]).toMatchObject({
      kind: 'original_media',
      fileName: 'element-screenshot-image.png',
      title: 'Element screenshot of the image (browser, 2026-11-27 14:03 UTC)',
      note: 'Element screenshot, not the original file: the original bytes could not be fetched (from the page: the server answered HTTP 403; the extension has no access to that site to retry).',
    });
    // The 1000 px wide capture of a 500 CSS px viewport: scale 2.
    expect(drawn).toEqual(['20,40 200x100']);
    expect(log).toContain('media scroll restored');
  });

  it('uses the original bytes fetched by the background when the page cannot, with the type from the response', async () => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const { deps } = fakeDeps({
      hasHostAccess: async () => true,
      fetch: async (_url, init) => {
        expect(init?.credentials).toBe('include');
        return new Response(bytes, { headers: { 'content-type': 'image/jpeg' } });
      },
    });
    const media = 'https://cdn.example.org/photo';
    const result = await collectArtifacts(
      request({ originalMedia: true }, { kind: 'image', url: media, mediaUrl: media }),
      deps,
    );
    expect(result.problems).toEqual([]);
    const [artifact] = result.artifacts;
    expect(artifact).toMatchObject({
      kind: 'original_media',
      fileName: 'original-image.jpg',
      mimeType: 'image/jpeg',
      size: 7,
    });
    expect(artifact!.sha256).toBe(await sha256Hex(bytes));
  });

  it('refuses media over the size limit from the background too', async () => {
    const { deps } = fakeDeps({
      hasHostAccess: async () => true,
      fetch: async () => new Response(new Uint8Array(5000), { headers: { 'content-type': 'video/mp4' } }),
    });
    const media = 'https://cdn.example.org/v.mp4';
    const result = await collectArtifacts(
      request({ originalMedia: true }, { kind: 'video', url: media, mediaUrl: media }),
      deps,
    );
    expect(result.problems[0]!.message).toContain('larger than the 1000 bytes limit');
    expect(result.artifacts.map((a) => a.fileName)).toEqual(['element-screenshot-video.png']);
  });

  it('keeps the reported selection text when the live selection is gone', async () => {
    const { deps } = fakeDeps();
    const result = await collectArtifacts(request({}, { kind: 'selection', selectionText: 'the page' }), deps);
    expect(result.selection).toEqual({ text: 'the page', prefix: '', suffix: '' });
  });

  it('records only tab facts for an explicit URL-only capture, injecting nothing', async () => {
    const { deps } = fakeDeps();
    let injected = 0;
    deps.scripting.executeScript = async () => (injected++, []);
    const result = await collectArtifacts(
      request({ urlOnly: true, viewportScreenshot: true, pageArchive: true }),
      deps,
    );
    expect(injected).toBe(0);
    expect(result.artifacts).toEqual([]);
    expect(result.problems).toEqual([]);
    expect(result.page).toMatchObject({ url: 'https://example.org/a', title: 'A', json_ld: [] });
  });

  it('reports unreadable page metadata and keeps the tab facts', async () => {
    const { deps } = fakeDeps();
    deps.scripting.executeScript = async () => Promise.reject(new Error('Cannot access contents of the page'));
    const result = await collectArtifacts(request(), deps);
    expect(result.problems).toEqual([
      {
        artifact: 'metadata',
        message:
          'The page details could not be read (only the address and title were recorded): Cannot access contents of the page',
      },
    ]);
    expect(result.page.title).toBe('A');
  });
});
