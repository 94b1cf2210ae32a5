// @vitest-environment node
// Write routes in detail: metadata (§2.6), uploads (§6), incident creation (§7), attribute updates (§8), comments (§2.10).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, useStandin } from './test-helpers.ts';

const s = useStandin({ archiver: 'never' });

const edit = (path: string, json: unknown) => call(s.url, path, { token: s.tokens.civEdit, json });
const slug = () => s.known.civSlugs[0] as string;
async function newVersion(extra: Record<string, unknown> = {}): Promise<any> {
  return (await edit(`/api/v2/source_material/new/${slug()}`, { url: 'https://example.org/post/1', ...extra })).body
    .result;
}
const SENSITIVE_LIST =
  'Not Sensitive, Personal Information Visible, Graphic Violence, Deleted by Source, Deceptive or Misleading';

describe('source material creation: the archive flag', () => {
  it.each([
    ['"True"', 'True'],
    ['JSON true', true],
    ['"1"', '1'],
    ['"TRUE"', 'TRUE'],
  ])('archive=%s → user_provided', async (_n, archive) => {
    expect((await newVersion({ archive })).upload_type).toBe('user_provided');
  });
  it('"true" from the query string or a form body → direct', async () => {
    const q = await call(s.url, `/api/v2/source_material/new/${slug()}?archive=true&url=https://example.org/q`, {
      token: s.tokens.civEdit,
      method: 'POST',
    });
    expect(q.body.result).toMatchObject({ upload_type: 'direct', source_url: 'https://example.org/q' });
    const f = await call(s.url, `/api/v2/source_material/new/${slug()}`, {
      token: s.tokens.civEdit,
      form: { url: 'x', archive: 'true' },
    });
    expect(f.body.result).toMatchObject({ upload_type: 'direct', source_url: 'x', scoped_id: 2 });
  });
  it('records an upload_version update and no URL validation happens', async () => {
    const version = await newVersion({ url: 'not a url at all' });
    expect(version.source_url).toBe('not a url at all');
    const updates = await call(s.url, `/api/v2/updates?slug=${slug()}`, { token: s.tokens.civRead });
    expect(updates.body.results[0]).toMatchObject({
      type: 'upload_version',
      media_version_id: version.id,
      user_id: null,
      modified_attribute: null,
      new_value: null,
    });
    expect(updates.body.results[0].api_token_id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('metadata namespaces', () => {
  it('replaces the namespace wholesale, keeps others, accepts any JSON value, absent → null', async () => {
    const version = await newVersion();
    const path = `/api/v2/source_material/metadata/${version.id}`;
    await edit(`${path}/one`, { metadata: { a: 1, b: 2 } });
    await edit(`${path}/two`, { metadata: ['x'] });
    const replaced = await edit(`${path}/one`, { metadata: { c: 3 } });
    expect(replaced.body.result.metadata).toEqual({ one: { c: 3 }, two: ['x'] });
    expect((await edit(`${path}/three`, { metadata: 'text' })).body.result.metadata.three).toBe('text');
    expect((await edit(`${path}/four`, {})).body.result.metadata).toHaveProperty('four', null);
  });
  it('form and query encodings give strings and bracket maps; the namespace is URL-decoded', async () => {
    const version = await newVersion();
    const r = await call(s.url, `/api/v2/source_material/metadata/${version.id}/my%20ns`, {
      token: s.tokens.civEdit,
      form: { 'metadata[title]': 'Hello', 'metadata[count]': '3' },
    });
    expect(r.body.result.metadata['my ns']).toEqual({ title: 'Hello', count: '3' });
  });
  it('refuses read-only tokens, deleted incidents and other projects', async () => {
    const version = await newVersion();
    const r = await call(s.url, `/api/v2/source_material/metadata/${version.id}/x`, {
      token: s.tokens.civComment,
      json: { metadata: 1 },
    });
    expect([r.status, r.body]).toEqual([401, { error: 'media version not found or unauthorized' }]);
    const other = await call(s.url, `/api/v2/source_material/metadata/${version.id}/x`, {
      token: s.tokens.brdEdit,
      json: { metadata: 1 },
    });
    expect(other.body).toEqual({ error: 'media version not found or unauthorized' });
  });
});

describe('uploads', () => {
  const upload = (id: string, parts: [string, string | [Blob, string]][], query = '') => {
    const data = new FormData();
    for (const [name, value] of parts) {
      if (typeof value === 'string') data.append(name, value);
      else data.append(name, value[0], value[1]);
    }
    return call(s.url, `/api/v2/source_material/upload/${id}${query}`, { token: s.tokens.civEdit, multipart: data });
  };
  it('mime from the extension (case-insensitive), never from the part type; no extension → octet-stream', async () => {
    const version = await newVersion();
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    await upload(version.id, [['file', [new Blob([bytes], { type: 'text/plain' }), 'shot.PNG']]]);
    await upload(version.id, [['file', [new Blob(['<html></html>'], { type: 'image/png' }), 'page.html']]]);
    const last = await upload(version.id, [['file', [new Blob(['raw']), 'README']]]);
    expect(last.body.result.artifacts.map((a: any) => a.mime_type)).toEqual([
      'image/png',
      'text/html',
      'application/octet-stream',
    ]);
    expect(last.body.result.artifacts[0].file_hash_sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(last.body.result.artifacts[0].file_size).toBe(7);
    expect(
      last.body.result.artifacts.every(
        (a: any) => a.title === null && a.perceptual_hashes === null && a.type === 'upload',
      ),
    ).toBe(true);
  });
  it('title can come from the query string', async () => {
    const version = await newVersion();
    const r = await upload(version.id, [['file', [new Blob(['a']), 'a.txt']]], '?title=From%20query');
    expect(r.body.result.artifacts[0].title).toBe('From query');
  });
  it('no file, or file as a plain field → valid file not provided', async () => {
    const version = await newVersion();
    for (const r of [
      await upload(version.id, [['title', 'only a title']]),
      await upload(version.id, [['file', 'plain text, not a file part']]),
      await edit(`/api/v2/source_material/upload/${version.id}`, { file: 'x' }),
    ])
      expect([r.status, r.body]).toEqual([401, { error: 'valid file not provided' }]);
  });
  it('does not change the status and records no update', async () => {
    const version = await newVersion();
    const before = s.control.state().updates.length;
    const r = await upload(version.id, [['file', [new Blob(['a']), 'a.txt']]]);
    expect(r.body.result.status).toBe('pending');
    expect(s.control.state().updates.length).toBe(before);
    const stored = s.control.state().sourceMaterial.find((v: any) => v.id === version.id) as any;
    expect(stored.artifacts[0].file_hash_sha256).toBe(createHash('sha256').update('a').digest('hex'));
  });
});

describe('incident creation', () => {
  const create = (json: unknown) => call(s.url, '/api/v2/incidents/new', { token: s.tokens.civEdit, json });
  const valid = { description: 'A valid description', sensitive: ['Not Sensitive'] };
  it('unknown attributes are listed sorted in Elixir inspect format, including query keys', async () => {
    const r = await call(s.url, '/api/v2/incidents/new?zeta=1', {
      token: s.tokens.civEdit,
      json: { ...valid, foo: 1, attr_description: 'x', deleted: false, project_id: 'x', Bar: 2 },
    });
    expect([r.status, r.body]).toEqual([
      401,
      { error: 'unknown attributes: ["Bar", "attr_description", "deleted", "foo", "project_id", "zeta"]' },
    ]);
    const array = await create([1, 2]);
    expect(array.body).toEqual({ error: 'unknown attributes: ["_json"]' });
  });
  it('status is stored unvalidated but shown as null when omitted; tags/restrictions null unless given', async () => {
    const custom = await create({ ...valid, status: 'Whatever', restrictions: ['Anything'], tags: ['t'] });
    expect(custom.body.result).toMatchObject({
      attr_status: 'Whatever',
      attr_restrictions: ['Anything'],
      attr_tags: ['t'],
    });
    const omitted = await create(valid);
    expect(omitted.body.result).toMatchObject({ attr_status: null, attr_tags: null, attr_restrictions: null });
    const stored = s.control.state().incidents.find((i: any) => i.slug === omitted.body.result.slug) as any;
    expect(stored.attr_status).toBe('To Do');
  });
  it('ignored keys are accepted: time, geolocation_resolution, assignments, deprecated names', async () => {
    const r = await create({
      ...valid,
      time: '10:00',
      geolocation_resolution: 'Exact',
      assignments: ['x'],
      impact: ['y'],
      general_location: 'z',
    });
    expect(r.status).toBe(200);
    expect(r.body.result.attr_geolocation_resolution).toBeNull();
  });
  it('sensitivity, date, geolocation and url validation messages', async () => {
    const cases: [Record<string, unknown>, unknown][] = [
      [
        { sensitive: ['Bad'] },
        { attr_sensitive: `Includes invalid value(s): Bad. Valid values are: ${SENSITIVE_LIST}` },
      ],
      [
        { sensitive: ['Not Sensitive', 'Graphic Violence'] },
        { attr_sensitive: "If 'Not Sensitive' is selected, no other options are allowed." },
      ],
      [{ sensitive: [] }, { attr_sensitive: 'should have at least 1 item(s)' }],
      [{ date: '2024-13-45' }, { attr_date: 'is invalid' }],
      [
        { geolocation: 'somewhere' },
        {
          attr_geolocation:
            'Unable to parse this location; please enter a latitude-longitude pair separated by commas.',
        },
      ],
      [{ geolocation: 12 }, { location: 'is invalid' }],
      [{ urls: 'https://example.org' }, { urls: 'Invalid list' }],
      [
        { urls: ['https://example.org', 'a', 'http://localhost'] },
        { urls_parsed: 'The following entries are not valid urls: a, http://localhost' },
      ],
      [{ description: 'x'.repeat(2001) }, { attr_description: 'should be at most 2000 character(s)' }],
    ];
    for (const [input, error] of cases) expect((await create({ ...valid, ...input })).body).toEqual({ error });
  });
  it('more_info over 3000 characters is accepted on creation', async () => {
    expect((await create({ ...valid, more_info: 'm'.repeat(3500) })).status).toBe(200);
  });
  it('urls create direct, pending source material with updates', async () => {
    const r = await create({ ...valid, urls: ['https://example.org/1', 'ftp://files.example.org/2'] });
    expect(r.body.result.source_material.map((v: any) => [v.upload_type, v.status, v.scoped_id, v.source_url])).toEqual(
      [
        ['direct', 'pending', 1, 'https://example.org/1'],
        ['direct', 'pending', 2, 'ftp://files.example.org/2'],
      ],
    );
    const updates = await call(s.url, `/api/v2/updates?slug=${r.body.result.slug}`, { token: s.tokens.civRead });
    expect(updates.body.results.map((u: any) => u.type).sort()).toEqual(['create', 'upload_version', 'upload_version']);
  });
  it('custom attributes by UUID are validated with nested errors', async () => {
    const listed = await call(s.url, '/api/v2/incidents', { token: s.tokens.civRead });
    const verification = listed.body.results[0].project_attributes.find((a: any) => a.name === 'Verification');
    const bad = await create({ ...valid, [verification.id]: 'Nope' });
    expect(bad.body).toEqual({
      error: {
        project_attributes: [
          {
            value: 'Includes an invalid value. Valid values are: Unverified, Partially Verified, Verified',
            source: { value: 'Nope', id: verification.id, project_id: s.projects.civ.id },
          },
        ],
      },
    });
    const good = await create({
      ...valid,
      [verification.id]: 'Verified',
      [s.known.impactAttributeId]: ['Residential'],
    });
    expect(good.body.result.attr_impact).toEqual(['Residential']);
    expect(good.body.result.project_attributes.find((a: any) => a.id === verification.id).value).toBe('Verified');
  });
  it('archived project → project_id error', async () => {
    const r = await call(s.url, '/api/v2/incidents/new', { token: s.tokens.arcEdit, json: valid });
    expect([r.status, r.body]).toEqual([401, { error: { project_id: 'You cannot add incidents to this project.' } }]);
  });
});

describe('attribute updates', () => {
  const update = (attribute: string, body: unknown, target = slug()) =>
    edit(`/api/v2/update/${target}/${attribute}`, body);
  it('value not provided is checked first, even for an unknown slug', async () => {
    expect((await update('status', {}, 'NOPE99')).body).toEqual({ error: 'value not provided' });
    expect((await update('status', { value: null })).body).toEqual({ error: 'value not provided' });
  });
  it('unknown or disabled attributes → attribute not found', async () => {
    expect((await update('Status', { value: 'To Do' })).body).toEqual({ error: 'attribute not found' });
    const disabled = s.control.state().projects.find((p: any) => p.code === 'CIV') as any;
    expect(disabled.attributes.some((a: any) => a.name === 'Legacy Notes')).toBe(true);
    expect((await update(crypto.randomUUID(), { value: 'x' })).body).toEqual({ error: 'attribute not found' });
  });
  it('validation messages keyed by schema field', async () => {
    const cases: [string, unknown, unknown][] = [
      [
        'status',
        'Done',
        {
          attr_status:
            'Includes an invalid value. Valid values are: To Do, In Progress, Help Needed, Ready for Review, Completed, Cancelled',
        },
      ],
      ['status', ['To Do'], { attr_status: 'is invalid' }],
      ['status', '', { attr_status: "can't be blank" }],
      ['sensitive', 'Graphic Violence', { attr_sensitive: 'must be an array of strings' }],
      [
        'restrictions',
        ['Locked'],
        { attr_restrictions: 'Includes invalid value(s): Locked. Valid values are: Frozen, Hidden' },
      ],
      ['description', 'short', { attr_description: 'should be at least 8 character(s)' }],
      ['description', '', { attr_description: "can't be blank" }],
      ['more_info', 'x'.repeat(3001), { attr_more_info: 'should be at most 3000 character(s)' }],
      ['date', '2024-02-30', { attr_date: 'Verify the date is valid. Date must include a year, month, and day.' }],
      ['time', '25:99', { attr_time: 'Time must include an hour and minute.' }],
    ];
    for (const [attribute, value, error] of cases)
      expect([attribute, (await update(attribute, { value })).body]).toEqual([attribute, { error }]);
  });
  it('records update_attribute with the new_value-only encoding and message as explanation', async () => {
    expect(
      (await update('status', { value: 'Completed', message: 'Privileged values are fine for tokens' })).body,
    ).toEqual({ success: true });
    const updates = await call(s.url, `/api/v2/updates?slug=${slug()}`, { token: s.tokens.civRead });
    const u = updates.body.results[0];
    expect(u).toMatchObject({
      type: 'update_attribute',
      modified_attribute: 'status',
      explanation: 'Privileged values are fine for tokens',
      new_value: { _combined: true, attr_status: 'Completed' },
    });
    expect(u).not.toHaveProperty('old_value');
  });
  it('geolocation cannot be changed: "A change is required." without a location, a no-op update with one', async () => {
    const r = await call(s.url, '/api/v2/incidents/new', {
      token: s.tokens.civEdit,
      json: { description: 'No location yet', sensitive: ['Not Sensitive'] },
    });
    expect((await update('geolocation', { value: '1,2' }, r.body.result.slug)).body).toEqual({
      error: { attr_geolocation: 'A change is required.' },
    });
    const located = await call(s.url, '/api/v2/incidents/new', {
      token: s.tokens.civEdit,
      json: { description: 'Has a location', sensitive: ['Not Sensitive'], geolocation: '1,2' },
    });
    expect((await update('geolocation', { value: '5,6' }, located.body.result.slug)).body).toEqual({ success: true });
    const stored = s.control.state().incidents.find((i: any) => i.slug === located.body.result.slug) as any;
    expect(stored.attr_geolocation.coordinates).toEqual([2, 1]);
  });
  it('"A change is required." when an unset field stays unset; re-sending the current value succeeds', async () => {
    const r = await call(s.url, '/api/v2/incidents/new', {
      token: s.tokens.civEdit,
      json: { description: 'Fresh incident', sensitive: ['Not Sensitive'] },
    });
    expect((await update('more_info', { value: '' }, r.body.result.slug)).body).toEqual({
      error: { attr_more_info: 'A change is required.' },
    });
    expect((await update('description', { value: 'Fresh incident' }, r.body.result.slug)).body).toEqual({
      success: true,
    });
  });
  it('message over 2500 characters: explanation error for core, empty object for custom', async () => {
    const long = 'm'.repeat(2501);
    expect((await update('status', { value: 'To Do', message: long })).body).toEqual({
      error: { explanation: 'Explanations cannot exceed 2500 characters.' },
    });
    expect((await update(s.known.impactAttributeId, { value: ['Residential'], message: long })).body).toEqual({
      error: {},
    });
  });
  it('custom multi-select: subset rule with a nested error', async () => {
    const r = await update(s.known.impactAttributeId, { value: ['Residential', 'Moon'] });
    expect(r.body.error.project_attributes[0].value).toBe(
      'Includes invalid value(s): Moon. Valid values are: Residential, Commercial, Industrial, Healthcare, Education, Infrastructure, Religious, Agricultural',
    );
  });
  it('custom attribute that already has a value: the nested error carries only `source.value`', async () => {
    const target = s.known.civSlugs[1] as string;
    expect((await update(s.known.impactAttributeId, { value: ['Residential'] }, target)).body).toEqual({
      success: true,
    });
    const r = await update(s.known.impactAttributeId, { value: ['Moon'] }, target);
    expect(r.body).toEqual({
      error: {
        project_attributes: [
          {
            value:
              'Includes invalid value(s): Moon. Valid values are: Residential, Commercial, Industrial, Healthcare, Education, Infrastructure, Religious, Agricultural',
            source: { value: ['Moon'] },
          },
        ],
      },
    });
  });
  it('tags accept any strings; sensitive enforces exclusivity', async () => {
    expect((await update('tags', { value: ['anything', 'goes'] })).body).toEqual({ success: true });
    expect((await update('sensitive', { value: ['Not Sensitive', 'Graphic Violence'] })).body).toEqual({
      error: { attr_sensitive: "If 'Not Sensitive' is selected, no other options are allowed." },
    });
    expect((await update('sensitive', { value: [] })).body).toEqual({
      error: { attr_sensitive: 'should have at least 1 item(s)' },
    });
  });
});

describe('comments', () => {
  const comment = (body: unknown, token = s.tokens.civComment, target = slug()) =>
    call(s.url, `/api/v2/add_comment/${target}`, { token, json: body });
  it('message checks and the 2500-character limit', async () => {
    expect((await comment({})).body).toEqual({ error: 'message not provided' });
    expect((await comment({ message: null })).body).toEqual({ error: 'message not provided' });
    expect((await comment({ message: '   ' })).body).toEqual({
      error: { explanation: 'A comment is required to post' },
    });
    expect((await comment({ message: 5 })).body).toEqual({ error: { explanation: 'is invalid' } });
    expect((await comment({ message: 'x'.repeat(2501) })).body).toEqual({
      error: { explanation: 'Updates cannot exceed 2500 characters.' },
    });
    expect((await comment({ message: 'x'.repeat(2500) })).body).toEqual({ success: true });
  });
});

describe('deleted incidents and archived projects refuse writes', () => {
  it('deleted incident', async () => {
    const target = s.known.civDeletedSlug;
    expect(
      (await call(s.url, `/api/v2/add_comment/${target}`, { token: s.tokens.civEdit, json: { message: 'hi' } })).body,
    ).toEqual({ error: 'api token not authorized to post comment' });
    expect((await edit(`/api/v2/update/${target}/status`, { value: 'To Do' })).body).toEqual({
      error: 'api token not authorized to edit',
    });
    expect((await edit(`/api/v2/source_material/new/${target}`, { url: 'https://example.org' })).body).toEqual({
      error: 'incident not found or unauthorized',
    });
    const updates = await call(s.url, `/api/v2/updates?slug=${target}`, { token: s.tokens.civRead });
    expect(updates.status).toBe(200);
  });
  it('archived project: reads work, writes are refused', async () => {
    const token = s.tokens.arcEdit;
    const target = s.known.arcSlug;
    expect((await call(s.url, '/api/v2/incidents', { token })).body.results.length).toBeGreaterThan(0);
    expect((await call(s.url, `/api/v2/add_comment/${target}`, { token, json: { message: 'hi' } })).body).toEqual({
      error: 'api token not authorized to post comment',
    });
    expect((await call(s.url, `/api/v2/update/${target}/status`, { token, json: { value: 'To Do' } })).body).toEqual({
      error: 'api token not authorized to edit',
    });
    expect((await call(s.url, `/api/v2/source_material/new/${target}`, { token, json: {} })).body).toEqual({
      error: 'incident not found or unauthorized',
    });
  });
});
