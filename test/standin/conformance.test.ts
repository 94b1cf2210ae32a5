// @vitest-environment node
// Numbered conformance cases taken from Atlos's api_v2_test.exs (docs/atlos-api-behaviour.md §11), against the stand-in over real HTTP.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startStandin } from './server.ts';
import { call, collectAll, INVALID, useStandin } from './test-helpers.ts';

// Archival is a no-op in Atlos's tests (versions stay pending), so this suite uses archiver 'never'.
const s = useStandin({ archiver: 'never' });

const get = (path: string, token?: string | null) => call(s.url, path, { token });
const post = (path: string, json: unknown, token?: string | null) => call(s.url, path, { token, json });
const slug = () => s.known.civSlugs[0] as string;

async function newIncident(token: string, description = 'Incident created by a test'): Promise<any> {
  const r = await post('/api/v2/incidents/new', { description, sensitive: ['Not Sensitive'] }, token);
  expect(r.status).toBe(200);
  return r.body.result;
}

describe('GET /incidents (1–8)', () => {
  it('1. no Authorization header → 401', async () => {
    const r = await get('/api/v2/incidents');
    expect([r.status, r.body]).toEqual([401, INVALID]);
  });
  it('2. empty bearer token → 401', async () => {
    const r = await call(s.url, '/api/v2/incidents', { headers: { authorization: 'Bearer ' } });
    expect([r.status, r.body]).toEqual([401, INVALID]);
  });
  it('3. unknown token → 401', async () => {
    const r = await get('/api/v2/incidents', 'bad');
    expect([r.status, r.body]).toEqual([401, INVALID]);
  });
  it('4. legacy token on v2 → 401', async () => {
    const r = await get('/api/v2/incidents', s.tokens.legacy);
    expect([r.status, r.body]).toEqual([401, INVALID]);
  });
  it('5. project token on v1 → 401 (and the legacy token works there)', async () => {
    const r = await get('/api/v1/media', s.tokens.civEdit);
    expect([r.status, r.body]).toEqual([401, INVALID]);
    const legacy = await get('/api/v1/media', s.tokens.legacy);
    expect(legacy.status).toBe(200);
    expect(legacy.body.results).toHaveLength(50);
  });
  it('6. empty project → exactly the empty list', async () => {
    const r = await get('/api/v2/incidents', s.tokens.empEdit);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ results: [], previous: null, next: null });
  });
  it('7. only the token project incident, as full Incident JSON', async () => {
    const created = await newIncident(s.tokens.empEdit, 'Only incident of the empty project');
    await newIncident(s.tokens.brdEdit, 'Incident in another project');
    const r = await get('/api/v2/incidents', s.tokens.empEdit);
    expect(r.status).toBe(200);
    // The creation response shows attr_status null (not re-read); a later GET shows the database default.
    expect(r.body).toEqual({ results: [{ ...created, attr_status: 'To Do' }], previous: null, next: null });
  });
  it('8. following next across pages yields every incident exactly once', async () => {
    const big = await startStandin({ archiver: 'never', incidents: 1503 }); // 2 of them are soft-deleted → 1501 live
    try {
      const { items, pages } = await collectAll(big.url, '/api/v2/incidents', big.tokens.civEdit);
      expect(pages).toBe(16);
      const ids = new Set(items.map((i) => i.id));
      expect(ids.size).toBe(1501);
      expect(items.map((i) => i.slug).sort()).toEqual([...big.known.civSlugs].sort());
      expect(items.every((i) => i.project.code === 'CIV')).toBe(true);
    } finally {
      await big.close();
    }
  });
});

describe('GET /updates (9)', () => {
  it('9. 101 commented incidents page across two pages with no duplicates', async () => {
    for (let i = 0; i < 101; i++) {
      const incident = await newIncident(s.tokens.empEdit, `Paged incident number ${i}`);
      expect(
        (await post(`/api/v2/add_comment/${incident.slug}`, { message: `comment ${i}` }, s.tokens.empEdit)).body,
      ).toEqual({ success: true });
    }
    const { items, pages } = await collectAll(s.url, '/api/v2/updates', s.tokens.empEdit);
    expect(pages).toBe(3); // 101 creations + 101 comments = 202
    expect(new Set(items.map((u) => u.id)).size).toBe(202);
    expect(items.filter((u) => u.type === 'comment')).toHaveLength(101);
  });
});

describe('GET /source_material (10–12)', () => {
  it('10. no auth → 401', async () => {
    const r = await get('/api/v2/source_material');
    expect([r.status, r.body]).toEqual([401, INVALID]);
  });
  it('11. empty project → empty list', async () => {
    const r = await get('/api/v2/source_material', s.tokens.empEdit);
    expect(r.body).toEqual({ results: [], previous: null, next: null });
  });
  it('12. only the project source material, exactly as created', async () => {
    const incident = await newIncident(s.tokens.empEdit);
    const a = await post(
      `/api/v2/source_material/new/${incident.slug}`,
      { url: 'https://example.org/a' },
      s.tokens.empEdit,
    );
    const b = await post(
      `/api/v2/source_material/new/${incident.slug}`,
      { url: 'https://example.org/b' },
      s.tokens.empEdit,
    );
    await post(
      `/api/v2/source_material/new/${s.known.brdSlugs[0]}`,
      { url: 'https://example.org/c' },
      s.tokens.brdEdit,
    );
    const r = await get('/api/v2/source_material', s.tokens.empEdit);
    expect(r.status).toBe(200);
    expect(r.body.previous).toBeNull();
    expect(r.body.next).toBeNull();
    expect(new Set(r.body.results.map((v: any) => v.id))).toEqual(new Set([a.body.result.id, b.body.result.id]));
    expect(r.body.results).toContainEqual(a.body.result);
    expect(r.body.results).toContainEqual(b.body.result);
  });
});

describe('POST /add_comment/:slug (13–17)', () => {
  it('13. no auth → 401', async () => {
    const r = await post(`/api/v2/add_comment/${slug()}`, { message: 'test' });
    expect([r.status, r.body]).toEqual([401, INVALID]);
  });
  it('14. comment token posts; exactly one new Update', async () => {
    const before = s.control.state().updates.length;
    const r = await post(`/api/v2/add_comment/${slug()}`, { message: 'test' }, s.tokens.civComment);
    expect([r.status, r.body]).toEqual([200, { success: true }]);
    const updates = s.control.state().updates;
    expect(updates.length).toBe(before + 1);
    const comments = await get(`/api/v2/updates?slug=${slug()}`, s.tokens.civRead);
    expect(comments.body.results[0]).toMatchObject({ type: 'comment', explanation: 'test', user_id: null, user: null });
  });
  it('15. read-only token → not authorized to post comment', async () => {
    const r = await post(`/api/v2/add_comment/${slug()}`, { message: 'test' }, s.tokens.civRead);
    expect([r.status, r.body]).toEqual([401, { error: 'api token not authorized to post comment' }]);
  });
  it('16. nonexistent slug → incident not found', async () => {
    const r = await post('/api/v2/add_comment/ABCDEFG', { message: 'test' }, s.tokens.civComment);
    expect([r.status, r.body]).toEqual([401, { error: 'incident not found' }]);
  });
  it('17. another project token → incident not found', async () => {
    const r = await post(`/api/v2/add_comment/${slug()}`, { message: 'test' }, s.tokens.brdEdit);
    expect([r.status, r.body]).toEqual([401, { error: 'incident not found' }]);
  });
});

describe('POST /update/:slug/:attribute (18–23)', () => {
  it('18. no auth → 401', async () => {
    const r = await post(`/api/v2/update/${slug()}/description`, {});
    expect([r.status, r.body]).toEqual([401, INVALID]);
  });
  it('19–20. description then the Impact multi-select', async () => {
    const before = s.control.state().updates.length;
    const r = await post(
      `/api/v2/update/${slug()}/description`,
      { message: 'test', value: 'new description' },
      s.tokens.civEdit,
    );
    expect([r.status, r.body]).toEqual([200, { success: true }]);
    const all = [...s.control.state().incidents];
    expect(all.find((i) => i.slug === slug())?.attr_description).toBe('new description');
    expect(s.control.state().updates.length).toBe(before + 1);
    const civ = s.control.state().projects.find((p: any) => p.code === 'CIV') as any;
    const impact = civ.attributes.find((a: any) => a.name === 'Impact');
    const r2 = await post(
      `/api/v2/update/${slug()}/${s.known.impactAttributeId}`,
      { value: impact.options },
      s.tokens.civEdit,
    );
    expect([r2.status, r2.body]).toEqual([200, { success: true }]);
    expect(s.control.state().updates.length).toBe(before + 2);
    const listed = await get(`/api/v2/incidents?query=${slug()}`, s.tokens.civRead);
    const incident = listed.body.results.find((i: any) => i.slug === slug());
    expect(incident.project_attributes.find((a: any) => a.id === s.known.impactAttributeId).value).toEqual(
      impact.options,
    );
    expect(incident.attr_impact).toEqual(impact.options);
  });
  it('21. comment-only token → not authorized to edit', async () => {
    const r = await post(`/api/v2/update/${slug()}/description`, { value: 'new description' }, s.tokens.civComment);
    expect([r.status, r.body]).toEqual([401, { error: 'api token not authorized to edit' }]);
  });
  it('22. nonexistent slug → incident not found', async () => {
    const r = await post('/api/v2/update/ABCDEFG/description', { value: 'new description' }, s.tokens.civEdit);
    expect([r.status, r.body]).toEqual([401, { error: 'incident not found' }]);
  });
  it('23. another project edit token → incident not found', async () => {
    const r = await post(`/api/v2/update/${slug()}/description`, { value: 'new description' }, s.tokens.brdEdit);
    expect([r.status, r.body]).toEqual([401, { error: 'incident not found' }]);
  });
});

describe('POST /source_material/new/:slug (24–29)', () => {
  it('24. no auth → 401', async () => {
    const r = await post(`/api/v2/source_material/new/${slug()}`, { url: 'https://atlos.org' });
    expect([r.status, r.body]).toEqual([401, INVALID]);
  });
  it('25–26. user_provided with scoped_id 1, then direct with scoped_id 2', async () => {
    const a = await post(`/api/v2/source_material/new/${slug()}`, { url: 'https://atlos.org' }, s.tokens.civEdit);
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({
      success: true,
      result: {
        source_url: 'https://atlos.org',
        upload_type: 'user_provided',
        scoped_id: 1,
        status: 'pending',
        artifacts: [],
        metadata: {},
        visibility: 'visible',
      },
    });
    const b = await post(
      `/api/v2/source_material/new/${slug()}`,
      { url: 'https://atlos.org', archive: 'true' },
      s.tokens.civEdit,
    );
    expect(b.body).toMatchObject({ success: true, result: { upload_type: 'direct', scoped_id: 2 } });
    const listed = await get(`/api/v2/incidents?query=${slug()}`, s.tokens.civRead);
    const incident = listed.body.results.find((i: any) => i.slug === slug());
    expect(incident.source_material.map((v: any) => v.scoped_id).sort()).toEqual([1, 2]);
    expect(incident.versions).toEqual(incident.source_material);
  });
  it('27. comment-only token → incident not found or unauthorized', async () => {
    const r = await post(`/api/v2/source_material/new/${slug()}`, { url: 'https://atlos.org' }, s.tokens.civComment);
    expect([r.status, r.body]).toEqual([401, { error: 'incident not found or unauthorized' }]);
  });
  it('28. nonexistent slug → incident not found or unauthorized', async () => {
    const r = await post('/api/v2/source_material/new/abcde', { url: 'https://atlos.org' }, s.tokens.civEdit);
    expect([r.status, r.body]).toEqual([401, { error: 'incident not found or unauthorized' }]);
  });
  it('29. another project edit token → incident not found or unauthorized', async () => {
    const r = await post(`/api/v2/source_material/new/${slug()}`, { url: 'https://atlos.org' }, s.tokens.brdEdit);
    expect([r.status, r.body]).toEqual([401, { error: 'incident not found or unauthorized' }]);
  });
});

async function newVersion(): Promise<any> {
  const r = await post(`/api/v2/source_material/new/${slug()}`, { url: 'https://atlos.org' }, s.tokens.civEdit);
  return r.body.result;
}

describe('POST /source_material/metadata/:id/:namespace (30–31)', () => {
  it('30. no auth → 401', async () => {
    const version = await newVersion();
    const r = await post(`/api/v2/source_material/metadata/${version.id}/test`, { metadata: {} });
    expect([r.status, r.body]).toEqual([401, INVALID]);
  });
  it('31. sets the namespace', async () => {
    const version = await newVersion();
    const metadata = { foo: 'bar', abc: [1, 2, 3] };
    const r = await post(`/api/v2/source_material/metadata/${version.id}/test`, { metadata }, s.tokens.civEdit);
    expect(r.status).toBe(200);
    expect(r.body.success).toBe(true);
    expect(r.body.result.metadata.test).toEqual(metadata);
  });
});

describe('POST /source_material/upload/:id (32–35)', () => {
  const form = (): FormData => {
    const data = new FormData();
    data.append('title', 'Example API Upload');
    data.append('file', new Blob(['some content for the file'], { type: 'text/plain' }), 'test-file.txt');
    return data;
  };
  it('32. no auth → 401', async () => {
    const version = await newVersion();
    const r = await call(s.url, `/api/v2/source_material/upload/${version.id}`, { multipart: form() });
    expect([r.status, r.body]).toEqual([401, INVALID]);
  });
  it('33. comment-only token → media version not found or unauthorized', async () => {
    const version = await newVersion();
    const r = await post(`/api/v2/source_material/upload/${version.id}`, {}, s.tokens.civComment);
    expect([r.status, r.body]).toEqual([401, { error: 'media version not found or unauthorized' }]);
  });
  it('34. another project edit token → media version not found or unauthorized', async () => {
    const version = await newVersion();
    const r = await call(s.url, `/api/v2/source_material/upload/${version.id}`, {
      multipart: form(),
      token: s.tokens.brdEdit,
    });
    expect([r.status, r.body]).toEqual([401, { error: 'media version not found or unauthorized' }]);
  });
  it('35. uploads the file', async () => {
    const version = await newVersion();
    const r = await call(s.url, `/api/v2/source_material/upload/${version.id}`, {
      multipart: form(),
      token: s.tokens.civEdit,
    });
    expect(r.status).toBe(200);
    expect(r.body.success).toBe(true);
    expect(r.body.result.artifacts).toHaveLength(1);
    expect(r.body.result.artifacts[0]).toMatchObject({
      type: 'upload',
      title: 'Example API Upload',
      mime_type: 'text/plain',
      file_size: 25,
      perceptual_hashes: null,
      file_hash_sha256: createHash('sha256').update('some content for the file').digest('hex'),
    });
    const download = await fetch(r.body.result.artifacts[0].access_url);
    expect(await download.text()).toBe('some content for the file');
    expect(r.body.result.status).toBe('pending');
  });
});

describe('GET /source_material/:id (36–38)', () => {
  it('36. no auth → 401', async () => {
    const version = await newVersion();
    const r = await get(`/api/v2/source_material/${version.id}`);
    expect([r.status, r.body]).toEqual([401, INVALID]);
  });
  it('37. another project token → media version not found or unauthorized', async () => {
    const version = await newVersion();
    const r = await get(`/api/v2/source_material/${version.id}`, s.tokens.brdEdit);
    expect([r.status, r.body]).toEqual([401, { error: 'media version not found or unauthorized' }]);
  });
  it('38. own token → identical to the creation result', async () => {
    const version = await newVersion();
    const r = await get(`/api/v2/source_material/${version.id}`, s.tokens.civRead);
    expect(r.body).toEqual({ success: true, result: version });
  });
});

describe('POST /incidents/new (39–47)', () => {
  const create = (json: unknown, token = s.tokens.civEdit) => post('/api/v2/incidents/new', json, token);
  it('39. creates an incident', async () => {
    const r = await create({
      sensitive: ['Not Sensitive'],
      description: 'Test incident description',
      more_info: 'More info about this incident',
    });
    expect(r.status).toBe(200);
    expect(r.body.success).toBe(true);
    expect(r.body.result).toMatchObject({
      attr_sensitive: ['Not Sensitive'],
      attr_description: 'Test incident description',
      attr_more_info: 'More info about this incident',
      attr_status: null,
      attr_tags: null,
      attr_restrictions: null,
      deleted: false,
    });
    expect(r.body.result.slug).toMatch(/^[0-9A-Z]{6}$/);
  });
  it('40. no auth → 401', async () => {
    const r = await call(s.url, '/api/v2/incidents/new', { json: {} });
    expect([r.status, r.body]).toEqual([401, INVALID]);
  });
  it('41. comment-only token → unauthorized', async () => {
    expect((await create({}, s.tokens.civComment)).body).toEqual({ error: 'unauthorized' });
  });
  it('42–47. validation errors', async () => {
    const cases: [unknown, unknown][] = [
      [{ sensitive: ['Not Sensitive'] }, { attr_description: "can't be blank" }],
      [{ description: 'Test incident name' }, { attr_sensitive: "can't be blank" }],
      [{}, { attr_description: "can't be blank", attr_sensitive: "can't be blank" }],
      [
        { description: 'Short', sensitive: ['Not Sensitive'] },
        { attr_description: 'should be at least 8 character(s)' },
      ],
      [
        { description: 'Test incident description', sensitive: 'Not Sensitive' },
        { attr_sensitive: 'must be an array of strings' },
      ],
      [
        { description: 'Test incident description', sensitive: ['Not Sensitive'], more_info: ['a', 'b'] },
        { attr_more_info: 'is invalid' },
      ],
    ];
    for (const [input, error] of cases) {
      const r = await create(input);
      expect([r.status, r.body]).toEqual([401, { error }]);
    }
  });
});
