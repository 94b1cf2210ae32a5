/** A job follows its instance and project to a connection made again, never to another project. */
import { describe, expect, it } from 'vitest';
import { AtlosError } from '../atlos/errors';
import type { ConnectionSummary } from '../connections/protocol';
import { followConnection } from './follow-connection';
import { summarize } from './job';
import { captureRequest } from './testing/fixtures';
import { setupEngine } from './testing/setup';

const CIV = { id: 'p-civ', name: 'Civilian Harm Monitor', code: 'CIV' };
const BRD = { id: 'p-brd', name: 'Border', code: 'BRD' };
const conn = (id: string, baseUrl: string, project: typeof CIV | null): ConnectionSummary => ({
  id,
  baseUrl,
  project,
  tokenHint: 'abcd',
  status: 'ok',
  addedAt: '2026-01-01T00:00:00.000Z',
});

describe('followConnection', () => {
  const list = [
    conn('new', 'https://atlos.test', CIV),
    conn('other', 'https://atlos.test', BRD),
    conn('blank', 'https://atlos.test', null),
  ];
  it('keeps a connection that still exists', () => {
    expect(followConnection(list, { connectionId: 'other' })).toEqual({
      connectionId: 'other',
      baseUrl: 'https://atlos.test',
      projectId: 'p-brd',
    });
  });
  it('follows the same instance and project to a connection made again', () => {
    expect(
      followConnection(list, { connectionId: 'gone', baseUrl: 'https://atlos.test', projectId: 'p-civ' })?.connectionId,
    ).toBe('new');
  });
  it('never to another instance, another project, or when the project was not known', () => {
    expect(
      followConnection(list, { connectionId: 'gone', baseUrl: 'https://other.test', projectId: 'p-civ' }),
    ).toBeUndefined();
    expect(
      followConnection(list, { connectionId: 'gone', baseUrl: 'https://atlos.test', projectId: 'p-xyz' }),
    ).toBeUndefined();
    expect(
      followConnection(list, { connectionId: 'gone', baseUrl: 'https://atlos.test', projectId: null }),
    ).toBeUndefined();
  });
});

describe('a capture whose connection was removed and made again', () => {
  it('fails while the connection is gone, then goes on through the new one without losing a file', async () => {
    let connections = [conn('conn-1', 'https://atlos.test', CIV)];
    const t = await setupEngine({
      connectionFor: async (ref) => followConnection(connections, ref),
      getClient: async (id) => {
        if (!connections.some((c) => c.id === id)) throw new AtlosError('invalid_token');
        return t.atlos.client;
      },
    });
    // The connection is removed while the capture is on its way.
    t.atlos.faults.push({
      op: 'create',
      when: 'before',
      error: new AtlosError('server', { status: 500 }),
      onFire: () => (connections = []),
    });
    const { jobId } = await t.engine.startCapture(captureRequest({ archive: false }));
    await t.engine.whenIdle();
    const failed = await t.job(jobId);
    expect(failed).toMatchObject({
      state: 'failed',
      error: { kind: 'connection' },
      projectId: 'p-civ',
      baseUrl: 'https://atlos.test',
    });
    expect(summarize(failed).unsentFiles).toBe(2);
    connections = [conn('conn-2', 'https://atlos.test', CIV)];
    await t.engine.runPending({ reconnected: true });
    await t.engine.whenIdle();
    const job = await t.job(jobId);
    expect(job.state).toBe('done');
    expect(job.request.incident.connectionId).toBe('conn-2');
    expect(t.atlos.sourceMaterials[0]!.artifacts).toHaveLength(2);
  });

  it('does not follow to a connection of another project', async () => {
    let connections = [conn('conn-1', 'https://atlos.test', CIV)];
    const t = await setupEngine({
      connectionFor: async (ref) => followConnection(connections, ref),
      getClient: async (id) => {
        if (!connections.some((c) => c.id === id)) throw new AtlosError('invalid_token');
        return t.atlos.client;
      },
    });
    t.atlos.faults.push({
      op: 'create',
      when: 'before',
      error: new AtlosError('server', { status: 500 }),
      onFire: () => (connections = []),
    });
    const { jobId } = await t.engine.startCapture(captureRequest({ archive: false }));
    await t.engine.whenIdle();
    connections = [conn('conn-3', 'https://atlos.test', BRD)];
    await t.engine.runPending({ reconnected: true });
    await t.engine.whenIdle();
    expect(await t.job(jobId)).toMatchObject({ state: 'failed', request: { incident: { connectionId: 'conn-1' } } });
    expect(t.atlos.sourceMaterials).toEqual([]);
  });

  it('a change to the same, still refused connection does not restart the job (no loop of failures)', async () => {
    const connections = [conn('conn-1', 'https://atlos.test', CIV)];
    let refused = false;
    const settled: string[] = [];
    const t = await setupEngine({
      connectionFor: async (ref) => followConnection(connections, ref),
      getClient: async () => {
        if (refused) throw new AtlosError('invalid_token');
        return t.atlos.client;
      },
      onJobSettled: (job) => settled.push(job.state),
    });
    t.atlos.faults.push({
      op: 'create',
      when: 'before',
      error: new AtlosError('server', { status: 500 }),
      onFire: () => (refused = true),
    });
    const { jobId } = await t.engine.startCapture(captureRequest({ archive: false }));
    await t.engine.whenIdle();
    await t.engine.runPending({ reconnected: true });
    await t.engine.whenIdle();
    expect((await t.job(jobId)).state).toBe('failed');
    expect(settled).toEqual(['failed']);
  });
});
