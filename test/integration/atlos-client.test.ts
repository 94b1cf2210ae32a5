// @vitest-environment node
/**
 * The Atlos client (lib/atlos) against the local stand-in over real HTTP: all ten routes, every
 * error kind, pagination, retries and the transport safety rules. Where a test needs to see or
 * steer what goes over the wire it wraps the real fetch; it never replaces it.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createAtlosClient, type AtlosClientOptions } from '../../lib/atlos/client.ts';
import { useStandin } from '../standin/test-helpers.ts';
import { failure } from '../../lib/atlos/testing/failure.ts';

const DAY = 86_400_000;
const standin = useStandin({ incidents: 250, archiver: 'manual' });

interface Sent {
  url: string;
  init: RequestInit;
}
function client(token: string = standin.tokens.civEdit, options: Partial<AtlosClientOptions> = {}) {
  const sent: Sent[] = [];
  const sleeps: number[] = [];
  const inner = options.fetch ?? globalThis.fetch;
  const fetch = ((input: RequestInfo | URL, init: RequestInit = {}) => {
    sent.push({ url: String(input), init });
    return inner(input, init);
  }) as typeof globalThis.fetch;
  const atlos = createAtlosClient({
    baseUrl: standin.url,
    token,
    random: () => 0.5,
    sleep: async (ms) => void sleeps.push(ms),
    ...options,
    fetch,
  });
  return { atlos, sent, sleeps };
}
async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
const requestsTo = (route: string) => standin.control.requests().filter((r) => r.route === route);
const civIncidents = () => standin.control.state().incidents.filter((i) => i.project_id === standin.projects.civ.id);
const slugOf = (index = 0) => standin.known.civSlugs[index]!;
const incidentBySlug = (slug: string) => standin.control.state().incidents.find((i) => i.slug === slug)!;

describe('reads', () => {
  it('lists incidents 100 a page with the full shape', async () => {
    const { atlos } = client();
    const page = await atlos.listIncidents();
    expect(page.results).toHaveLength(100);
    expect(page.next).toEqual(expect.any(String));
    expect(page.previous).toBeNull();
    for (const incident of page.results) {
      expect(incident.project.code).toBe('CIV');
      expect(incident.slug).toMatch(/^[0-9A-Z]{6}$/);
    }
    expect(page.results.some((i) => i.project_attributes.length > 0)).toBe(true);
  });

  it('iterates every incident across pages, sending the cursor from the second page on', async () => {
    const { atlos } = client();
    const expected = civIncidents()
      .filter((i) => !i.deleted)
      .map((i) => i.id);
    expect(expected.length).toBeGreaterThan(200);
    const ids = (await collect(atlos.iterateIncidents())).map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual([...expected].sort());
    const pages = requestsTo('GET /api/v2/incidents');
    expect(pages.length).toBe(Math.ceil(expected.length / 100));
    expect(pages[0]!.rawQuery).not.toContain('cursor=');
    for (const page of pages.slice(1)) expect(page.rawQuery).toMatch(/cursor=SFMyNTY\./);
  });

  it('resends the same filters with every page', async () => {
    const { atlos } = client();
    const statuses = ['To Do', 'In Progress', 'Help Needed', 'Ready for Review', 'Completed'];
    const matching = civIncidents().filter((i) => !i.deleted && statuses.includes(String(i.attr_status)));
    expect(matching.length).toBeGreaterThan(100);
    const found = await collect(atlos.iterateIncidents({ status: statuses, sort: 'modified_desc' }));
    expect(found.map((i) => i.id).sort()).toEqual(matching.map((i) => i.id).sort());
    const pages = requestsTo('GET /api/v2/incidents');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) {
      expect(page.rawQuery).toContain('attr_status%5B%5D=To+Do&attr_status%5B%5D=In+Progress');
      expect(page.rawQuery).not.toMatch(/(^|&)attr_status=/);
      expect(page.rawQuery).toContain('sort=modified_desc');
    }
  });

  it('finds deleted incidents only when asked, and incidents by slug', async () => {
    const { atlos } = client();
    const deleted = await collect(atlos.iterateIncidents({ deleted: true }));
    expect(deleted.map((i) => i.slug)).toContain(standin.known.civDeletedSlug);
    expect(deleted.every((i) => i.deleted)).toBe(true);
    const bySlug = await atlos.listIncidents({ query: slugOf(3) });
    expect(bySlug.results.map((i) => i.slug)).toContain(slugOf(3));
  });

  it('lists, iterates and gets source material of the project only', async () => {
    const { atlos } = client();
    const civIds = new Set(civIncidents().map((i) => i.id));
    const expected = standin.control.state().sourceMaterial.filter((v) => civIds.has(String(v.incident_id)));
    const all = await collect(atlos.iterateSourceMaterial());
    expect(all.map((v) => v.id).sort()).toEqual(expected.map((v) => String(v.id)).sort());
    const first = (await atlos.listSourceMaterial()).results[0]!;
    expect(await atlos.getSourceMaterial(first.id)).toEqual(first);
  });

  it('lists updates, filtered by slug', async () => {
    const { atlos } = client();
    const slug = slugOf(1);
    await atlos.addComment(slug, 'A note from the integration test');
    const incidentId = incidentBySlug(slug).id;
    const updates = await collect(atlos.iterateUpdates({ slug: `civ-${slug.toLowerCase()}` }));
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.every((u) => u.media_id === incidentId)).toBe(true);
    expect(
      updates.find((u) => u.type === 'comment' && u.explanation === 'A note from the integration test'),
    ).toBeDefined();
    const page = await atlos.listUpdates();
    expect(page.results.length).toBeGreaterThan(0);
    const civIds = new Set(civIncidents().map((i) => i.id));
    expect(page.results.every((u) => civIds.has(u.media_id))).toBe(true);
  });
});

describe('writes', () => {
  it('creates source material, archived only when asked (archive sent as the string "true")', async () => {
    const { atlos, sent } = client();
    const direct = await atlos.createSourceMaterial(slugOf(), { url: 'https://example.org/a', archive: true });
    const kept = await atlos.createSourceMaterial(`CIV-${slugOf()}`, { url: 'https://example.org/b', archive: false });
    expect(direct).toMatchObject({ upload_type: 'direct', status: 'pending', source_url: 'https://example.org/a' });
    expect(kept).toMatchObject({ upload_type: 'user_provided', source_url: 'https://example.org/b' });
    expect(kept.scoped_id).toBe(direct.scoped_id + 1);
    expect(JSON.parse(String(sent[0]!.init.body))).toEqual({ url: 'https://example.org/a', archive: 'true' });
    expect(requestsTo('POST /api/v2/source_material/new/:slug').map((r) => r.contentType)).toEqual([
      'application/json',
      'application/json',
    ]);
  });

  it('sets metadata, replacing the namespace', async () => {
    const { atlos } = client();
    const version = await atlos.createSourceMaterial(slugOf(), { url: 'https://example.org/m', archive: false });
    await atlos.setMetadata(version.id, 'browser_capture', { old: true });
    const updated = await atlos.setMetadata(version.id, 'browser_capture', { foo: 'bar', abc: [1, 2, 3] });
    expect(updated.metadata.browser_capture).toEqual({ foo: 'bar', abc: [1, 2, 3] });
    expect((await atlos.getSourceMaterial(version.id)).metadata).toEqual({
      browser_capture: { foo: 'bar', abc: [1, 2, 3] },
    });
  });

  it('uploads a file as multipart with the right extension and title; Atlos hashes it', async () => {
    const { atlos } = client();
    const version = await atlos.createSourceMaterial(slugOf(), { url: 'https://example.org/u', archive: false });
    const bytes = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3, 4]);
    const result = await atlos.uploadFile(version.id, {
      blob: new Blob([bytes], { type: 'image/png' }),
      fileName: 'viewport',
      title: 'Viewport',
    });
    const artifact = result.artifacts.at(-1)!;
    expect(artifact).toMatchObject({
      type: 'upload',
      title: 'Viewport',
      mime_type: 'image/png',
      file_size: bytes.length,
    });
    expect(artifact.file_hash_sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(requestsTo('POST /api/v2/source_material/upload/:id')[0]!.contentType).toMatch(
      /^multipart\/form-data; boundary=/,
    );
  });

  it('creates an incident with core and custom attributes', async () => {
    const { atlos } = client();
    const impact = (await atlos.listIncidents()).results[0]!.project.attributes.find((a) => a.name === 'Impact')!;
    const created = await atlos.createIncident({
      description: 'Integration test incident',
      sensitive: ['Not Sensitive'],
      moreInfo: 'More info',
      tags: ['test'],
      geolocation: { lat: 50.45, lon: 30.52 },
      date: '2024-05-06',
      customAttributes: { [standin.known.impactAttributeId]: [impact.options![0]] },
    });
    expect(created).toMatchObject({
      attr_description: 'Integration test incident',
      attr_more_info: 'More info',
      attr_tags: ['test'],
      attr_date: '2024-05-06',
    });
    expect(created.attr_geolocation?.coordinates).toEqual([30.52, 50.45]);
    expect(created.project_attributes.find((a) => a.id === standin.known.impactAttributeId)?.value).toEqual([
      impact.options![0],
    ]);
    expect(incidentBySlug(created.slug)).toBeDefined();
  });

  it('comments and updates attributes', async () => {
    const { atlos } = client();
    const slug = slugOf(2);
    await atlos.addComment(slug, 'Checked the source.');
    await atlos.updateAttribute(slug, 'status', 'Help Needed', 'Needs a second look');
    await atlos.updateAttribute(slug, 'description', 'A corrected description');
    const incident = incidentBySlug(slug);
    expect(incident).toMatchObject({ attr_status: 'Help Needed', attr_description: 'A corrected description' });
    const updates = standin.control.state().updates.filter((u) => u.media_id === incident.id);
    expect(updates.some((u) => u.type === 'comment' && u.explanation === 'Checked the source.')).toBe(true);
    expect(
      updates.some(
        (u) =>
          u.type === 'update_attribute' && u.modified_attribute === 'status' && u.explanation === 'Needs a second look',
      ),
    ).toBe(true);
  });
});

describe('error kinds', () => {
  it('invalid_token for unknown, legacy and deactivated tokens, without the token in the message', async () => {
    for (const token of ['bogus-token', standin.tokens.legacy, standin.tokens.deactivated]) {
      const error = await failure(client(token).atlos.listSourceMaterial());
      expect(error).toMatchObject({
        kind: 'invalid_token',
        status: 401,
        serverMessage: 'invalid token or token not found',
        retryable: false,
      });
      expect(error.message).not.toContain(token);
      expect(JSON.stringify(error)).not.toContain(token);
    }
  });

  it('not_found with the server message', async () => {
    const { atlos } = client();
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(await failure(atlos.getSourceMaterial(missing))).toMatchObject({
      kind: 'not_found',
      serverMessage: 'media version not found or unauthorized',
    });
    expect(await failure(atlos.addComment('ZZZZZZ', 'x'))).toMatchObject({
      kind: 'not_found',
      serverMessage: 'incident not found',
    });
    expect(await failure(atlos.listUpdates({ slug: 'ZZZZZZ' }))).toMatchObject({
      kind: 'not_found',
      serverMessage: 'media not found',
    });
    expect(
      await failure(
        client(standin.tokens.brdEdit).atlos.createSourceMaterial(slugOf(), { url: 'https://e.org', archive: false }),
      ),
    ).toMatchObject({ kind: 'not_found', serverMessage: 'incident not found or unauthorized' });
  });

  it('permission for missing token permissions and an archived project', async () => {
    expect(
      await failure(client(standin.tokens.civComment).atlos.updateAttribute(slugOf(), 'status', 'To Do')),
    ).toMatchObject({ kind: 'permission', serverMessage: 'api token not authorized to edit' });
    expect(await failure(client(standin.tokens.civRead).atlos.addComment(slugOf(), 'hi'))).toMatchObject({
      kind: 'permission',
      serverMessage: 'api token not authorized to post comment',
    });
    expect(
      await failure(
        client(standin.tokens.civComment).atlos.createIncident({
          description: 'Long enough text',
          sensitive: ['Not Sensitive'],
        }),
      ),
    ).toMatchObject({ kind: 'permission', serverMessage: 'unauthorized' });
    expect(await failure(client(standin.tokens.arcEdit).atlos.addComment(standin.known.arcSlug, 'hi'))).toMatchObject({
      kind: 'permission',
    });
  });

  it('validation with field errors, nested custom-attribute errors flattened', async () => {
    const { atlos } = client();
    const short = await failure(atlos.createIncident({ description: 'Short', sensitive: ['Not Sensitive'] }));
    expect(short).toMatchObject({
      kind: 'validation',
      status: 401,
      fieldErrors: { attr_description: 'should be at least 8 character(s)' },
    });
    expect(short.message).toContain('attr_description: should be at least 8 character(s)');
    const custom = await failure(atlos.updateAttribute(slugOf(), standin.known.impactAttributeId, ['Not an option']));
    expect(custom.kind).toBe('validation');
    // Atlos names the attribute in `source` only when its id changed; otherwise the key is the item's index.
    const [[key, message]] = Object.entries(custom.fieldErrors ?? {}) as [[string, string]];
    expect(key).toMatch(new RegExp(`^project_attributes\\.(0|${standin.known.impactAttributeId})$`));
    expect(message).toMatch(/^Includes invalid value\(s\): Not an option\. Valid values are: /);
    expect(await failure(atlos.updateAttribute(slugOf(), 'status', null))).toMatchObject({
      kind: 'validation',
      serverMessage: 'value not provided',
    });
    expect(await failure(atlos.addComment(slugOf(), '   '))).toMatchObject({
      kind: 'validation',
      fieldErrors: { explanation: 'A comment is required to post' },
    });
  });

  it('cursor for a corrupted cursor, a cursor of another token and one older than 24 h', async () => {
    const { atlos } = client();
    expect(await failure(atlos.listIncidents({}, { cursor: 'SFMyNTY.corrupted.cursor' }))).toMatchObject({
      kind: 'cursor',
      status: 200,
    });
    // Same project, another token: cursors are bound to the token that produced them.
    const foreign = (await client(standin.tokens.civRead).atlos.listIncidents()).next;
    expect(foreign).toEqual(expect.any(String));
    expect(await failure(atlos.listIncidents({}, { cursor: foreign! }))).toMatchObject({ kind: 'cursor' });
    const next = (await atlos.listSourceMaterial()).next ?? (await atlos.listIncidents()).next;
    standin.control.advanceClock(DAY + 1000);
    expect(await failure(atlos.listIncidents({}, { cursor: next! }))).toMatchObject({
      kind: 'cursor',
      serverMessage: 'unable to verify or parse pagination information',
      retryable: false,
    });
  });

  it('server for empty 500s and HTML 502s; GETs retried with backoff, writes never', async () => {
    const { atlos, sleeps } = client();
    standin.control.injectFault({ route: 'GET /api/v2/incidents', kind: 'http500', times: 4 });
    expect(await failure(atlos.listIncidents())).toMatchObject({ kind: 'server', status: 500, retryable: true });
    expect(requestsTo('GET /api/v2/incidents')).toHaveLength(4);
    expect(sleeps).toEqual([375, 750, 1500]);

    standin.control.clearRequests();
    standin.control.injectFault({ route: 'GET /api/v2/source_material', kind: 'html502', times: 2 });
    expect((await atlos.listSourceMaterial()).results.length).toBeGreaterThan(0);
    expect(requestsTo('GET /api/v2/source_material').map((r) => r.status)).toEqual([502, 502, 200]);

    standin.control.clearRequests();
    const version = await atlos.createSourceMaterial(slugOf(), { url: 'https://e.org/r', archive: false });
    standin.control.injectFault({ kind: 'html502', times: 10 });
    expect(
      await failure(atlos.createSourceMaterial(slugOf(), { url: 'https://e.org/s', archive: false })),
    ).toMatchObject({ kind: 'server', status: 502 });
    expect(await failure(atlos.uploadFile(version.id, { blob: new Blob(['x']), fileName: 'a.txt' }))).toMatchObject({
      kind: 'server',
    });
    expect(
      await failure(atlos.createIncident({ description: 'Long enough text', sensitive: ['Not Sensitive'] })),
    ).toMatchObject({ kind: 'server' });
    expect(await failure(atlos.addComment(slugOf(), 'x'))).toMatchObject({ kind: 'server' });
    expect(await failure(atlos.updateAttribute(slugOf(), 'status', 'To Do'))).toMatchObject({ kind: 'server' });
    expect(standin.control.requests().filter((r) => r.method === 'POST')).toHaveLength(6);
  });

  it('setMetadata is retried (it replaces its namespace)', async () => {
    const { atlos } = client();
    const version = await atlos.createSourceMaterial(slugOf(), { url: 'https://e.org/t', archive: false });
    standin.control.injectFault({
      route: 'POST /api/v2/source_material/metadata/:id/:namespace',
      kind: 'http500',
      times: 1,
    });
    expect((await atlos.setMetadata(version.id, 'ns', { a: 1 })).metadata.ns).toEqual({ a: 1 });
    expect(requestsTo('POST /api/v2/source_material/metadata/:id/:namespace')).toHaveLength(2);
  });

  it('network when offline or the connection is reset', async () => {
    const { atlos } = client();
    standin.control.setOffline(true);
    expect(await failure(atlos.listSourceMaterial())).toMatchObject({ kind: 'network', retryable: true });
    expect(standin.control.requests().filter((r) => r.fault === 'offline')).toHaveLength(4);
    standin.control.setOffline(false);
    standin.control.clearRequests();
    standin.control.injectFault({ route: 'POST /api/v2/add_comment/:slug', kind: 'reset' });
    expect(await failure(atlos.addComment(slugOf(), 'x'))).toMatchObject({ kind: 'network' });
    expect(requestsTo('POST /api/v2/add_comment/:slug')).toHaveLength(1);
    standin.control.injectFault({ route: 'POST /api/v2/add_comment/:slug', kind: 'lost_response' });
    expect(await failure(atlos.addComment(slugOf(), 'lost but stored'))).toMatchObject({ kind: 'network' });
    expect(standin.control.state().updates.some((u) => u.explanation === 'lost but stored')).toBe(true);
  });

  it('timeout on a stalled request', async () => {
    const { atlos } = client(undefined, { timeoutMs: 300, retries: 0 });
    standin.control.injectFault({ route: 'GET /api/v2/incidents', kind: 'stall', stallMs: 5000 });
    expect(await failure(atlos.listIncidents())).toMatchObject({ kind: 'timeout', retryable: true });
    const { atlos: uploader } = client(undefined, { timeoutMs: 30_000, uploadTimeoutMs: 300 });
    const version = await uploader.createSourceMaterial(slugOf(), { url: 'https://e.org/v', archive: false });
    standin.control.injectFault({ route: 'POST /api/v2/source_material/upload/:id', kind: 'stall', stallMs: 5000 });
    expect(await failure(uploader.uploadFile(version.id, { blob: new Blob(['x']), fileName: 'a.txt' }))).toMatchObject({
      kind: 'timeout',
    });
  });

  it('aborted when the caller cancels, without retrying', async () => {
    const { atlos } = client();
    standin.control.injectFault({ route: 'GET /api/v2/updates', kind: 'stall', stallMs: 5000 });
    const controller = new AbortController();
    const pending = atlos.listUpdates({}, { signal: controller.signal });
    // Cancel once the stand-in holds the request, so the abort hits an in-flight request.
    while (requestsTo('GET /api/v2/updates').length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    expect(await failure(pending)).toMatchObject({ kind: 'aborted', retryable: false });
    expect(requestsTo('GET /api/v2/updates')).toHaveLength(1);
  });

  it('unexpected for a response of the wrong shape or a non-Atlos status', async () => {
    // Steer the real request to stand-in URLs that answer 200 JSON of another shape, or an HTML 404.
    const toFixtures = ((input: RequestInfo | URL, init?: RequestInit) =>
      globalThis.fetch(`${standin.url}/__standin/fixtures`, init)) as typeof fetch;
    expect(await failure(client(undefined, { fetch: toFixtures }).atlos.listIncidents())).toMatchObject({
      kind: 'unexpected',
    });
    const toUnknownRoute = ((input: RequestInfo | URL, init?: RequestInit) =>
      globalThis.fetch(String(input).replace('/api/v2/', '/api/v9/'), init)) as typeof fetch;
    expect(await failure(client(undefined, { fetch: toUnknownRoute }).atlos.listIncidents())).toMatchObject({
      kind: 'unexpected',
      status: 404,
    });
  });

  it('insecure_origin for plain http to a non-local host', () => {
    expect(() => createAtlosClient({ baseUrl: 'http://platform.atlos.org', token: standin.tokens.civEdit })).toThrow(
      expect.objectContaining({ kind: 'insecure_origin' }),
    );
  });
});

describe('pagination recovery', () => {
  it('restarts from the first page once after a cursor expires mid-way, yielding each incident once', async () => {
    const { atlos } = client();
    const expected = civIncidents().filter((i) => !i.deleted).length;
    const seen: string[] = [];
    for await (const incident of atlos.iterateIncidents()) {
      seen.push(incident.id);
      if (seen.length === 100) standin.control.advanceClock(DAY + 1000);
    }
    expect(seen).toHaveLength(expected);
    expect(new Set(seen).size).toBe(expected);
    const pages = requestsTo('GET /api/v2/incidents');
    expect(pages.filter((p) => !p.rawQuery.includes('cursor='))).toHaveLength(2);
  });

  it('gives up with the cursor error when the restart fails too', async () => {
    // Every cursor request first moves the stand-in clock past the 24 h expiry.
    const expiring = ((input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).includes('cursor=')) standin.control.advanceClock(DAY + 1000);
      return globalThis.fetch(input, init);
    }) as typeof fetch;
    const { atlos } = client(undefined, { fetch: expiring });
    const seen: string[] = [];
    const error = await failure(
      (async () => {
        for await (const incident of atlos.iterateIncidents()) seen.push(incident.id);
      })(),
    );
    expect(error.kind).toBe('cursor');
    expect(seen).toHaveLength(100);
    expect(requestsTo('GET /api/v2/incidents').map((r) => r.rawQuery.includes('cursor='))).toEqual([
      false,
      true,
      false,
      true,
    ]);
  });
});

describe('transport safety', () => {
  it('sends the token only as Bearer to the instance, with credentials omitted and no JSON Accept header', async () => {
    const { atlos, sent } = client();
    await atlos.listIncidents();
    const version = await atlos.createSourceMaterial(slugOf(), { url: 'https://e.org/h', archive: false });
    await atlos.uploadFile(version.id, { blob: new Blob(['hello'], { type: 'text/plain' }), fileName: 'note.txt' });
    await atlos.getSourceMaterial(version.id);
    for (const record of standin.control.requests()) {
      expect(record.authorization).toBe(`Bearer ${standin.tokens.civEdit}`);
      // Node's fetch, like browsers, adds `*/*` itself; the client must not ask for JSON.
      expect([null, '*/*']).toContain(record.accept);
    }
    for (const { url, init } of sent) {
      expect(new URL(url).origin).toBe(standin.url);
      expect(init.credentials).toBe('omit');
      expect(init.redirect).toBe('error');
    }
    // The client never follows artifact access URLs.
    expect(sent.some(({ url }) => url.includes('/__files/'))).toBe(false);
  });

  it('refuses redirects, so the token never reaches the redirect target', async () => {
    const redirector: Server = createServer((req, res) => {
      res.writeHead(302, { location: `${standin.url}${req.url}` }).end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = redirector.address() as AddressInfo;
      const { atlos } = client(undefined, { baseUrl: `http://127.0.0.1:${port}`, retries: 0 });
      expect(await failure(atlos.listIncidents())).toMatchObject({ kind: 'network' });
      expect(standin.control.requests()).toHaveLength(0);
    } finally {
      await new Promise<void>((resolve) => redirector.close(() => resolve()));
    }
  });
});
