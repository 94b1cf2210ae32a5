// @vitest-environment node
// Authentication details (§1.2–1.5), slug normalisation (§2.1), crash cases (§2.13) and HTTP-level facts (§9).
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startStandin } from './server.ts';
import { call, INVALID, useStandin } from './test-helpers.ts';

const s = useStandin({ archiver: 'never' }, { reset: false });

/** Raw request so we can send duplicate headers and exact header spellings. */
function raw(
  path: string,
  headers: Record<string, string | string[]>,
  method = 'GET',
  body?: string,
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${s.url}${path}`, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

describe('authentication', () => {
  it.each([
    ['lower-case scheme', { authorization: () => `bearer ${s.tokens.civEdit}` }],
    ['two spaces', { authorization: () => `Bearer  ${s.tokens.civEdit}` }],
    ['deactivated token (old value)', { authorization: () => `Bearer ${s.tokens.deactivated}` }],
    ['token without the padding', { authorization: () => `Bearer ${s.tokens.civEdit.slice(0, -1)}` }],
  ])('%s → 401 invalid token', async (_name, spec) => {
    const r = await raw('/api/v2/source_material', { authorization: spec.authorization() });
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body)).toEqual(INVALID);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
  });
  it('two Authorization headers → 401 even when both are valid', async () => {
    const valid = `Bearer ${s.tokens.civEdit}`;
    const r = await raw('/api/v2/source_material', { authorization: [valid, valid] });
    expect(r.status).toBe(401);
    const single = await raw('/api/v2/source_material', { authorization: valid });
    expect(single.status).toBe(200);
  });
  it('tokens are 44-character URL-safe base64 with padding, and the same on every start', async () => {
    for (const value of Object.values(s.tokens)) expect(value).toMatch(/^[A-Za-z0-9_-]{43}=$/);
    const again = await startStandin({ incidents: 20 });
    try {
      expect(again.tokens).toEqual(s.tokens);
      expect(again.projects).toEqual(s.projects);
    } finally {
      await again.close();
    }
  });
  it('the legacy token works on v1 only; v1 media_versions pages by 50', async () => {
    const r = await call(s.url, '/api/v1/media_versions', { token: s.tokens.legacy });
    expect(r.status).toBe(200);
    expect(r.body.results.length).toBeLessThanOrEqual(50);
    expect((await call(s.url, '/api/v1/media_versions', { token: s.tokens.civEdit })).body).toEqual(INVALID);
  });
});

describe('slug resolution', () => {
  const target = () => s.known.civSlugs[1] as string;
  it.each([
    ['lower case', (x: string) => x.toLowerCase()],
    ['project prefix', (x: string) => `CIV-${x}`],
    ['any prefix, lower case', (x: string) => `xyz-${x.toLowerCase()}`],
  ])('%s resolves', async (_name, form) => {
    const r = await call(s.url, `/api/v2/updates?slug=${encodeURIComponent(form(target()))}`, {
      token: s.tokens.civRead,
    });
    expect(r.status).toBe(200);
    expect(r.body.results.length).toBeGreaterThan(0);
  });
  it('ATL- is kept literally and does not match a modern slug', async () => {
    const r = await call(s.url, `/api/v2/updates?slug=ATL-${target()}`, { token: s.tokens.civRead });
    expect([r.status, r.body]).toEqual([401, { error: 'media not found' }]);
  });
  it('updates?slug= (empty) and unknown slug → media not found; other project → media not found', async () => {
    for (const slug of ['', 'ZZZZZZZ', s.known.brdSlugs[0]]) {
      const r = await call(s.url, `/api/v2/updates?slug=${slug}`, { token: s.tokens.civRead });
      expect([r.status, r.body]).toEqual([401, { error: 'media not found' }]);
    }
  });
});

describe('crashes are empty 500s', () => {
  const expectEmpty500 = (r: { status: number; text: string }) => {
    expect(r.status).toBe(500);
    expect(r.text).toBe('');
  };
  it('non-UUID :id on every source-material route', async () => {
    expectEmpty500(await call(s.url, '/api/v2/source_material/new', { token: s.tokens.civEdit }));
    expectEmpty500(
      await call(s.url, '/api/v2/source_material/metadata/123/test', {
        token: s.tokens.civEdit,
        json: { metadata: 1 },
      }),
    );
    expectEmpty500(await call(s.url, '/api/v2/source_material/upload/abc', { token: s.tokens.civEdit, json: {} }));
  });
  it('a valid but unknown UUID is a 401, not a crash', async () => {
    const r = await call(s.url, `/api/v2/source_material/${crypto.randomUUID()}`, { token: s.tokens.civEdit });
    expect([r.status, r.body]).toEqual([401, { error: 'media version not found or unauthorized' }]);
  });
  it('archive=true without url, and a non-string url', async () => {
    const path = `/api/v2/source_material/new/${s.known.civSlugs[2]}`;
    expectEmpty500(await call(s.url, path, { token: s.tokens.civEdit, json: { archive: 'true' } }));
    expectEmpty500(await call(s.url, path, { token: s.tokens.civEdit, json: { url: 42 } }));
  });
  it('invalid sort and non-UUID project_id', async () => {
    expectEmpty500(await call(s.url, '/api/v2/incidents?sort=newest', { token: s.tokens.civRead }));
    expectEmpty500(await call(s.url, '/api/v2/incidents?project_id=CIV', { token: s.tokens.civRead }));
  });
  it('deprecated attribute and non-list custom multi-select value on /update', async () => {
    const slug = s.known.civSlugs[3];
    expectEmpty500(
      await call(s.url, `/api/v2/update/${slug}/impact`, { token: s.tokens.civEdit, json: { value: ['Residential'] } }),
    );
    expectEmpty500(
      await call(s.url, `/api/v2/update/${slug}/${s.known.impactAttributeId}`, {
        token: s.tokens.civEdit,
        json: { value: 'Residential' },
      }),
    );
  });
  it('non-string entries in urls on incident creation', async () => {
    expectEmpty500(
      await call(s.url, '/api/v2/incidents/new', {
        token: s.tokens.civEdit,
        json: { description: 'Valid description', sensitive: ['Not Sensitive'], urls: [1] },
      }),
    );
  });
});

describe('HTTP level (§9)', () => {
  it('accepts `Accept: application/*` like Phoenix does', async () => {
    const r = await call(s.url, '/api/v2/incidents', { token: s.tokens.civRead, headers: { accept: 'application/*' } });
    expect(r.status).toBe(200);
    expect(r.body.results.length).toBeGreaterThan(0);
  });
  it('no CORS headers; the session cookie and cache-control on every response', async () => {
    const ok = await call(s.url, '/api/v2/source_material', {
      token: s.tokens.civRead,
      headers: { origin: 'https://example.org' },
    });
    const denied = await call(s.url, '/api/v2/source_material', { headers: { origin: 'https://example.org' } });
    for (const r of [ok, denied]) {
      expect([...r.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
      expect(r.headers.get('set-cookie')).toMatch(/^_platform_key=[^;]+; path=\//);
      expect(r.headers.get('cache-control')).toBe('max-age=0, private, must-revalidate');
      expect(r.headers.get('x-request-id')).toBeTruthy();
    }
  });
  it('OPTIONS preflight → 404 HTML without CORS headers', async () => {
    const r = await raw(
      '/api/v2/incidents',
      { origin: 'https://example.org', 'access-control-request-method': 'GET', accept: '*/*' },
      'OPTIONS',
    );
    expect(r.status).toBe(404);
    expect(String(r.headers['content-type'])).toMatch(/^text\/html/);
    expect(Object.keys(r.headers).filter((k) => k.startsWith('access-control-'))).toEqual([]);
  });
  it('unknown route: HTML 404 without Accept or with */*, empty 500 with Accept: application/json', async () => {
    const none = await raw('/api/v2/incidents/ABC123', {});
    expect([none.status, String(none.headers['content-type'])]).toEqual([404, 'text/html; charset=utf-8']);
    const star = await raw('/api/v2/nope', { accept: 'text/html, */*;q=0.8' });
    expect(star.status).toBe(404);
    const json = await raw('/api/v2/nope', { accept: 'application/json' });
    expect([json.status, json.body]).toEqual([500, '']);
  });
  it('malformed JSON: HTML 400 before auth, or an empty 500 with Accept: application/json', async () => {
    const headers = { 'content-type': 'application/json' };
    const html = await raw('/api/v2/incidents/new', headers, 'POST', '{"description": ');
    expect(html.status).toBe(400);
    expect(String(html.headers['content-type'])).toMatch(/^text\/html/);
    const json = await raw('/api/v2/incidents/new', { ...headers, accept: 'application/json' }, 'POST', '{oops');
    expect([json.status, json.body]).toEqual([500, '']);
  });
  it('a JSON body over 8 MB → 413 HTML', async () => {
    const big = JSON.stringify({ message: 'x'.repeat(8_100_000) });
    const r = await raw(
      `/api/v2/add_comment/${s.known.civSlugs[0]}`,
      { 'content-type': 'application/json', authorization: `Bearer ${s.tokens.civEdit}` },
      'POST',
      big,
    );
    expect(r.status).toBe(413);
    expect(String(r.headers['content-type'])).toMatch(/^text\/html/);
  });
  it('Accept: text/html alone → 406 HTML before auth; _format other than json → 406', async () => {
    const r = await raw('/api/v2/incidents', { accept: 'text/html' });
    expect(r.status).toBe(406);
    expect(String(r.headers['content-type'])).toMatch(/^text\/html/);
    const format = await call(s.url, '/api/v2/incidents?_format=xml', { token: s.tokens.civRead });
    expect(format.status).toBe(406);
    const jsonAccept = await call(s.url, '/api/v2/incidents', {
      token: s.tokens.civRead,
      headers: { accept: 'application/json' },
    });
    expect(jsonAccept.status).toBe(200);
  });
  it('HEAD works on GET routes and trailing slashes are tolerated', async () => {
    const head = await raw('/api/v2/source_material', { authorization: `Bearer ${s.tokens.civRead}` }, 'HEAD');
    expect([head.status, head.body]).toEqual([200, '']);
    const slash = await call(s.url, '/api/v2/source_material/', { token: s.tokens.civRead });
    expect(slash.status).toBe(200);
  });
  it('form, multipart and query parameters work on POST routes; body overrides query; path overrides both', async () => {
    const slug = s.known.civSlugs[4] as string;
    const form = await call(s.url, `/api/v2/add_comment/${slug}`, {
      token: s.tokens.civComment,
      form: { message: 'from a form' },
    });
    expect(form.body).toEqual({ success: true });
    const data = new FormData();
    data.append('message', 'from multipart');
    expect(
      (await call(s.url, `/api/v2/add_comment/${slug}`, { token: s.tokens.civComment, multipart: data })).body,
    ).toEqual({ success: true });
    expect(
      (
        await call(s.url, `/api/v2/add_comment/${slug}?message=from%20the%20query`, {
          token: s.tokens.civComment,
          method: 'POST',
        })
      ).body,
    ).toEqual({ success: true });
    await call(s.url, `/api/v2/add_comment/${slug}?message=query`, {
      token: s.tokens.civComment,
      json: { message: 'body wins' },
    });
    // `slug` in the body cannot redirect the write: the path parameter wins.
    await call(s.url, `/api/v2/add_comment/${slug}`, {
      token: s.tokens.civComment,
      json: { message: 'path wins', slug: s.known.civSlugs[5] },
    });
    const updates = await call(s.url, `/api/v2/updates?slug=${slug}`, { token: s.tokens.civRead });
    const texts = updates.body.results.filter((u: any) => u.type === 'comment').map((u: any) => u.explanation);
    expect(texts.slice(0, 5)).toEqual(['path wins', 'body wins', 'from the query', 'from multipart', 'from a form']);
  });
  it('artifact files are served without auth', async () => {
    const version = s.control.state().sourceMaterial.find((v: any) => v.artifacts.length > 0) as any;
    const r = await fetch(version.artifacts[0].access_url);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(version.artifacts[0].mime_type);
    const bytes = Buffer.from(await r.arrayBuffer());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  });
});
