/**
 * Request shapes and response mapping with an injected fetch; the same behaviour over real HTTP
 * against the stand-in is covered in test/integration/atlos-client.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createAtlosClient, type AtlosClientOptions } from './client.ts';
import { failure } from './testing/failure.ts';

const TOKEN = 'tok_abcdefghijklmnopqrstuvwxyz0123456789ABCDE=';
const VERSION_ID = '6a3b2c1d-0000-4000-8000-000000000001';
const sourceMaterial = {
  id: VERSION_ID,
  incident_id: '3f1c9e2a-0000-4000-8000-0000000000aa',
  scoped_id: 3,
  source_url: 'https://example.org/post/1',
  status: 'pending',
  upload_type: 'user_provided',
  visibility: 'visible',
  metadata: {},
  artifacts: [],
  inserted_at: '2025-03-01T12:34:56',
  updated_at: '2025-03-01T12:34:56',
};
const project = { id: 'p1', name: 'Civ', code: 'CIV', description: '', color: '#fff', active: true, attributes: [] };
const incident = {
  id: 'i1',
  slug: 'K7Q2ZP',
  attr_description: 'A description',
  attr_more_info: null,
  attr_date: null,
  attr_geolocation: null,
  attr_geolocation_resolution: null,
  attr_restrictions: null,
  attr_sensitive: ['Not Sensitive'],
  attr_status: null,
  attr_tags: null,
  deleted: false,
  inserted_at: 't',
  updated_at: 't',
  project,
  versions: [],
  source_material: [],
  project_attributes: [],
  some_future_key: 1,
};

interface Call {
  url: string;
  init: RequestInit;
}
type Responder = (call: Call, index: number) => Response | Promise<Response>;

function setup(respond: Responder, options: Partial<AtlosClientOptions> = {}) {
  const calls: Call[] = [];
  const sleeps: number[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call = { url: String(input), init };
    calls.push(call);
    return respond(call, calls.length - 1);
  }) as typeof globalThis.fetch;
  const client = createAtlosClient({
    baseUrl: 'https://atlos.example',
    token: TOKEN,
    fetch,
    random: () => 0.5,
    sleep: async (ms) => void sleeps.push(ms),
    ...options,
  });
  return { client, calls, sleeps };
}
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('createAtlosClient', () => {
  it('refuses insecure or invalid origins and unusable tokens', () => {
    expect(() => createAtlosClient({ baseUrl: 'http://atlos.example', token: TOKEN })).toThrow(
      expect.objectContaining({ kind: 'insecure_origin' }),
    );
    expect(() => createAtlosClient({ baseUrl: 'nonsense', token: TOKEN })).toThrow(
      expect.objectContaining({ kind: 'insecure_origin' }),
    );
    expect(() => createAtlosClient({ baseUrl: 'https://a.example', token: '' })).toThrow(
      expect.objectContaining({ kind: 'invalid_token' }),
    );
    expect(() => createAtlosClient({ baseUrl: 'https://a.example', token: 'a\nb' })).toThrow(
      expect.objectContaining({ kind: 'invalid_token' }),
    );
    expect(createAtlosClient({ baseUrl: 'http://localhost:4000/', token: TOKEN }).baseUrl).toBe(
      'http://localhost:4000',
    );
  });
});

describe('request shape', () => {
  it('sends the token only as Bearer, omits credentials, refuses redirects and sends no Accept header', async () => {
    const { client, calls } = setup(() => json({ results: [], next: null, previous: null }));
    await client.listSourceMaterial();
    const { url, init } = calls[0]!;
    expect(url).toBe('https://atlos.example/api/v2/source_material');
    expect(init.method).toBe('GET');
    expect(init.credentials).toBe('omit');
    expect(init.redirect).toBe('error');
    const headers = new Headers(init.headers);
    expect(headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(headers.has('accept')).toBe(false);
    expect(init.signal).toBeInstanceOf(AbortSignal);
  });

  it('sends archive as the string "true" only when asked, in a JSON body', async () => {
    const { client, calls } = setup(() => json({ success: true, result: sourceMaterial }));
    await client.createSourceMaterial('civ-k7q2zp', { url: 'https://e.org/1', archive: true });
    await client.createSourceMaterial('K7Q2ZP', { url: 'https://e.org/2', archive: false });
    expect(calls[0]!.url).toBe('https://atlos.example/api/v2/source_material/new/civ-k7q2zp');
    expect(new Headers(calls[0]!.init.headers).get('content-type')).toBe('application/json');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ url: 'https://e.org/1', archive: 'true' });
    expect(JSON.parse(String(calls[1]!.init.body))).toEqual({ url: 'https://e.org/2' });
  });

  it('refuses to archive without a URL (Atlos would crash)', async () => {
    const { client, calls } = setup(() => json({}));
    const error = await failure(client.createSourceMaterial('K7Q2ZP', { archive: true }));
    expect(error.kind).toBe('validation');
    expect(calls).toHaveLength(0);
  });

  it('uploads multipart with the file name extension and a plain title part', async () => {
    const { client, calls } = setup(() => json({ success: true, result: sourceMaterial }));
    await client.uploadFile(VERSION_ID, {
      blob: new Blob(['png'], { type: 'image/png' }),
      fileName: 'screenshot',
      title: 'Viewport',
    });
    const body = calls[0]!.init.body as FormData;
    expect(body).toBeInstanceOf(FormData);
    const file = body.get('file') as File;
    expect(file.name).toBe('screenshot.png');
    expect(body.get('title')).toBe('Viewport');
    expect(new Headers(calls[0]!.init.headers).has('content-type')).toBe(false);
  });

  it('maps new incidents to Atlos attribute names', async () => {
    const { client, calls } = setup(() => json({ success: true, result: incident }));
    const created = await client.createIncident({
      description: 'A long description',
      sensitive: ['Not Sensitive'],
      moreInfo: 'more',
      geolocation: { lat: 1.5, lon: 2 },
      customAttributes: { 'AAAAAAAA-0000-4000-8000-000000000001': ['x'] },
      status: 'To Do',
    });
    expect(created.slug).toBe('K7Q2ZP');
    expect(created.project.code).toBe('CIV');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({
      description: 'A long description',
      sensitive: ['Not Sensitive'],
      more_info: 'more',
      geolocation: '1.5,2',
      'aaaaaaaa-0000-4000-8000-000000000001': ['x'],
      status: 'To Do',
    });
  });

  it('encodes path segments and sends comment, update and metadata bodies as JSON', async () => {
    const { client, calls } = setup((call) =>
      json(call.url.includes('metadata') ? { success: true, result: sourceMaterial } : { success: true }),
    );
    await client.addComment('K7Q2ZP', 'hello');
    await client.updateAttribute('K7Q2ZP', 'status', 'In Progress', 'why');
    await client.setMetadata(VERSION_ID, 'atlos browser/capture', { a: 1 });
    expect(calls.map((c) => c.url)).toEqual([
      'https://atlos.example/api/v2/add_comment/K7Q2ZP',
      'https://atlos.example/api/v2/update/K7Q2ZP/status',
      `https://atlos.example/api/v2/source_material/metadata/${VERSION_ID}/atlos%20browser%2Fcapture`,
    ]);
    expect(calls.map((c) => JSON.parse(String(c.init.body)))).toEqual([
      { message: 'hello' },
      { value: 'In Progress', message: 'why' },
      { metadata: { a: 1 } },
    ]);
  });

  it('keeps every request on the instance, whatever the path values', async () => {
    const { client, calls } = setup(() => json({ success: true }));
    await client.addComment('//evil.example/x?y#z', 'hi');
    expect(calls[0]!.url).toBe('https://atlos.example/api/v2/add_comment/%2F%2Fevil.example%2Fx%3Fy%23z');
    expect((await failure(client.updateAttribute('..', 'status', 'x'))).kind).toBe('not_found');
    expect((await failure(client.setMetadata(VERSION_ID, '..', {}))).kind).toBe('not_found');
    expect(calls).toHaveLength(1);
  });

  it('resends the filters with the cursor', async () => {
    const { client, calls } = setup(() => json({ results: [incident], next: null, previous: null }));
    await client.listIncidents({ status: ['To Do'] }, { cursor: 'SFMyNTY.abc' });
    expect(new URL(calls[0]!.url).search).toBe('?attr_status%5B%5D=To+Do&cursor=SFMyNTY.abc');
  });
});

describe('response mapping', () => {
  it.each([
    [401, { error: 'invalid token or token not found' }, 'invalid_token'],
    [401, { error: 'media version not found or unauthorized' }, 'not_found'],
    [401, { error: 'api token not authorized to edit' }, 'permission'],
    [401, { error: { attr_description: "can't be blank" } }, 'validation'],
  ])('HTTP %i %j → %s', async (status, body, kind) => {
    const { client } = setup(() => json(body, status));
    const error = await failure(client.getSourceMaterial(VERSION_ID));
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.message).not.toContain(TOKEN);
  });

  it('maps a 200 with error on a list to a cursor error', async () => {
    const { client } = setup(() => json({ error: 'unable to verify or parse pagination information' }));
    expect((await failure(client.listUpdates({}, { cursor: 'x' }))).kind).toBe('cursor');
  });

  it('maps empty 500s and HTML 502s to server errors, retrying GETs with growing jittered backoff', async () => {
    const { client, calls, sleeps } = setup((_, i) =>
      i % 2 ? new Response('<html>Bad gateway</html>', { status: 502 }) : new Response('', { status: 500 }),
    );
    const error = await failure(client.listSourceMaterial());
    expect(error.kind).toBe('server');
    expect(error.retryable).toBe(true);
    expect(calls).toHaveLength(4);
    expect(sleeps).toEqual([375, 750, 1500]);
  });

  it('recovers when a retry succeeds', async () => {
    const { client, calls } = setup((_, i) =>
      i === 0 ? new Response('', { status: 500 }) : json({ success: true, result: sourceMaterial }),
    );
    expect((await client.getSourceMaterial(VERSION_ID)).id).toBe(VERSION_ID);
    expect(calls).toHaveLength(2);
  });

  it('never retries creations, uploads, comments or attribute updates', async () => {
    const { client, calls } = setup(() => new Response('', { status: 500 }));
    const blob = new Blob(['x'], { type: 'text/plain' });
    for (const attempt of [
      client.createSourceMaterial('K7Q2ZP', { url: 'https://e.org', archive: false }),
      client.uploadFile(VERSION_ID, { blob, fileName: 'a.txt' }),
      client.createIncident({ description: 'A long description', sensitive: ['Not Sensitive'] }),
      client.addComment('K7Q2ZP', 'hi'),
      client.updateAttribute('K7Q2ZP', 'status', 'To Do'),
    ])
      expect((await failure(attempt)).kind).toBe('server');
    expect(calls).toHaveLength(5);
  });

  it('maps fetch TypeErrors to network errors', async () => {
    const { client } = setup(() => Promise.reject(new TypeError('Failed to fetch')), { retries: 0 });
    const error = await failure(client.listSourceMaterial());
    expect(error.kind).toBe('network');
    expect(error.retryable).toBe(true);
  });

  it('maps a shape mismatch to unexpected, and non-JSON 2xx and other statuses too', async () => {
    const { client } = setup(
      (_, i) =>
        [
          json({ results: [{ id: 1 }], next: null, previous: null }),
          new Response('<html>'),
          new Response('<html>404</html>', { status: 404 }),
        ][i]!,
    );
    expect((await failure(client.listSourceMaterial())).kind).toBe('unexpected');
    expect((await failure(client.listSourceMaterial())).kind).toBe('unexpected');
    const notFound = await failure(client.listSourceMaterial());
    expect(notFound.kind).toBe('unexpected');
    expect(notFound.status).toBe(404);
  });

  it('times out a stalled request', async () => {
    const { client } = setup(
      (call) =>
        new Promise((_, reject) =>
          call.init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        ),
      { timeoutMs: 20, retries: 0 },
    );
    expect((await failure(client.listSourceMaterial())).kind).toBe('timeout');
  });

  it('reports a caller abort as aborted and does not retry it', async () => {
    const controller = new AbortController();
    const { client, calls } = setup((call) => {
      setTimeout(() => controller.abort(), 5);
      return new Promise((_, reject) =>
        call.init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      );
    });
    expect((await failure(client.listSourceMaterial({ signal: controller.signal }))).kind).toBe('aborted');
    expect(calls).toHaveLength(1);
    expect((await failure(client.listSourceMaterial({ signal: controller.signal }))).kind).toBe('aborted');
    expect(calls).toHaveLength(1);
  });

  it('refuses a non-UUID source material id without a request (Atlos would crash)', async () => {
    const { client, calls } = setup(() => json({}));
    expect((await failure(client.getSourceMaterial('new'))).kind).toBe('not_found');
    expect(calls).toHaveLength(0);
  });
});
