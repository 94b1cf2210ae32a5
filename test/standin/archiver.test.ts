// @vitest-environment node
// The archiver lifecycle of §10, including the race that drops files and metadata written to a running `direct` job.
import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { startStandin, type Standin } from './server.ts';
import { call, sleep, useStandin } from './test-helpers.ts';

const uploadTo = (s: Standin, id: string, name: string, bytes: string) => {
  const data = new FormData();
  data.append('file', new Blob([bytes]), name);
  return call(s.url, `/api/v2/source_material/upload/${id}`, { token: s.tokens.civEdit, multipart: data });
};
const create = async (s: Standin, body: Record<string, unknown>, target = s.known.civSlugs[0]) =>
  (await call(s.url, `/api/v2/source_material/new/${target}`, { token: s.tokens.civEdit, json: body })).body.result;
const read = async (s: Standin, id: string) =>
  (await call(s.url, `/api/v2/source_material/${id}`, { token: s.tokens.civRead })).body.result;

describe('manual mode', () => {
  const s = useStandin({ archiver: 'manual', incidents: 30 });

  it('direct: completes with real viewport and fullpage PNGs and the archiver metadata keys', async () => {
    const version = await create(s, { url: 'https://news.example.org/story', archive: 'true' });
    expect((await read(s, version.id)).status).toBe('pending');
    await s.control.finishArchiveJobs();
    const done = await read(s, version.id);
    expect(done.status).toBe('complete');
    expect(done.artifacts.map((a: any) => a.type)).toEqual(['viewport', 'fullpage']);
    for (const artifact of done.artifacts) {
      const bytes = Buffer.from(await (await fetch(artifact.access_url)).arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(artifact.file_hash_sha256);
      expect(bytes.length).toBe(artifact.file_size);
      expect(PNG.sync.read(bytes).width).toBe(64);
    }
    expect(done.metadata).toMatchObject({
      auto_archive_successful: true,
      crawl_successful: true,
      is_likely_authwalled: false,
      content_info: null,
    });
    expect(done.metadata.page_info.title).toContain('news.example.org');
  });
  it('RACE: a file and a metadata namespace written while the direct job runs are lost when it finishes', async () => {
    const version = await create(s, { url: 'https://example.org/racy', archive: 'true' });
    // The job has started (it is the only one in the queue), so it already holds its snapshot.
    const uploaded = await uploadTo(s, version.id, 'mine.png', 'my own bytes');
    expect(uploaded.body.result.artifacts).toHaveLength(1);
    await call(s.url, `/api/v2/source_material/metadata/${version.id}/capture`, {
      token: s.tokens.civEdit,
      json: { metadata: { mine: true } },
    });
    expect((await read(s, version.id)).metadata.capture).toEqual({ mine: true });
    await s.control.finishArchiveJobs();
    const done = await read(s, version.id);
    expect(done.artifacts.map((a: any) => a.type)).toEqual(['viewport', 'fullpage']);
    expect(done.metadata).not.toHaveProperty('capture');
  });
  it('one job at a time: a queued direct job snapshots only when it starts, so earlier writes survive', async () => {
    const first = await create(s, { url: 'https://example.org/first', archive: 'true' });
    const second = await create(s, { url: 'https://example.org/second', archive: 'true' }, s.known.civSlugs[1]);
    await uploadTo(s, second.id, 'kept.txt', 'kept');
    await s.control.finishArchiveJobs();
    expect((await read(s, first.id)).status).toBe('complete');
    expect((await read(s, second.id)).artifacts.map((a: any) => a.type)).toEqual(['upload', 'viewport', 'fullpage']);
  });
  it('user_provided: re-reads the version, keeps uploads and adds perceptual hashes to images', async () => {
    const version = await create(s, { url: 'https://example.org/mine' });
    await uploadTo(s, version.id, 'photo.jpg', 'jpeg-ish bytes');
    await uploadTo(s, version.id, 'notes.txt', 'notes');
    await s.control.finishArchiveJobs();
    const done = await read(s, version.id);
    expect(done.status).toBe('complete');
    expect(done.artifacts.map((a: any) => a.type)).toEqual(['upload', 'upload']);
    expect(done.artifacts[0].perceptual_hashes.computed[0].kind).toBe('phash');
    expect(done.artifacts[1].perceptual_hashes).toBeNull();
  });
  it('an upload after a user_provided job finished keeps perceptual_hashes null', async () => {
    const version = await create(s, {});
    await s.control.finishArchiveJobs();
    const r = await uploadTo(s, version.id, 'late.png', 'late');
    expect(r.body.result.status).toBe('complete');
    expect(r.body.result.artifacts[0].perceptual_hashes).toBeNull();
  });
  it('failures set error; Instagram is likely authwalled', async () => {
    const failing = await create(s, { url: 'https://broken.invalid/post', archive: 'true' });
    const walled = await create(s, { url: 'https://www.instagram.com/p/abc', archive: 'true' }, s.known.civSlugs[2]);
    await s.control.finishArchiveJobs();
    expect((await read(s, failing.id)).status).toBe('error');
    expect((await read(s, failing.id)).visibility).toBe('visible');
    const w = await read(s, walled.id);
    expect(w.status).toBe('complete');
    expect(w.metadata).toMatchObject({ is_likely_authwalled: true, crawl_successful: false });
  });
  it('finishArchiveJobs is also available over HTTP', async () => {
    const version = await create(s, { url: 'https://example.org/http', archive: 'true' });
    const r = await fetch(`${s.url}/__standin/archive/finish`, { method: 'POST' });
    expect(r.status).toBe(200);
    expect((await read(s, version.id)).status).toBe('complete');
  });
});

describe('auto mode', () => {
  const s = useStandin({ archiver: 'auto', archiveDurationMs: 150, incidents: 30 }, { reset: false });
  it('jobs complete on their own', async () => {
    const direct = await create(s, { url: 'https://example.org/auto', archive: 'true' });
    const plain = await create(s, { url: 'https://example.org/plain' }, s.known.civSlugs[1]);
    let statuses: string[] = [];
    for (let i = 0; i < 100; i++) {
      statuses = [(await read(s, direct.id)).status, (await read(s, plain.id)).status];
      if (statuses.every((x) => x === 'complete')) break;
      await sleep(50);
    }
    expect(statuses).toEqual(['complete', 'complete']);
    expect((await read(s, direct.id)).artifacts).toHaveLength(2);
  });
});

describe('never mode', () => {
  it('versions stay pending, like the Atlos test environment', async () => {
    const s = await startStandin({ archiver: 'never', incidents: 10 });
    try {
      const version = await create(s, { url: 'https://example.org/never', archive: 'true' });
      await s.control.finishArchiveJobs();
      expect((await read(s, version.id)).status).toBe('pending');
    } finally {
      await s.close();
    }
  });
});
