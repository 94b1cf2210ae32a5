/**
 * Shared by the context-menu end-to-end tests (menus.spec.ts dispatches clicks, menus.headed.spec.ts
 * right-clicks for real): a fixture page with a heading, a selectable quote, a link and an image
 * whose "CDN" path answers only with the page's session cookie, plus stand-in helpers.
 */
import { createHash, randomBytes } from 'node:crypto';
import { PNG } from 'pngjs';
import type { Page, Worker } from '@playwright/test';
import type { FixtureServer } from '../fixtures/server.ts';
import type { StateSourceMaterial } from '../standin/server.ts';
import { expect, type Standin } from './fixtures.ts';
import { connectProject } from './helpers/connect.ts';
import { withoutCustodyFiles } from '../support/custody-files.ts';

export const NAMESPACE = 'browser_capture';
export const QUOTE = 'Witnesses saw the convoy at noon.';

/** A 240×160 gradient PNG, generated so its bytes (and hash) are known to the test alone. */
export function makePhoto(): { bytes: Buffer; sha256: string } {
  const png = new PNG({ width: 240, height: 160 });
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      png.data[i] = x;
      png.data[i + 1] = y;
      png.data[i + 2] = (x * y) % 256;
      png.data[i + 3] = 255;
    }
  }
  const bytes = PNG.sync.write(png);
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

export interface MenusPage {
  pageUrl: string;
  linkUrl: string;
  photoUrl: string;
  photo: { bytes: Buffer; sha256: string };
  /** Requests for the photo: how many carried the session cookie and how many were refused. */
  photoRequests: { withCookie: number; refused: number };
}

/** Installs the fixture page's routes on the fixture server (dynamic routes, so nothing on disk). */
export function serveMenusPage(server: FixtureServer): MenusPage {
  const session = randomBytes(12).toString('hex');
  const photo = makePhoto();
  const photoRequests = { withCookie: 0, refused: 0 };
  const page: MenusPage = {
    pageUrl: `${server.url}/menus/story.html`,
    linkUrl: `${server.url}/menus/full-report.html`,
    photoUrl: `${server.url}/menus/cdn/photo.png`,
    photo,
    photoRequests,
  };
  server.route('/menus/story.html', (_req, res) => {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'set-cookie': `cdn_session=${session}; Path=/; HttpOnly; SameSite=Lax`,
    });
    res.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Convoy seen at the market</title>
<meta name="description" content="Fixture page for context-menu captures."></head>
<body style="margin:0;padding:16px 24px;font:20px/1.5 sans-serif">
<h1 id="headline" style="margin:0 0 12px">Convoy seen at the market</h1>
<p id="quote">Earlier reports were vague. <span id="selected">${QUOTE}</span> Officials declined to comment.</p>
<p style="margin:12px 0"><a id="report-link" href="/menus/full-report.html" style="font-size:32px">Read the full report</a></p>
<img id="photo" src="/menus/cdn/photo.png" width="240" height="160" alt="Market photo">
<div id="blank" style="height:240px"></div>
</body></html>`);
  });
  server.route('/menus/full-report.html', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Full report</title><h1>Full report</h1>');
  });
  // The "CDN": original bytes only for a request carrying the page's session cookie.
  server.route('/menus/cdn/photo.png', (req, res) => {
    if (!(req.headers.cookie ?? '').split(/;\s*/).includes(`cdn_session=${session}`)) {
      photoRequests.refused += 1;
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end('session cookie required');
      return;
    }
    photoRequests.withCookie += 1;
    res.writeHead(200, {
      'content-type': 'image/png',
      'content-length': photo.bytes.length,
      'cache-control': 'no-store',
    });
    res.end(photo.bytes);
  });
  return page;
}

/** The id the extension gave the only connection, read from its storage. */
export async function onlyConnectionId(worker: Worker): Promise<string> {
  const { connections } = await worker.evaluate(() => (globalThis as any).chrome.storage.local.get('connections'));
  if (!Array.isArray(connections) || connections.length !== 1)
    throw new Error(`expected one connection, got ${JSON.stringify(connections)}`);
  return connections[0].id as string;
}

/** Makes `slug` the most recently used incident, as a finished popup capture would. */
export async function useIncident(
  worker: Worker,
  incident: { connectionId: string; slug: string; description?: string },
) {
  await worker.evaluate(
    async (entry) => {
      const chrome = (globalThis as any).chrome;
      const { recentIncidents = [] } = await chrome.storage.local.get('recentIncidents');
      const rest = recentIncidents.filter(
        (r: any) => !(r.connectionId === entry.connectionId && r.slug === entry.slug),
      );
      await chrome.storage.local.set({ recentIncidents: [entry, ...rest], recentIncidents$: { v: 1 } });
    },
    { ...incident, usedAt: new Date().toISOString() },
  );
}

/** A source material as the stand-in holds it, its metadata loosely typed for reading namespaces. */
export type SourceMaterial = Omit<StateSourceMaterial, 'metadata'> & { metadata: Record<string, any> };

/**
 * Connects the stand-in's CIV project through the options page, makes its `slugIndex`-th incident
 * the most recent one and serves the menus page. Opening the page is left to the test (the headed
 * one reuses the window's first tab).
 */
export async function connectWithRecentIncident(
  {
    worker,
    standin,
    fixtureServer,
    openOptions,
  }: { worker: Worker; standin: Standin; fixtureServer: FixtureServer; openOptions: () => Promise<Page> },
  slugIndex: number,
): Promise<{ connectionId: string; slug: string; fixture: MenusPage }> {
  const options = await openOptions();
  await connectProject(options, { url: standin.url, token: standin.tokens.civEdit });
  await options.close();
  const connectionId = await onlyConnectionId(worker);
  const slug = standin.known.civSlugs[slugIndex]!;
  await useIncident(worker, { connectionId, slug, description: 'Convoy at the market' });
  return { connectionId, slug, fixture: serveMenusPage(fixtureServer) };
}

/** Waits until the source material holding the browser's files for `url` has its metadata written. */
export async function waitForBrowserCapture(
  standin: Standin,
  url: string,
  timeoutMs = 90_000,
): Promise<SourceMaterial> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (standin.control.state().sourceMaterial as SourceMaterial[]).filter(
      (sm) => sm.source_url === url && sm.metadata?.[NAMESPACE],
    );
    if (found.length) {
      if (found.length > 1) throw new Error(`${found.length} browser captures of ${url}: expected exactly one`);
      return found[0]!;
    }
    if (Date.now() > deadline) {
      const urls = standin.control.state().sourceMaterial.map((sm) => sm.source_url);
      throw new Error(
        `no browser capture of ${url} within ${timeoutMs} ms; source URLs: ${JSON.stringify(urls.slice(-10))}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Downloads an artifact from the stand-in and hashes its bytes. */
export async function sha256OfArtifact(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return createHash('sha256')
    .update(Buffer.from(await response.arrayBuffer()))
    .digest('hex');
}

/** The incident's slug, for checking which incident a source material landed on. */
export function slugOfIncident(standin: Standin, incidentId: string): string | undefined {
  return standin.control.state().incidents.find((i) => i.id === incidentId)?.slug;
}

/** A selection capture: the page URL with the quoted text and the words around it, and its files. */
export async function expectSelectionCapture(sm: SourceMaterial, fixture: MenusPage) {
  const metadata = sm.metadata[NAMESPACE];
  expect(metadata.target).toMatchObject({ kind: 'selection', url: fixture.pageUrl });
  expect(metadata.selection.text).toBe(QUOTE);
  expect(metadata.selection.prefix).toContain('Earlier reports were vague.');
  expect(metadata.selection.suffix).toContain('Officials declined');
  await expectFilesMatchMetadata(sm);
}

/** Every artifact listed in the metadata was uploaded with exactly that SHA-256, and the bytes match. */
export async function expectFilesMatchMetadata(sm: SourceMaterial) {
  const listed = sm.metadata[NAMESPACE].artifacts as Array<{ sha256: string; kind: string; server_verified: boolean }>;
  expect(listed.length).toBeGreaterThan(0);
  const uploaded = withoutCustodyFiles(sm.artifacts)
    .map((a) => a.file_hash_sha256)
    .sort();
  expect(listed.map((a) => a.sha256).sort()).toEqual(uploaded);
  for (const artifact of sm.artifacts)
    expect(await sha256OfArtifact(artifact.access_url)).toBe(artifact.file_hash_sha256);
  return listed;
}
