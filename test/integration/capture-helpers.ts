/**
 * Shared by the capture engine's integration tests: a real Atlos client against the stand-in,
 * a `collect` that returns real PNG and HTML blobs with their real SHA-256, an engine on a fresh
 * IndexedDB (fake-indexeddb) with a fast backoff, and the check that a capture is in Atlos once.
 */
import { expect } from 'vitest';
import { PNG } from 'pngjs';
import { createAtlosClient, type AtlosClient } from '../../lib/atlos/client';
import type { CollectedArtifact, CollectedCapture } from '../../lib/domain/collected-capture';
import { createCaptureEngine } from '../../lib/capture/engine';
import type { CaptureEngineDeps } from '../../lib/capture/engine-types';
import type { CaptureJob } from '../../lib/capture/job';
import { openJobsStore, type JobsStore } from '../../lib/capture/jobs-store';
import type { CaptureRequest } from '../../lib/domain/capture-request';
import type { CaptureMetadata } from '../../lib/metadata/schema';
import type { Standin, StandinState } from '../standin/server';

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Buffer.from(digest).toString('hex');
}

function pngBlob(seed: string): Blob {
  const png = new PNG({ width: 16, height: 8 });
  for (let i = 0; i < png.data.length; i++) png.data[i] = (seed.charCodeAt(i % seed.length) * (i + 7)) & 0xff;
  return new Blob([new Uint8Array(PNG.sync.write(png))], { type: 'image/png' });
}

async function artifact(
  kind: CollectedArtifact['kind'],
  title: string,
  fileName: string,
  blob: Blob,
): Promise<CollectedArtifact> {
  return { kind, title, fileName, mimeType: blob.type, size: blob.size, sha256: await sha256Hex(blob), blob };
}

/** What the artifacts helper's collect would return: two screenshots and an HTML page archive. */
export async function collectReal(request: CaptureRequest): Promise<CollectedCapture> {
  const url = request.target.url;
  const stamp = '2026-11-27 14:03 UTC';
  const html = new Blob([`<!doctype html><title>${url}</title><p>Captured ${url} ${Math.random()}</p>`], {
    type: 'text/html',
  });
  return {
    capturedAt: new Date().toISOString(),
    tool: { name: 'Atlos Capture', version: '0.1.0', browser: 'Node test', user_agent: 'vitest' },
    target: { kind: request.target.kind, url, page_url: request.target.pageUrl },
    page: {
      url,
      title: 'Test page',
      canonical_url: null,
      description: null,
      language: 'en',
      site_name: null,
      author: null,
      published_at: null,
      opengraph: {},
      json_ld: [],
    },
    viewport: { width: 1280, height: 800, device_pixel_ratio: 1, scroll_width: 1280, scroll_height: 2400 },
    selection: null,
    artifacts: [
      await artifact(
        'viewport_screenshot',
        `Visible-area screenshot (browser, ${stamp})`,
        'viewport.png',
        pngBlob(`v${url}${Math.random()}`),
      ),
      await artifact(
        'full_page_screenshot',
        `Full-page screenshot (browser, ${stamp})`,
        'full-page.png',
        pngBlob(`f${url}${Math.random()}`),
      ),
      await artifact('page_archive', `Page archive (HTML, browser, ${stamp})`, 'page.html', html),
    ],
    problems: [],
  };
}

export function captureRequest(
  slug: string,
  url: string,
  options: { archive?: boolean; comment?: string } = {},
): CaptureRequest {
  return {
    incident: { connectionId: 'civ', slug, description: 'Test incident' },
    tabId: 1,
    target: { kind: 'page', url, pageUrl: url },
    options: {
      archive: options.archive ?? true,
      viewportScreenshot: true,
      fullPageScreenshot: true,
      pageArchive: true,
      originalMedia: false,
      ...(options.comment ? { comment: options.comment } : {}),
    },
    source: 'popup',
  };
}

export const fastSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, Math.min(ms, 50));
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

export function standinClient(standin: Standin, token = standin.tokens.civEdit, timeoutMs = 1_500): AtlosClient {
  return createAtlosClient({ baseUrl: standin.url, token, timeoutMs, uploadTimeoutMs: timeoutMs, sleep: fastSleep });
}

let dbCounter = 0;

export async function engineFor(
  standin: Standin,
  overrides: Partial<CaptureEngineDeps> & { token?: () => string } = {},
) {
  const store: JobsStore = await openJobsStore(`capture-int-${++dbCounter}-${Date.now()}`);
  const make = () =>
    createCaptureEngine({
      store,
      getClient: async () => standinClient(standin, overrides.token?.() ?? standin.tokens.civEdit),
      getCaptureDefaults: async () => ({ metadataNamespace: 'browser_capture' }),
      collect: collectReal,
      backoff: { baseMs: 20, capMs: 200 },
      ...overrides,
    });
  return { store, make };
}

/** Atlos holds this capture exactly once: its source material(s), every file once with our hash, the metadata, the comment. */
export function expectInAtlosOnce(state: StandinState, job: CaptureJob, sameUrlJobs = 1) {
  const incident = state.incidents.find((i) => i.slug === job.request.incident.slug)!;
  const sameUrl = state.sourceMaterial.filter(
    (s) => s.incident_id === incident.id && s.source_url === job.request.target.url,
  );
  const byType = (type: string) => sameUrl.filter((s) => s.upload_type === type);
  expect(byType('user_provided'), `user_provided for ${job.request.target.url}`).toHaveLength(sameUrlJobs);
  expect(byType('direct'), `direct for ${job.request.target.url}`).toHaveLength(
    job.request.options.archive ? sameUrlJobs : 0,
  );
  const mine = state.sourceMaterial.find((s) => s.id === job.sourceMaterialId) as any;
  expect(mine.upload_type).toBe('user_provided');
  const hashes = (mine.artifacts as Array<{ file_hash_sha256: string }>).map((a) => a.file_hash_sha256).sort();
  expect(hashes).toEqual(job.artifacts.map((a) => a.sha256).sort());
  const metadata = mine.metadata.browser_capture as CaptureMetadata;
  expect(metadata.schema).toBe('atlos-browser-capture/1');
  expect(metadata.artifacts.map((a) => [a.sha256, a.server_verified])).toEqual(
    job.artifacts.map((a) => [a.sha256, true]),
  );
  expect(metadata.archive).toEqual({
    requested: job.request.options.archive,
    source_material_id: job.archivedSourceMaterialId ?? null,
  });
  if (job.request.options.archive) {
    const archived = state.sourceMaterial.find((s) => s.id === job.archivedSourceMaterialId) as any;
    expect(archived.upload_type).toBe('direct');
    expect(archived.metadata.browser_capture).toBeUndefined();
  }
  const comment = job.request.options.comment;
  if (comment) {
    const comments = state.updates.filter(
      (u) => u.type === 'comment' && u.explanation === comment && u.media_id === incident.id,
    );
    expect(comments, `comment "${comment}"`).toHaveLength(1);
  }
}
