// @vitest-environment node
/**
 * Connecting (lib/connections) against the local Atlos stand-in over real HTTP: which tokens are
 * accepted, how the project is learned, and what a person is told for each failure.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createAtlosClient } from '../../lib/atlos/client.ts';
import { validateConnection } from '../../lib/connections/connect.ts';
import { createConnectionRegistry } from '../../lib/connections/registry.ts';
import { createConnectionsService } from '../../lib/connections/service.ts';
import { createConnectionStore } from '../../lib/connections/store.ts';
import { createTokenVault } from '../../lib/connections/vault.ts';
import { fakePermissions } from '../../lib/connections/testing/fakes.ts';
import { startStandin, type Standin } from '../standin/server.ts';

let standin: Standin;
let other: Server;
let otherUrl = '';
let closedPortUrl = '';
const seen: string[] = [];

/** A plain web server: 404 HTML on /api, a redirect on /redirect-site, an SPA-like 200 page on /spa. */
function startPlainServer(): Promise<Server> {
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} auth=${req.headers.authorization ?? ''}`);
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>Not found</title><h1>Not found</h1>');
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

beforeAll(async () => {
  standin = await startStandin({ incidents: 30, archiver: 'never' });
  other = await startPlainServer();
  otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  // A port that was free a moment ago and is closed now: nothing listens there.
  const probe = await startPlainServer();
  closedPortUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
  await new Promise((ok) => probe.close(ok));
});
afterAll(async () => {
  await standin?.close();
  await new Promise((ok) => other?.close(ok));
});
beforeEach(() => {
  fakeBrowser.reset();
  standin.control.reset();
  standin.control.setOffline(false);
});

const validate = (url: string, token: string) =>
  validateConnection(url, token, { createClient: createAtlosClient, timeoutMs: 5000 });

describe('connect validation against the stand-in', () => {
  it('learns each project from its incidents', async () => {
    const civ = await validate(standin.url, standin.tokens.civEdit);
    expect(civ).toEqual({ ok: true, origin: standin.url, project: standin.projects.civ });
    const brd = await validate(standin.url, standin.tokens.brdEdit);
    expect(brd).toEqual({ ok: true, origin: standin.url, project: standin.projects.brd });
  });

  it('accepts the token of a project without incidents, project not yet known', async () => {
    expect(await validate(standin.url, standin.tokens.empEdit)).toEqual({
      ok: true,
      origin: standin.url,
      project: null,
    });
  });

  it('accepts a token of an archived project (reads keep working)', async () => {
    expect(await validate(standin.url, standin.tokens.arcEdit)).toMatchObject({
      ok: true,
      project: { code: standin.projects.arc.code },
    });
  });

  it.each([
    ['a deactivated token', () => standin.tokens.deactivated],
    ['a legacy (v1) token', () => standin.tokens.legacy],
    ['a made-up token', () => 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='],
  ])('refuses %s, saying to copy it again', async (_name, token) => {
    expect(await validate(standin.url, token())).toEqual({
      ok: false,
      error: {
        kind: 'invalid_token',
        message:
          "Atlos did not accept this token. Copy it again from your project's Access page; a deactivated token stops working.",
      },
    });
  });

  it('says an ordinary web server is not an Atlos instance', async () => {
    const result = await validate(otherUrl, standin.tokens.civEdit);
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'not_atlos',
        message: `${otherUrl} does not answer like an Atlos instance. Check the Atlos URL; it is the address you open Atlos at, such as https://platform.atlos.org.`,
      },
    });
  });

  it('says an address that cannot be reached cannot be reached', async () => {
    const result = await validate(closedPortUrl, standin.tokens.civEdit);
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'network',
        message: `Could not reach ${closedPortUrl}. Check the address and your internet connection, then try again.`,
      },
    });
    standin.control.setOffline(true);
    expect(await validate(standin.url, standin.tokens.civEdit)).toMatchObject({
      ok: false,
      error: { kind: 'network' },
    });
  });

  it('refuses plain http to a non-local host without sending anything', async () => {
    const before = seen.length;
    const result = await validate('http://example.com', standin.tokens.civEdit);
    expect(result).toMatchObject({ ok: false, error: { kind: 'insecure' } });
    expect(seen.length).toBe(before);
  });
});

describe('connections against the stand-in', () => {
  it('connects two projects, keeps the good one through a failed attempt, routes each token to its instance only', async () => {
    const permissions = fakePermissions(['http://127.0.0.1/*']);
    const store = createConnectionStore({ vault: createTokenVault('integration-connect') });
    const service = createConnectionsService({ store, permissions, createClient: createAtlosClient, timeoutMs: 5000 });
    const civ = await service.connect({ baseUrl: standin.url, token: standin.tokens.civEdit });
    const brd = await service.connect({ baseUrl: standin.url, token: standin.tokens.brdEdit });
    expect(civ.ok && brd.ok).toBe(true);
    const before = await service.list();
    expect(before.map((c) => c.project?.code)).toEqual([standin.projects.civ.code, standin.projects.brd.code]);

    // Same project, bad token: refused, nothing changes.
    expect((await service.connect({ baseUrl: standin.url, token: standin.tokens.deactivated })).ok).toBe(false);
    expect((await service.connect({ baseUrl: otherUrl, token: standin.tokens.civEdit })).ok).toBe(false);
    expect(await service.list()).toEqual(before);

    // The capture side gets working clients, each sending its own token to the stand-in only.
    standin.control.clearRequests();
    const registry = createConnectionRegistry({ store, permissions, createClient: createAtlosClient });
    for (const connection of before) {
      const page = await (await registry.getClient(connection.id)).listIncidents();
      expect(page.results[0]?.project.id).toBe(connection.project?.id);
    }
    const auth = standin.control.requests().map((r) => r.authorization);
    expect(auth).toEqual([`Bearer ${standin.tokens.civEdit}`, `Bearer ${standin.tokens.brdEdit}`]);
    // The plain server saw the one failed attempt, and it did not get a token it should not have
    // had: that token was typed in for that address by the person (it is refused and not stored).
    expect(seen.filter((line) => line.includes(standin.tokens.brdEdit))).toEqual([]);
  });
});
