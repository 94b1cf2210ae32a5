// @vitest-environment node
/**
 * The picker's background side (lib/incidents) against the local Atlos stand-in over real HTTP,
 * with two connected projects (CIV and BRD), the real client and the IndexedDB cache.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createAtlosClient, type AtlosClient } from '../../lib/atlos/client.ts';
import type { ConnectionSummary } from '../../lib/connections/protocol.ts';
import { incidentActivity, updateIncidentStatus } from '../../lib/incidents/activity.ts';
import { openIncidentCache, type IncidentCache } from '../../lib/incidents/cache.ts';
import { createIncident } from '../../lib/incidents/create.ts';
import { classifyDuplicates } from '../../lib/incidents/duplicates.ts';
import type { IncidentsDeps } from '../../lib/incidents/deps.ts';
import { createIncidentsService } from '../../lib/incidents/service.ts';
import { resolveIncidentReference, searchIncidents } from '../../lib/incidents/search.ts';
import { parseIncidentReference } from '../../lib/atlos/slug.ts';
import { useStandin } from '../standin/test-helpers.ts';

const standin = useStandin({ incidents: 250, archiver: 'manual' });
let cache: IncidentCache;
let deps: IncidentsDeps;
let dbCount = 0;

beforeEach(() => {
  cache = openIncidentCache({ name: `incidents-it-${++dbCount}` });
  const connections: ConnectionSummary[] = [
    {
      id: 'civ',
      baseUrl: standin.url,
      project: standin.projects.civ,
      tokenHint: 'xxxx',
      status: 'ok',
      addedAt: '2026-01-01T00:00:00Z',
    },
    {
      id: 'brd',
      baseUrl: standin.url,
      project: standin.projects.brd,
      tokenHint: 'yyyy',
      status: 'ok',
      addedAt: '2026-01-01T00:00:00Z',
    },
  ];
  deps = { cache, listConnections: async () => connections, getClient: async (id) => clientFor(id) };
});

/** The full client of a connection (the picker itself sees only the part `IncidentsClient` names). */
function clientFor(connectionId: string): AtlosClient {
  const tokens: Record<string, string> = { civ: standin.tokens.civEdit, brd: standin.tokens.brdEdit };
  return createAtlosClient({ baseUrl: standin.url, token: tokens[connectionId]!, retries: 0 });
}

const incidentRequests = () => standin.control.requests().filter((r) => r.route === 'GET /api/v2/incidents');
const civ = () =>
  standin.control.state().incidents.filter((i) => i.project_id === standin.projects.civ.id && !i.deleted);
const oldestCivSlug = () => standin.known.civSlugs[standin.known.civSlugs.length - 1]!;

describe('searchIncidents', () => {
  it('asks every connection for one first page only, and caches what it saw', async () => {
    const word = civ()[0]!
      .attr_description.split(/\s+/)
      .find((w) => w.length > 5)!;
    const results = await searchIncidents(deps, word);
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((o) => o.description.toLowerCase().includes(word.toLowerCase()) || o.slug)).toBe(true);
    const requests = incidentRequests();
    expect(requests).toHaveLength(2); // one per connection, never a second page
    expect(requests.every((r) => !r.rawQuery.includes('cursor'))).toBe(true);
    expect(requests.every((r) => new URLSearchParams(r.rawQuery).get('query') === word)).toBe(true);
    const cached = await cache.all();
    expect(cached.length).toBeGreaterThanOrEqual(results.length);
    expect(results[0]!.incidentUrl).toBe(`${standin.url}/incidents/${results[0]!.slug}`);
  });

  it('labels each result with its connection and project', async () => {
    const brdSlug = standin.known.brdSlugs[0]!;
    const [found] = await searchIncidents(deps, brdSlug);
    expect(found).toMatchObject({
      connectionId: 'brd',
      slug: brdSlug,
      projectCode: 'BRD',
      projectName: standin.projects.brd.name,
    });
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(searchIncidents(deps, 'market', controller.signal)).rejects.toThrow();
  });

  it('a newer search on the same channel aborts the older one', async () => {
    const handlers = createIncidentsService(deps);
    standin.control.injectFault({ route: 'GET /api/v2/incidents', kind: 'stall', times: 2, stallMs: 10_000 });
    const first = handlers.searchIncidents({ query: 'first query', channel: 'popup-1' });
    // Both of the first search's requests (one per connection) are held by the stand-in.
    while (standin.control.faultStats().injected < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    const second = handlers.searchIncidents({ query: civ()[0]!.slug, channel: 'popup-1' });
    await expect(first).rejects.toThrow();
    expect((await second).map((o) => o.slug)).toContain(civ()[0]!.slug);
  });
});

describe('resolveIncidentReference', () => {
  it('finds an old incident far beyond the first page by slug, CODE-SLUG and incident URL', async () => {
    const slug = oldestCivSlug();
    const firstPage = await (await deps.getClient('civ')).listIncidents({});
    expect(firstPage.results.map((i) => i.slug)).not.toContain(slug);
    for (const input of [slug.toLowerCase(), `CIV-${slug}`, `${standin.url}/incidents/CIV-${slug}/detail?x=1`]) {
      const found = await resolveIncidentReference(deps, parseIncidentReference(input)!);
      expect(found.map((o) => `${o.connectionId}/${o.slug}`)).toEqual([`civ/${slug}`]);
    }
    expect((await cache.get('civ', slug))?.slug).toBe(slug);
  });

  it('asks only the project a CODE-SLUG names', async () => {
    const slug = standin.known.brdSlugs[3]!;
    standin.control.clearRequests();
    const found = await resolveIncidentReference(deps, parseIncidentReference(`BRD-${slug}`)!);
    expect(found.map((o) => o.connectionId)).toEqual(['brd']);
    expect(incidentRequests()).toHaveLength(1);
  });

  it('finds nothing for a slug that does not exist', async () => {
    expect(await resolveIncidentReference(deps, { slug: 'ZZZZZ9' })).toEqual([]);
  });
});

describe('duplicates', () => {
  it('finds the incidents that already hold a URL, in one search; the popup splits them by the chosen incident', async () => {
    const [holder, chosen] = [civ()[3]!.slug, civ()[4]!.slug];
    const url = `https://example.org/dup-check/${Date.now()}`;
    await clientFor('civ').createSourceMaterial(holder, { url, archive: false });
    await new Promise((resolve) => setTimeout(resolve, 150)); // Atlos indexes source URLs asynchronously
    const service = createIncidentsService(deps);
    standin.control.clearRequests();
    const { matches } = await service.checkDuplicates({ url: `${url}#frag`, connectionId: 'civ' });
    expect(incidentRequests()).toHaveLength(1);
    expect(matches.map((o) => o.slug)).toEqual([holder]);
    const elsewhere = classifyDuplicates(url, matches, { connectionId: 'civ', slug: chosen });
    expect(elsewhere).toMatchObject({ inChosen: false, elsewhere: [{ slug: holder }] });
    expect(classifyDuplicates(url, matches, { connectionId: 'civ', slug: holder })).toMatchObject({
      inChosen: true,
      elsewhere: [],
    });
    expect((await service.checkDuplicates({ url: `${url}-other`, connectionId: 'civ' })).matches).toEqual([]);
  });
});

describe('incident context', () => {
  it('shows the latest updates and changes the status with a message', async () => {
    const slug = civ()[10]!.slug;
    const before = await incidentActivity(deps, 'civ', slug);
    expect(before.incident?.slug).toBe(slug);
    expect(before.items.length).toBeGreaterThan(0);
    const target = before.incident?.status === 'Completed' ? 'Help Needed' : 'Completed';
    const after = await updateIncidentStatus(deps, {
      connectionId: 'civ',
      slug,
      status: target,
      message: 'Checked from the extension',
    });
    expect(after.incident?.status).toBe(target);
    expect(after.items[0]).toMatchObject({
      type: 'update_attribute',
      attribute: 'status',
      text: 'Checked from the extension',
    });
  });

  it('reports Atlos refusing an unknown status value', async () => {
    const slug = civ()[11]!.slug;
    await expect(updateIncidentStatus(deps, { connectionId: 'civ', slug, status: 'Not a status' })).rejects.toThrow();
  });
});

describe('createIncident', () => {
  it('returns Atlos validation errors keyed by field', async () => {
    const short = await createIncident(deps, { connectionId: 'civ', description: 'short', sensitive: [] });
    expect(short.ok).toBe(false);
    if (short.ok) return;
    expect(Object.keys(short.fieldErrors)).toEqual(expect.arrayContaining(['attr_description', 'attr_sensitive']));
    const mixed = await createIncident(deps, {
      connectionId: 'civ',
      description: 'A long enough description',
      sensitive: ['Not Sensitive', 'Graphic Violence'],
    });
    expect(mixed.ok || mixed.fieldErrors.attr_sensitive).toMatch(/Not Sensitive/);
  });

  it('an archived project refuses through a field error; the person reads a permission problem, no field is blamed', async () => {
    const archived: ConnectionSummary = {
      id: 'arc',
      baseUrl: standin.url,
      project: null,
      tokenHint: 'zzzz',
      status: 'ok',
      addedAt: '2026-01-01T00:00:00Z',
    };
    const arcDeps: IncidentsDeps = {
      cache,
      listConnections: async () => [archived],
      getClient: async () => createAtlosClient({ baseUrl: standin.url, token: standin.tokens.arcEdit, retries: 0 }),
    };
    const refused = await createIncident(arcDeps, {
      connectionId: 'arc',
      description: 'A long enough description',
      sensitive: ['Not Sensitive'],
    });
    expect(refused).toMatchObject({ ok: false, fieldErrors: {} });
    if (refused.ok) return;
    expect(refused.message).toMatch(
      /^The API token may not do this \(Atlos says: "You cannot add incidents to this project\."\)/,
    );
    expect(refused.message).toMatch(/archived/);
  });

  it('creates the incident, shows it as To Do and caches it', async () => {
    const created = await createIncident(deps, {
      connectionId: 'brd',
      description: 'Crossing closed at the river ford',
      sensitive: ['Not Sensitive'],
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.incident).toMatchObject({
      connectionId: 'brd',
      projectCode: 'BRD',
      status: 'To Do',
      description: 'Crossing closed at the river ford',
    });
    expect(await cache.get('brd', created.incident.slug)).toBeTruthy();
  });
});
