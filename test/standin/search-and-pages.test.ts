// @vitest-environment node
// Incident search (§5), ordering and pagination (§3): cursors signed, token-bound, filter-free, expiring after 24 h.
import { describe, expect, it } from 'vitest';
import { startStandin } from './server.ts';
import { call, collectAll, until, useStandin } from './test-helpers.ts';

const s = useStandin({ archiver: 'never' });

const list = (query: string, token = s.tokens.civRead) => call(s.url, `/api/v2/incidents${query}`, { token });
const all = async (query: string) => (await collectAll(s.url, `/api/v2/incidents${query}`, s.tokens.civRead)).items;
const BAD_CURSOR = { error: 'unable to verify or parse pagination information' };

describe('ordering and pages', () => {
  it('newest-created first, 100 per page, timestamps naive with second precision', async () => {
    const r = await list('');
    expect(r.body.results).toHaveLength(100);
    const inserted = r.body.results.map((i: any) => i.inserted_at);
    expect([...inserted].sort().reverse()).toEqual(inserted);
    expect(inserted[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect(r.body.results[0].slug).toBe(s.known.civSlugs[0]);
    expect(r.body.previous).toBeNull();
    expect(typeof r.body.next).toBe('string');
  });
  it('next is non-null exactly when more than 100 items remain', async () => {
    for (let i = 0; i < 100; i++) {
      await call(s.url, '/api/v2/incidents/new', {
        token: s.tokens.empEdit,
        json: { description: `Incident number ${i}`, sensitive: ['Not Sensitive'] },
      });
    }
    expect((await list('', s.tokens.empEdit)).body.next).toBeNull();
    await call(s.url, '/api/v2/incidents/new', {
      token: s.tokens.empEdit,
      json: { description: 'Incident number 100', sensitive: ['Not Sensitive'] },
    });
    const first = await list('', s.tokens.empEdit);
    expect(first.body.next).toMatch(/^SFMyNTY\.[\w-]+\.[\w-]+$/);
    const second = await list(`?cursor=${first.body.next}`, s.tokens.empEdit);
    expect(second.body.results).toHaveLength(1);
    expect(second.body.next).toBeNull();
    expect(second.body.results[0].attr_description).toBe('Incident number 0');
    // Sending `previous` back gives the current page shifted by one, not the previous page (§3.3).
    const shifted = await list(`?cursor=${second.body.previous}`, s.tokens.empEdit);
    expect(shifted.body).toEqual({ results: [], next: null, previous: null });
  });
  it('previous on page 2 is the cursor of its first item', async () => {
    const first = await list('');
    const second = await list(`?cursor=${first.body.next}`);
    const shifted = await list(`?cursor=${second.body.previous}`);
    expect(shifted.body.results[0].id).toBe(second.body.results[1].id);
  });
  it('the cursor carries no filters: the client must resend them', async () => {
    const filter = 'attr_sensitive[]=Not%20Sensitive';
    const filtered = await list(`?${filter}`);
    expect(filtered.body.next).not.toBeNull();
    const withFilters = await list(`?${filter}&cursor=${filtered.body.next}`);
    expect(withFilters.body.results.length).toBeGreaterThan(0);
    expect(withFilters.body.results.every((i: any) => i.attr_sensitive.includes('Not Sensitive'))).toBe(true);
    const withoutFilters = await list(`?cursor=${filtered.body.next}`);
    expect(withoutFilters.body.results.some((i: any) => !i.attr_sensitive.includes('Not Sensitive'))).toBe(true);
  });
});

describe('bad cursors → HTTP 200 with the error body', () => {
  it.each([
    ['empty', ''],
    ['null', 'null'],
    ['garbage', 'abc.def.ghi'],
  ])('%s cursor', async (_name, cursor) => {
    for (const path of ['/api/v2/incidents', '/api/v2/source_material', '/api/v2/updates']) {
      const r = await call(s.url, `${path}?cursor=${cursor}`, { token: s.tokens.civRead });
      expect([r.status, r.body]).toEqual([200, BAD_CURSOR]);
    }
  });
  it('a cursor from another token of the same project', async () => {
    const first = await list('');
    const r = await list(`?cursor=${first.body.next}`, s.tokens.civEdit);
    expect([r.status, r.body]).toEqual([200, BAD_CURSOR]);
  });
  it('a tampered cursor', async () => {
    const first = await list('');
    const [h, payload, sig] = (first.body.next as string).split('.');
    const r = await list(`?cursor=${h}.${payload}x.${sig}`);
    expect(r.body).toEqual(BAD_CURSOR);
  });
  it('expires 24 h after issue (advanceClock)', async () => {
    const first = await list('');
    s.control.advanceClock(23 * 3600_000);
    expect((await list(`?cursor=${first.body.next}`)).body.results).toHaveLength(100);
    s.control.advanceClock(3600_000 + 1000);
    expect((await list(`?cursor=${first.body.next}`)).body).toEqual(BAD_CURSOR);
  });
});

describe('search parameters', () => {
  it('query matches description words (any order), slug, display slug and source URLs after auto-metadata', async () => {
    // A slow auto-metadata step so "not yet searchable" can be observed even on a loaded machine.
    const slow = await startStandin({ archiver: 'never', incidents: 20, autoMetadataDelayMs: 1500 });
    try {
      const find = async (query: string) =>
        (
          await collectAll(slow.url, `/api/v2/incidents?query=${encodeURIComponent(query)}`, slow.tokens.civRead)
        ).items.map((i) => i.slug);
      const created = await call(slow.url, '/api/v2/incidents/new', {
        token: slow.tokens.civEdit,
        json: { description: 'Zebra crossing destroyed near the quarry', sensitive: ['Not Sensitive'] },
      });
      const slug = created.body.result.slug as string;
      expect(await find('quarry zebra')).toEqual([slug]);
      expect(await find(slug.toLowerCase())).toContain(slug);
      expect(await find(`CIV-${slug}`)).toContain(slug); // XXXXX-ABC123 → ABC123
      expect(await find(`ZZ-${slug}`)).toContain(slug);
      const url = 'https://example.org/unique-path-8823';
      await call(slow.url, `/api/v2/source_material/new/${slug}`, { token: slow.tokens.civEdit, json: { url } });
      expect(await find(url)).toEqual([]);
      await until(async () => (await find(url)).length > 0);
      expect(await find(url)).toEqual([slug]);
    } finally {
      await slow.close();
    }
  });
  it('query matches status, sensitivity and custom attribute values', async () => {
    expect((await all('?query=Graphic%20Violence')).every((i) => JSON.stringify(i).includes('Graphic Violence'))).toBe(
      true,
    );
    const agricultural = await all('?query=agricultural');
    expect(agricultural.length).toBeGreaterThan(0);
    expect(agricultural.every((i) => JSON.stringify(i.project_attributes).includes('Agricultural'))).toBe(true);
    const help = await all('?query=Help%20Needed');
    expect(help.length).toBeGreaterThan(0);
    expect(help.every((i) => i.attr_status === 'Help Needed')).toBe(true);
  });
  it('attr_status[] filters; a trailing plain key drops the whole filter (docs example)', async () => {
    const done = await all('?attr_status[]=Completed&attr_status[]=Cancelled');
    expect(done.length).toBeGreaterThan(0);
    expect(done.every((i) => ['Completed', 'Cancelled'].includes(i.attr_status))).toBe(true);
    const quirk = await all('?attr_status[]=To+Do&attr_status=Cancelled');
    const everything = await all('');
    expect(quirk.length).toBe(everything.length);
    expect((await all('?attr_status=Cancelled')).length).toBe(everything.length);
  });
  it('attr_tags[] and attr_sensitive[] overlap, with [Unset]', async () => {
    const tagged = await all('?attr_tags[]=priority');
    expect(tagged.length).toBeGreaterThan(0);
    expect(tagged.every((i) => i.attr_tags.includes('priority'))).toBe(true);
    const unset = await all('?attr_tags[]=[Unset]');
    expect(unset.every((i) => i.attr_tags === null || i.attr_tags.length === 0)).toBe(true);
    const graphic = await all('?attr_sensitive[]=Graphic%20Violence');
    expect(graphic.every((i) => i.attr_sensitive.includes('Graphic Violence'))).toBe(true);
  });
  it('date bounds are inclusive; unparseable dates are ignored', async () => {
    const everything = await all('');
    const day = everything.find((i) => i.attr_date !== null).attr_date as string;
    const exact = await all(`?attr_date_min=${day}&attr_date_max=${day}`);
    expect(exact.length).toBeGreaterThan(0);
    expect(exact.every((i) => i.attr_date === day)).toBe(true);
    expect((await all('?attr_date_min=yesterday')).length).toBe(everything.length);
  });
  it('geolocation radius (≈ km); unparseable point ignored', async () => {
    const created = await call(s.url, '/api/v2/incidents/new', {
      token: s.tokens.empEdit,
      json: { description: 'Located incident in Kyiv', sensitive: ['Not Sensitive'], geolocation: '50.45, 30.52' },
    });
    expect(created.body.result.attr_geolocation).toEqual({
      type: 'Point',
      coordinates: [30.52, 50.45],
      crs: { type: 'name', properties: { name: 'EPSG:4326' } },
    });
    await call(s.url, '/api/v2/incidents/new', {
      token: s.tokens.empEdit,
      json: { description: 'Far away incident', sensitive: ['Not Sensitive'], geolocation: '10,10' },
    });
    const near = await list('?attr_geolocation=50.46,30.53&attr_geolocation_radius=5', s.tokens.empEdit);
    expect(near.body.results.map((i: any) => i.attr_description)).toEqual(['Located incident in Kyiv']);
    expect((await list('?attr_geolocation=50.6,30.8', s.tokens.empEdit)).body.results).toEqual([]);
    expect((await list('?attr_geolocation=nowhere', s.tokens.empEdit)).body.results).toHaveLength(2);
  });
  it('no_media_versions is asymmetric', async () => {
    const a = await call(s.url, '/api/v2/incidents/new', {
      token: s.tokens.empEdit,
      json: { description: 'Incident with pending material', sensitive: ['Not Sensitive'] },
    });
    await call(s.url, '/api/v2/incidents/new', {
      token: s.tokens.empEdit,
      json: { description: 'Incident without material', sensitive: ['Not Sensitive'] },
    });
    await call(s.url, `/api/v2/source_material/new/${a.body.result.slug}`, {
      token: s.tokens.empEdit,
      json: { url: 'https://example.org/x' },
    });
    const without = await list('?no_media_versions=true', s.tokens.empEdit);
    expect(without.body.results).toHaveLength(2); // pending material is not "complete"
    const withAny = await list('?no_media_versions=false', s.tokens.empEdit);
    expect(withAny.body.results.map((i: any) => i.attr_description)).toEqual(['Incident with pending material']);
  });
  it('deleted=true returns only deleted incidents', async () => {
    const deleted = await all('?deleted=true');
    expect(deleted.map((i) => i.slug)).toContain(s.known.civDeletedSlug);
    expect(deleted.every((i) => i.deleted === true)).toBe(true);
    expect((await all('')).some((i) => i.deleted)).toBe(false);
    expect((await all('?deleted=1')).length).toBe(deleted.length);
  });
  it('project_id: own id is a no-op, another project or "unset" gives nothing', async () => {
    const everything = await all('');
    expect((await all(`?project_id=${s.projects.civ.id}`)).length).toBe(everything.length);
    expect(await all(`?project_id=${s.projects.brd.id}`)).toEqual([]);
    expect(await all('?project_id=unset')).toEqual([]);
  });
  it.each([
    ['description_asc', (i: any) => i.attr_description, 1],
    ['description_desc', (i: any) => i.attr_description, -1],
    ['modified_desc', (i: any) => i.updated_at, -1],
    ['uploaded_asc', (i: any) => i.inserted_at, 1],
  ])('sort=%s orders by its field', async (sort, field, direction) => {
    const items = await all(`?sort=${sort}`);
    for (let k = 1; k < items.length; k++) {
      const a = field(items[k - 1]);
      const b = field(items[k]);
      expect(direction === 1 ? a <= b : a >= b).toBe(true);
    }
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });
  it('unknown keys, display and page are ignored', async () => {
    const everything = await list('');
    const extra = await list('?display=map&page=3&foo=bar');
    expect(extra.body.results.map((i: any) => i.id)).toEqual(everything.body.results.map((i: any) => i.id));
  });
});

describe('seeded data', () => {
  it('incident JSON shape: project, versions = source_material, project_attributes without the disabled attribute', async () => {
    const r = await list('');
    const incident = r.body.results.find((i: any) => i.source_material.length > 0) ?? r.body.results[0];
    expect(Object.keys(incident).sort()).toEqual(
      [
        'attr_description',
        'attr_date',
        'attr_equipment',
        'attr_general_location',
        'attr_geolocation',
        'attr_geolocation_resolution',
        'attr_impact',
        'attr_more_info',
        'attr_restrictions',
        'attr_sensitive',
        'attr_status',
        'attr_tags',
        'attr_type',
        'deleted',
        'id',
        'inserted_at',
        'project',
        'project_attributes',
        'slug',
        'source_material',
        'updated_at',
        'versions',
      ].sort(),
    );
    expect(incident.project.attributes.map((a: any) => a.name)).toContain('Legacy Notes');
    expect(incident.project_attributes.map((a: any) => a.name)).not.toContain('Legacy Notes');
    expect(incident.project.attributes[0]).not.toHaveProperty('id');
    expect(incident.versions).toEqual(incident.source_material);
  });
  it('has multilingual descriptions, soft-deleted incidents, BRD and ARC projects', async () => {
    const everything = await all('');
    expect(everything.some((i) => /[\u0600-\u06ff]/.test(i.attr_description))).toBe(true);
    expect(everything.some((i) => /[\u0400-\u04ff]/.test(i.attr_description))).toBe(true);
    expect(s.known.brdSlugs.length).toBe(30);
    const arc = await list('', s.tokens.arcEdit);
    expect(arc.body.results[0].project.active).toBe(false);
    expect(s.known.civSlugs).toHaveLength(248);
    expect(s.known.civSlugs.every((slug) => /^[0-9A-Z]{6}$/.test(slug))).toBe(true);
  });
});

describe('legacy slugs and joins', () => {
  it('a stored ATL-XXXXXX slug is found only by its literal (case-insensitive) form', async () => {
    const legacy = s.known.brdSlugs[s.known.brdSlugs.length - 1] as string;
    expect(legacy).toMatch(/^ATL-[0-9A-Z]{6}$/);
    const comment = (target: string) =>
      call(s.url, `/api/v2/add_comment/${target}`, { token: s.tokens.brdEdit, json: { message: 'legacy' } });
    expect((await comment(legacy)).body).toEqual({ success: true });
    expect((await comment(legacy.slice(4))).body).toEqual({ error: 'incident not found' });
    // `atl-…` has a prefix other than exactly `ATL`, so it is dropped and the rest does not match either.
    expect((await comment(legacy.toLowerCase())).body).toEqual({ error: 'incident not found' });
  });
  it('has_been_edited_by_id joins non-comment updates by that user (duplicates possible)', async () => {
    const updates = (await collectAll(s.url, '/api/v2/updates', s.tokens.civRead)).items;
    const byUser = updates.filter((u) => u.user !== null && u.type !== 'comment');
    const userId = byUser[0].user.id as string;
    const live = new Set((await all('')).map((i) => i.id));
    const expected = byUser.filter((u) => u.user.id === userId && live.has(u.media_id)).map((u) => u.media_id);
    const found = await all(`?has_been_edited_by_id=${userId}`);
    expect(found.map((i) => i.id).sort()).toEqual(expected.sort());
    expect((await all('?has_been_edited_by_id=not-a-uuid')).length).toBe((await all('')).length);
    expect(await all(`?only_subscribed_id=${userId}`)).toEqual([]);
  });
});

describe('date sorts and incidents without a date (§3.6)', () => {
  it('the page after a cursor taken on an incident without a date is an empty 500; other cursors work', async () => {
    const nullBoundaries: number[] = [];
    for (const sort of ['date_desc', 'date_asc']) {
      let cursor: string | null = null;
      for (let pageNo = 0; pageNo < 50; pageNo++) {
        const r = await list(`?sort=${sort}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(r.status).toBe(200);
        if (!r.body.next) break;
        const last = r.body.results[r.body.results.length - 1];
        if (last.attr_date === null) {
          const next = await list(`?sort=${sort}&cursor=${encodeURIComponent(r.body.next)}`);
          expect([next.status, next.text]).toEqual([500, '']);
          nullBoundaries.push(pageNo);
          break;
        }
        cursor = r.body.next;
      }
    }
    expect(nullBoundaries.length).toBeGreaterThan(0);
  });
});
