// @vitest-environment node
// Fault injection (each kind), offline mode, the request log, the scoped_id race and the HTTP control interface.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startStandin } from './server.ts';
import { call, useStandin } from './test-helpers.ts';

const s = useStandin({ archiver: 'never', incidents: 120 });

const CREATE = 'POST /api/v2/source_material/new/:slug';
const versionCount = () => s.control.state().sourceMaterial.length;
const createVersion = () =>
  call(s.url, `/api/v2/source_material/new/${s.known.civSlugs[0]}`, {
    token: s.tokens.civEdit,
    json: { url: 'https://example.org/f' },
  });

describe('fault kinds', () => {
  it('http500: empty 500 without acting', async () => {
    const before = versionCount();
    s.control.injectFault({ route: CREATE, kind: 'http500' });
    const r = await createVersion();
    expect([r.status, r.text]).toEqual([500, '']);
    expect(versionCount()).toBe(before);
    expect((await createVersion()).status).toBe(200); // times defaults to 1
  });
  it('html502: a proxy HTML page without acting', async () => {
    const before = versionCount();
    s.control.injectFault({ route: CREATE, kind: 'html502' });
    const r = await createVersion();
    expect(r.status).toBe(502);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r.text).toContain('502 Bad Gateway');
    expect(versionCount()).toBe(before);
  });
  it('reset: the connection drops before acting', async () => {
    const before = versionCount();
    s.control.injectFault({ kind: 'reset' });
    await expect(createVersion()).rejects.toThrow();
    expect(versionCount()).toBe(before);
  });
  it('stall: held for stallMs, then reset, without acting', async () => {
    const before = versionCount();
    s.control.injectFault({ route: CREATE, kind: 'stall', stallMs: 200 });
    await expect(createVersion()).rejects.toThrow();
    expect(versionCount()).toBe(before);
  });
  it('lost_response: the server acts, the client never sees the answer', async () => {
    const before = versionCount();
    s.control.injectFault({ route: CREATE, kind: 'lost_response' });
    await expect(createVersion()).rejects.toThrow();
    expect(versionCount()).toBe(before + 1);
  });
  it('lost_response on an upload stores the file', async () => {
    const version = (await createVersion()).body.result;
    s.control.injectFault({ route: 'POST /api/v2/source_material/upload/:id', kind: 'lost_response' });
    const data = new FormData();
    data.append('file', new Blob(['bytes']), 'a.txt');
    await expect(
      call(s.url, `/api/v2/source_material/upload/${version.id}`, { token: s.tokens.civEdit, multipart: data }),
    ).rejects.toThrow();
    const stored = s.control.state().sourceMaterial.find((v: any) => v.id === version.id) as any;
    expect(stored.artifacts).toHaveLength(1);
  });
  it('targets only its route, counts `times`, and reports stats', async () => {
    s.control.injectFault({ route: CREATE, kind: 'http500', times: 2 });
    expect((await call(s.url, '/api/v2/incidents', { token: s.tokens.civRead })).status).toBe(200);
    expect((await createVersion()).status).toBe(500);
    expect((await createVersion()).status).toBe(500);
    expect((await createVersion()).status).toBe(200);
    expect(s.control.faultStats()).toEqual({ injected: 2, byKind: { http500: 2 } });
    s.control.injectFault({ kind: 'http500', times: 5 });
    s.control.clearFaults();
    expect((await createVersion()).status).toBe(200);
  });
  it('random faults are seeded and deterministic; null turns them off', async () => {
    const run = async (): Promise<number[]> => {
      s.control.reset();
      s.control.randomFaults({ rate: 0.5, kinds: ['http500', 'html502'], seed: 7 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++)
        statuses.push((await call(s.url, '/api/v2/source_material', { token: s.tokens.civRead })).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first.some((x) => x !== 200)).toBe(true);
    expect(first.some((x) => x === 200)).toBe(true);
    expect(s.control.faultStats().injected).toBe(first.filter((x) => x !== 200).length);
    s.control.randomFaults(null);
    expect((await call(s.url, '/api/v2/source_material', { token: s.tokens.civRead })).status).toBe(200);
  });
  it('random faults can be limited to routes', async () => {
    s.control.randomFaults({ rate: 1, kinds: ['http500'], seed: 1, routes: [CREATE] });
    expect((await call(s.url, '/api/v2/source_material', { token: s.tokens.civRead })).status).toBe(200);
    expect((await createVersion()).status).toBe(500);
  });
});

describe('client aborts', () => {
  it('an upload aborted half-way stores nothing and the server keeps serving', async () => {
    const version = (await createVersion()).body.result;
    await new Promise<void>((resolve) => {
      const req = request(`${s.url}/api/v2/source_material/upload/${version.id}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${s.tokens.civEdit}`,
          'content-type': 'multipart/form-data; boundary=B',
          'content-length': 10_000_000,
        },
      });
      req.on('error', () => resolve());
      req.write('--B\r\nContent-Disposition: form-data; name="file"; filename="half.bin"\r\n\r\n');
      req.write(Buffer.alloc(100_000, 1), () => setTimeout(() => req.destroy(), 50));
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(
      (await call(s.url, `/api/v2/source_material/${version.id}`, { token: s.tokens.civRead })).body.result.artifacts,
    ).toEqual([]);
  });
});

describe('offline', () => {
  it('resets every API and file connection; the control interface keeps working', async () => {
    s.control.setOffline(true);
    await expect(call(s.url, '/api/v2/incidents', { token: s.tokens.civRead })).rejects.toThrow();
    expect((await fetch(`${s.url}/__standin/fixtures`)).status).toBe(200);
    await fetch(`${s.url}/__standin/offline`, { method: 'POST', body: JSON.stringify({ offline: false }) });
    expect((await call(s.url, '/api/v2/incidents', { token: s.tokens.civRead })).status).toBe(200);
  });
});

describe('request log', () => {
  it('records credentials, Accept, route, status and faults of /api requests only', async () => {
    s.control.clearRequests();
    await call(s.url, '/api/v2/incidents?query=x&attr_status[]=To%20Do', {
      token: s.tokens.civRead,
      headers: { accept: '*/*' },
    });
    s.control.injectFault({ kind: 'http500' });
    await createVersion();
    await fetch(`${s.url}/__standin/state`);
    const records = s.control.requests();
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      method: 'GET',
      path: '/api/v2/incidents',
      query: { query: 'x', attr_status: ['To Do'] },
      authorization: `Bearer ${s.tokens.civRead}`,
      accept: '*/*',
      status: 200,
      route: 'GET /api/v2/incidents',
    });
    expect(records[1]).toMatchObject({ method: 'POST', status: 500, route: CREATE, fault: 'http500' });
    expect(typeof records[0]?.at).toBe('number');
  });
});

describe('concurrent creation on one incident', () => {
  it('races on scoped_id: one succeeds, the other gets an empty 500', async () => {
    // A wide creation window so both requests surely overlap, even on a loaded machine.
    const racy = await startStandin({ archiver: 'never', incidents: 10, createLatencyMs: 400 });
    try {
      const createOn = (target: string) =>
        call(racy.url, `/api/v2/source_material/new/${target}`, { token: racy.tokens.civEdit, json: {} });
      const target = racy.known.civSlugs[0] as string;
      const results = await Promise.all([createOn(target), createOn(target)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 500]);
      expect(results.find((r) => r.status === 500)?.text).toBe('');
      const state = racy.control.state();
      const incidentId = state.incidents.find((i: any) => i.slug === target)?.id;
      expect(
        state.sourceMaterial.filter((v: any) => v.incident_id === incidentId).map((v: any) => v.scoped_id),
      ).toEqual([1]);
      // Different incidents do not race.
      const other = await Promise.all([createOn(target), createOn(racy.known.civSlugs[1] as string)]);
      expect(other.map((r) => r.status)).toEqual([200, 200]);
    } finally {
      await racy.close();
    }
  });
});

describe('HTTP control interface', () => {
  const control = async (path: string, body?: unknown) => {
    const r = await fetch(
      `${s.url}/__standin/${path}`,
      body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) },
    );
    return { status: r.status, json: await r.json() };
  };
  it('fixtures, state, requests, faults, stats, clock and reset', async () => {
    const fixtures = (await control('fixtures')).json;
    expect(fixtures).toMatchObject({ url: s.url, tokens: s.tokens, projects: s.projects, known: s.known });
    const state = (await control('state')).json;
    expect(Object.keys(state).sort()).toEqual(['incidents', 'projects', 'sourceMaterial', 'updates']);
    expect(state.incidents).toHaveLength(120 + 30 + 4);

    await control('faults', { route: CREATE, kind: 'http500' });
    expect((await createVersion()).status).toBe(500);
    expect((await control('faults/stats')).json).toEqual({ injected: 1, byKind: { http500: 1 } });
    await control('faults/random', { rate: 1, kinds: ['html502'], seed: 3 });
    expect((await createVersion()).status).toBe(502);
    await control('faults/random', null);
    await control('faults', { kind: 'http500' });
    await control('faults/clear', {});
    expect((await createVersion()).status).toBe(200);

    const requests = (await control('requests')).json;
    expect(requests.length).toBeGreaterThanOrEqual(3);
    await control('requests/clear', {});
    expect((await control('requests')).json).toEqual([]);

    const page = await call(s.url, '/api/v2/incidents', { token: s.tokens.civRead });
    expect(
      (await call(s.url, `/api/v2/incidents?cursor=${page.body.next}`, { token: s.tokens.civRead })).body.results,
    ).toHaveLength(18);
    await control('clock/advance', { ms: 86_400_000 + 1000 });
    const expired = await call(s.url, `/api/v2/incidents?cursor=${page.body.next}`, { token: s.tokens.civRead });
    expect(expired.body).toEqual({ error: 'unable to verify or parse pagination information' });

    await control('reset', {});
    expect((await control('state')).json.sourceMaterial.length).toBe(state.sourceMaterial.length);
    expect((await control('requests')).json).toEqual([]);
    expect((await control('nope')).status).toBe(404);
  });
  it('answers cross-origin test pages (CORS on /__standin only)', async () => {
    const preflight = await fetch(`${s.url}/__standin/reset`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:9', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect((await fetch(`${s.url}/__standin/fixtures`)).headers.get('access-control-allow-origin')).toBe('*');
  });
  it('state(only) copies just the requested parts, also over HTTP', async () => {
    const partial = s.control.state(['sourceMaterial']);
    expect(partial.sourceMaterial.length).toBe(s.control.state().sourceMaterial.length);
    expect([partial.incidents, partial.updates, partial.projects]).toEqual([[], [], []]);
    const overHttp = await (await fetch(`${s.url}/__standin/state?only=projects,updates`)).json();
    expect(overHttp.projects).toHaveLength(4);
    expect(overHttp.incidents).toEqual([]);
  });
  it('state() is a deep copy', async () => {
    const state = s.control.state();
    (state.incidents[0] as any).attr_description = 'changed';
    expect((s.control.state().incidents[0] as any).attr_description).not.toBe('changed');
  });
});
