/**
 * The method record of each artifact kind (how its bytes were made, when, and for media from where),
 * which the signed capture manifest carries (docs/custody.md). Fake browser APIs: testing/collect-fakes.ts.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { collectArtifacts } from './collect';
import { SNAPSHOT_DOM_SCRIPT } from './page-archive';
import { fakeDeps, PNG_DATA_URL, request } from './testing/collect-fakes';

const CLICK = '2026-11-27T14:03:09.500Z';
const scope = globalThis as Record<string, unknown>;

/** Puts bytes where readPagePayload (page-calls.ts) reads them in the page, as the page scripts do. */
function holdInPage(id: string, text: string): { id: string; size: number } {
  const bytes = new TextEncoder().encode(text);
  const store = (scope.__atlosPayloads ??= new Map<string, Uint8Array>()) as Map<string, Uint8Array>;
  store.set(id, bytes);
  return { id, size: bytes.length };
}

beforeEach(() => {
  document.title = 'Fixture';
  document.body.innerHTML = '<p>Hello world, this is the page.</p>';
});

describe('method records', () => {
  it('visible area: captureVisibleTab, made after the click; stitched full page: tiles and scale', async () => {
    const { deps } = fakeDeps();
    const result = await collectArtifacts(request({ viewportScreenshot: true, fullPageScreenshot: true }), deps);
    const [viewport, full] = result.artifacts;
    expect(viewport!.method).toEqual({ name: 'visible_tab_capture' });
    // Three tiles for a 2000 px page in an 800 px viewport (collect.test.ts draws them); 1000 px tiles of 1000 CSS px.
    expect(full!.method).toEqual({ name: 'stitched_tiles', tiles: 3, scale: 1 });
    for (const artifact of result.artifacts) {
      expect(Date.parse(artifact.madeAt!)).toBeGreaterThan(Date.parse(CLICK));
    }
    // The full page is made after the visible area (the fake clock moves with each capture).
    expect(Date.parse(full!.madeAt!)).toBeGreaterThan(Date.parse(viewport!.madeAt!));
  });

  it('Firefox full page: one captureTab rectangle per part, with its scale and part number', async () => {
    const { deps } = fakeDeps({ browserName: 'firefox' });
    const rects: unknown[] = [];
    deps.tabs.captureTab = async (_tabId, options) => (rects.push(options.rect), PNG_DATA_URL);
    const result = await collectArtifacts(request({ fullPageScreenshot: true }), deps);
    expect(result.problems).toEqual([]);
    expect(result.artifacts).toHaveLength(1);
    expect(result.artifacts[0]!.method).toEqual({
      name: 'capture_tab_rect',
      rect: { x: 0, y: 0, width: 1000, height: 2000 },
      scale: 1,
    });
    expect(rects).toEqual([{ x: 0, y: 0, width: 1000, height: 2000 }]);
  });

  it('page archive: MHTML when pageCapture is granted, else the in-page snapshot', async () => {
    const mhtml = await collectArtifacts(request({ pageArchive: true }), fakeDeps().deps);
    expect(mhtml.artifacts[0]).toMatchObject({ mimeType: 'multipart/related', method: { name: 'mhtml' } });

    const { deps } = fakeDeps();
    delete deps.pageCapture;
    const execute = deps.scripting.executeScript.bind(deps.scripting);
    deps.scripting.executeScript = async (injection) => {
      if (injection.files?.[0] === SNAPSHOT_DOM_SCRIPT) {
        scope.__atlosSnapshot = async () => holdInPage('snap', '<!doctype html><p>snapshot</p>');
        return [{ frameId: 0 }];
      }
      return execute(injection);
    };
    const snapshot = await collectArtifacts(request({ pageArchive: true }), deps);
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.artifacts[0]).toMatchObject({ mimeType: 'text/html', method: { name: 'dom_snapshot' } });
    expect(snapshot.artifacts[0]!.madeAt).toMatch(/^2026-11-27T14:03:\d\d\.\d{3}Z$/);
  });

  it('original media fetched by the page: page_fetch with the final URL', async () => {
    const { deps } = fakeDeps();
    const execute = deps.scripting.executeScript.bind(deps.scripting);
    deps.scripting.executeScript = async (injection) => {
      const answer = await execute(injection);
      if (injection.files?.[0] === '/fetch-media.js') {
        (scope.__atlosMedia as { fetch: unknown }).fetch = async () => ({
          ok: true,
          ...holdInPage('media', 'GIF89a-bytes'),
          contentType: 'image/gif',
          finalUrl: 'https://example.org/final/p.gif',
        });
      }
      return answer;
    };
    const media = 'https://example.org/p.gif';
    const result = await collectArtifacts(
      request({ originalMedia: true }, { kind: 'image', url: media, mediaUrl: media }),
      deps,
    );
    expect(result.problems).toEqual([]);
    expect(result.artifacts[0]).toMatchObject({
      method: { name: 'page_fetch' },
      final_url: 'https://example.org/final/p.gif',
    });
  });

  it('original media fetched by the background: background_fetch with the final URL', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 1, 2]);
    const { deps } = fakeDeps({
      hasHostAccess: async () => true,
      fetch: async () => {
        const response = new Response(png, { headers: { 'content-type': 'image/png' } });
        return Object.defineProperty(response, 'url', { value: 'https://cdn.example.org/final.png' });
      },
    });
    const media = 'https://cdn.example.org/photo.png';
    const result = await collectArtifacts(
      request({ originalMedia: true }, { kind: 'image', url: media, mediaUrl: media }),
      deps,
    );
    expect(result.artifacts[0]).toMatchObject({
      method: { name: 'background_fetch' },
      final_url: 'https://cdn.example.org/final.png',
    });
  });

  it('element screenshot in place of media: a visible-area capture cropped to the element box', async () => {
    const { deps } = fakeDeps();
    const media = 'https://cdn.example.org/p.jpg';
    const result = await collectArtifacts(
      request({ originalMedia: true }, { kind: 'image', url: media, mediaUrl: media, frameId: 0 }),
      deps,
    );
    expect(result.artifacts[0]!.method).toEqual({
      name: 'visible_tab_capture',
      crop: { x: 10, y: 20, width: 100, height: 50 },
    });
    expect(result.artifacts[0]!.final_url).toBeUndefined();
  });
});

describe('zoom', () => {
  it('is the tab zoom when the browser says, else null, and never fails the capture', async () => {
    const { deps } = fakeDeps();
    deps.tabs.getZoom = async () => 1.25;
    expect((await collectArtifacts(request(), deps)).zoom).toBe(1.25);
    deps.tabs.getZoom = async () => Promise.reject(new Error('No tab with id: 7'));
    expect((await collectArtifacts(request(), deps)).zoom).toBeNull();
    delete deps.tabs.getZoom;
    expect((await collectArtifacts(request(), deps)).zoom).toBeNull();
  });
});
