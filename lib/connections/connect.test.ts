import { describe, expect, it } from 'vitest';
import { AtlosError } from '../atlos/errors';
import { describeConnectFailure, refuseRedirects, RedirectedError, validateConnection } from './connect';
import { CIV, fakeAtlos } from './testing/fakes';

describe('validateConnection', () => {
  it('learns the project from the first incident', async () => {
    const atlos = fakeAtlos({ good: CIV });
    const result = await validateConnection('https://platform.atlos.org/incidents/CIV-ABC', '  good \n', {
      createClient: atlos.factory,
    });
    expect(result).toEqual({ ok: true, origin: 'https://platform.atlos.org', project: CIV });
    // Only the origin and the trimmed token were handed to the client.
    expect(atlos.created).toEqual([{ baseUrl: 'https://platform.atlos.org', token: 'good' }]);
  });

  it('accepts a valid token of a project without incidents, project unknown', async () => {
    const atlos = fakeAtlos({ empty: null });
    expect(await validateConnection('http://localhost:4000', 'empty', { createClient: atlos.factory })).toEqual({
      ok: true,
      origin: 'http://localhost:4000',
      project: null,
    });
  });

  it('explains each failure with something to do', async () => {
    const atlos = fakeAtlos({ good: CIV });
    const check = async (url: string, token: string) => {
      const r = await validateConnection(url, token, { createClient: atlos.factory });
      if (r.ok) throw new Error('expected a failure');
      return r.error;
    };
    expect(await check('https://platform.atlos.org', 'wrong')).toEqual({
      kind: 'invalid_token',
      message:
        "Atlos did not accept this token. Copy it again from your project's Access page; a deactivated token stops working.",
    });
    expect((await check('http://example.com', 'good')).kind).toBe('insecure');
    expect((await check('http://example.com', 'good')).message).toContain('only sends tokens over https');
    expect((await check('platform atlos', 'good')).kind).toBe('invalid_url');
    expect((await check('ftp://platform.atlos.org', 'good')).kind).toBe('invalid_url');
    expect((await check('https://platform.atlos.org', '   ')).kind).toBe('empty_token');
    atlos.failWith = 'network';
    expect((await check('https://platform.atlos.org', 'good')).message).toBe(
      'Could not reach https://platform.atlos.org. Check the address and your internet connection, then try again.',
    );
    atlos.failWith = 'unexpected';
    expect((await check('https://example.org', 'good')).message).toContain(
      'https://example.org does not answer like an Atlos instance',
    );
    atlos.failWith = 'timeout';
    expect((await check('https://example.org', 'good')).kind).toBe('timeout');
    atlos.failWith = 'server';
    expect((await check('https://example.org', 'good')).kind).toBe('server');
  });
});

describe('describeConnectFailure', () => {
  it('reads a refused redirect as "not an Atlos instance", not as unreachable', () => {
    const error = new AtlosError('network', { cause: new RedirectedError() });
    expect(describeConnectFailure(error, 'https://x.example').kind).toBe('not_atlos');
    expect(describeConnectFailure(new AtlosError('not_found'), 'https://x.example').kind).toBe('not_atlos');
    expect(describeConnectFailure(new TypeError('boom'), 'https://x.example').kind).toBe('not_atlos');
  });
});

describe('refuseRedirects', () => {
  it('throws on a redirect and passes other answers through', async () => {
    const seen: RequestInit[] = [];
    const base = (async (_url: RequestInfo | URL, init?: RequestInit) => {
      seen.push(init ?? {});
      return new Response(null, { status: 302, headers: { location: 'https://login.example/' } });
    }) as typeof fetch;
    await expect(refuseRedirects(base)('https://a.example/api', { redirect: 'error' })).rejects.toBeInstanceOf(
      RedirectedError,
    );
    expect(seen[0]?.redirect).toBe('manual');
    const ok = (async () => new Response('{}', { status: 200 })) as typeof fetch;
    expect((await refuseRedirects(ok)('https://a.example/api')).status).toBe(200);
  });
});
