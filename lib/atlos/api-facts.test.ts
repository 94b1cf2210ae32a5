/**
 * Behaviours of real Atlos a client only learns by running against it (docs/atlos-api-behaviour.md):
 * ambiguous "not found or unauthorized", permission refusals disguised as field errors, proxies'
 * Retry-After, and date sorts whose cursor breaks.
 */
import { describe, expect, it } from 'vitest';
import { createAtlosClient } from './client.ts';
import { errorFromBody } from './errors.ts';
import { parseRetryAfter } from './request.ts';
import { failure } from './testing/failure.ts';

const TOKEN = 'tok_abcdefghijklmnopqrstuvwxyz0123456789ABCDE=';

function clientAnswering(responses: (() => Response)[]) {
  const sleeps: number[] = [];
  let calls = 0;
  const client = createAtlosClient({
    baseUrl: 'https://atlos.example',
    token: TOKEN,
    random: () => 0.5,
    sleep: async (ms) => void sleeps.push(ms),
    fetch: (async () => responses[Math.min(calls++, responses.length - 1)]!()) as typeof fetch,
  });
  return { client, sleeps, calls: () => calls };
}
const page = () => new Response(JSON.stringify({ results: [], next: null, previous: null }), { status: 200 });

describe('"… not found or unauthorized" names both possibilities', () => {
  it('says the item may be missing OR the token may not act on it, and what to check', () => {
    const error = errorFromBody(401, 'incident not found or unauthorized', false);
    expect(error.kind).toBe('not_found');
    expect(error.message).toMatch(/could not find that item, or the API token may not act on it/);
    expect(error.message).toMatch(/archived/);
    expect(error.message).toMatch(/read-only/);
  });
  it('keeps the plain message for a plain "not found"', () => {
    expect(errorFromBody(401, 'attribute not found', false).message).not.toMatch(/may not act on it/);
  });
});

describe('incident creation refused through field errors reads as a permission problem', () => {
  it('archived project: `project_id` field error', () => {
    const error = errorFromBody(401, { project_id: 'You cannot add incidents to this project.' }, false);
    expect(error.kind).toBe('permission');
    expect(error.serverMessage).toBe('You cannot add incidents to this project.');
    expect(error.fieldErrors).toEqual({ project_id: 'You cannot add incidents to this project.' });
  });
  it('read-only mode: nested per-attribute "does not have permission"', () => {
    const body = {
      project_attributes: [
        { value: 'This API token does not have permission to edit this attribute.', source: { value: 'x' } },
      ],
    };
    expect(errorFromBody(401, body, false).kind).toBe('permission');
  });
  it('ordinary field errors stay values to correct', () => {
    expect(errorFromBody(401, { attr_description: "can't be blank" }, false).kind).toBe('validation');
  });
});

describe('Retry-After on 429 and 503 (proxies in front of Atlos)', () => {
  it('waits at least the server’s delay before the retry', async () => {
    const { client, sleeps, calls } = clientAnswering([
      () => new Response('busy', { status: 429, headers: { 'retry-after': '7' } }),
      page,
    ]);
    await client.listSourceMaterial();
    expect(calls()).toBe(2);
    expect(sleeps).toEqual([7000]);
  });
  it('a 503 with a longer delay than the client waits itself is handed to the caller with the delay', async () => {
    const { client, sleeps, calls } = clientAnswering([
      () => new Response('', { status: 503, headers: { 'retry-after': '120' } }),
    ]);
    const error = await failure(client.listSourceMaterial());
    expect([error.kind, error.status, error.retryable, error.retryAfterMs]).toEqual(['server', 503, true, 120_000]);
    expect(calls()).toBe(1);
    expect(sleeps).toEqual([]);
  });
  it('a 429 is retryable even without Retry-After', async () => {
    const error = await failure(
      clientAnswering([() => new Response('', { status: 429 })]).client.addComment('K7Q2ZP', 'x'),
    );
    expect([error.kind, error.status, error.retryable, error.retryAfterMs]).toEqual(['server', 429, true, undefined]);
  });
  it('reads delay-seconds and HTTP dates', () => {
    const now = Date.parse('2026-12-03T12:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Thu, 03 Dec 2026 12:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Thu, 03 Dec 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('date sorts are not offered for full iteration', () => {
  it('refuses to walk a date sort, before any request', () => {
    const { client, calls } = clientAnswering([page]);
    // @ts-expect-error date sorts are not IterableIncidentSort
    expect(() => client.iterateIncidents({ sort: 'date_desc' })).toThrow(RangeError);
    expect(calls()).toBe(0);
  });
  it('still lists one page in date order, and walks other sorts', async () => {
    const { client } = clientAnswering([page]);
    await expect(client.listIncidents({ sort: 'date_asc' })).resolves.toMatchObject({ results: [] });
    const walked: unknown[] = [];
    for await (const incident of client.iterateIncidents({ sort: 'modified_desc' })) walked.push(incident);
    expect(walked).toEqual([]);
  });
});
