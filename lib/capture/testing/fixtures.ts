/** Test fixtures for the capture engine: a capture request, collected artifacts with real SHA-256, a fake clock. */
import type { CollectedArtifact, CollectedCapture } from '@/lib/domain/collected-capture';
import type { CaptureRequest } from '@/lib/domain/capture-request';

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function captureRequest(
  overrides: {
    slug?: string;
    url?: string;
    archive?: boolean;
    comment?: string;
    connectionId?: string;
  } = {},
): CaptureRequest {
  const url = overrides.url ?? 'https://news.example/story/1';
  return {
    incident: {
      connectionId: overrides.connectionId ?? 'conn-1',
      slug: overrides.slug ?? 'ABC123',
      description: 'Shelling near the bridge',
    },
    tabId: 7,
    target: { kind: 'page', url, pageUrl: url },
    options: {
      archive: overrides.archive ?? true,
      viewportScreenshot: true,
      fullPageScreenshot: true,
      pageArchive: false,
      originalMedia: false,
      ...(overrides.comment !== undefined ? { comment: overrides.comment } : {}),
    },
    source: 'popup',
  };
}

export async function artifact(
  kind: CollectedArtifact['kind'],
  text: string,
  mimeType = 'image/png',
): Promise<CollectedArtifact> {
  const blob = new Blob([text], { type: mimeType });
  const titles: Record<CollectedArtifact['kind'], string> = {
    viewport_screenshot: 'Visible-area screenshot (browser, 2026-11-27 14:03 UTC)',
    full_page_screenshot: 'Full-page screenshot (browser, 2026-11-27 14:03 UTC)',
    page_archive: 'Page archive (HTML, browser, 2026-11-27 14:03 UTC)',
    original_media: 'Original image (browser, 2026-11-27 14:03 UTC)',
  };
  const extension = mimeType === 'text/html' ? 'html' : 'png';
  return {
    kind,
    title: titles[kind],
    fileName: `${kind}.${extension}`,
    mimeType,
    size: blob.size,
    sha256: await sha256Hex(blob),
    blob,
  };
}

export async function collected(
  request: CaptureRequest,
  texts: string[] = ['viewport bytes', 'full page bytes'],
): Promise<CollectedCapture> {
  const kinds: CollectedArtifact['kind'][] = [
    'viewport_screenshot',
    'full_page_screenshot',
    'page_archive',
    'original_media',
  ];
  return {
    capturedAt: '2026-11-27T14:03:00.000Z',
    tool: { name: 'Atlos Capture', version: '0.1.0', browser: 'Chromium 156', user_agent: 'test' },
    target: { kind: request.target.kind, url: request.target.url, page_url: request.target.pageUrl },
    page: {
      url: request.target.pageUrl,
      title: 'Story',
      canonical_url: null,
      description: null,
      language: 'en',
      site_name: null,
      author: null,
      published_at: null,
      opengraph: {},
      json_ld: [],
    },
    viewport: { width: 1280, height: 800, device_pixel_ratio: 1, scroll_width: 1280, scroll_height: 3000 },
    selection: null,
    artifacts: await Promise.all(texts.map((t, i) => artifact(kinds[i % kinds.length]!, `${t} ${request.target.url}`))),
    problems: [],
  };
}

/** A clock that only moves when told to, or when the engine sleeps. */
export function fakeClock(start = Date.parse('2026-11-27T14:03:00Z')) {
  let time = start;
  const slept: number[] = [];
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
    slept,
    /** Sleeps "instantly": moves the clock and yields to other tasks. */
    sleep: async (ms: number, signal: AbortSignal) => {
      slept.push(ms);
      time += ms;
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (signal.aborted) throw signal.reason;
    },
  };
}
