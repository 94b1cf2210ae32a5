// @vitest-environment node
/**
 * Reconciliation against the local Atlos stand-in over real HTTP: when our create fails on the
 * network while a colleague (another API token, or a person in the web app) adds the same URL to
 * the incident, the capture creates its own source material and never touches theirs. A person's
 * comment with the same words is not taken for ours.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Colleague } from '../standin/control';
import { useStandin } from '../standin/test-helpers';
import { captureRequest, engineFor, expectInAtlosOnce } from './capture-helpers';

const standin = useStandin({ incidents: 20, archiver: 'manual' });

const CREATE = 'POST /api/v2/source_material/new/:slug';
const COMMENT = 'POST /api/v2/add_comment/:slug';
let n = 0;
const nextUrl = () => `https://shared.example/${Date.now()}/${++n}`;

/** An engine that already made one capture, so it knows its token's id from Atlos's record. */
async function warmEngine(slug: string) {
  const { make, store } = await engineFor(standin);
  const engine = make();
  const warm = await engine.startCapture(captureRequest(slug, nextUrl(), { archive: false }));
  await engine.whenIdle();
  expect((await store.get(warm.jobId))!.state).toBe('done');
  expect(await store.tokenId('civ')).toMatch(/^[0-9a-f-]{36}$/);
  return { engine, store };
}

describe('a colleague adds the same URL while our create fails on the network', () => {
  it.each<{ who: string; by: Colleague; warm: boolean; archive: boolean }>([
    { who: 'another API token', by: { tokenId: crypto.randomUUID() }, warm: true, archive: false },
    { who: 'another API token (archived)', by: { tokenId: crypto.randomUUID() }, warm: true, archive: true },
    { who: 'a person in the web app', by: { username: 'amira' }, warm: true, archive: false },
    { who: 'a person, before our token id is known', by: { username: 'lucia' }, warm: false, archive: true },
  ])('$who: we create our own and never touch theirs', async ({ by, warm, archive }) => {
    const slug = standin.known.civSlugs[warm ? 0 : 1]!;
    const { engine, store } = warm
      ? await warmEngine(slug)
      : await engineFor(standin).then(({ make, store: s }) => ({ engine: make(), store: s }));
    const url = nextUrl();
    const theirs = standin.control.addSourceMaterialAs({ slug, url, archive, by });
    standin.control.injectFault({ route: CREATE, kind: 'reset', times: 1 });
    const { jobId } = await engine.startCapture(captureRequest(slug, url, { archive }));
    await engine.whenIdle();
    expect(standin.control.faultStats().injected).toBe(1);
    const job = (await store.get(jobId))!;
    expect(job.state).toBe('done');
    expect([job.sourceMaterialId, job.archivedSourceMaterialId]).not.toContain(theirs);
    const state = standin.control.state();
    const colleague = state.sourceMaterial.find((s) => s.id === theirs)!;
    expect(colleague.artifacts).toEqual([]);
    expect(colleague.metadata).toEqual({});
    // Ours is there once, beside theirs.
    expectInAtlosOnce({ ...state, sourceMaterial: state.sourceMaterial.filter((s) => s.id !== theirs) }, job);
  });
});

describe('comments', () => {
  it('a person posts the same words while our comment fails on the network: ours is posted too', async () => {
    const slug = standin.known.civSlugs[2]!;
    const { engine, store } = await warmEngine(slug);
    const text = `Same words ${Date.now()}`;
    standin.control.addCommentAs({ slug, text, by: { username: 'sam' } });
    standin.control.injectFault({ route: COMMENT, kind: 'reset', times: 1 });
    const { jobId } = await engine.startCapture(captureRequest(slug, nextUrl(), { archive: false, comment: text }));
    await engine.whenIdle();
    const job = (await store.get(jobId))!;
    expect(job.state).toBe('done');
    const comments = standin.control
      .state(['updates'])
      .updates.filter((u) => u.type === 'comment' && u.explanation === text);
    expect(comments.map((c) => (c.user_id ? 'person' : 'token')).sort()).toEqual(['person', 'token']);
    expect(job.commentUpdateId).toBe(comments.find((c) => !c.user_id)!.id);
  });
});

describe('stand-in colleague routes over HTTP', () => {
  it('records who added the source material and the comment, as Atlos does', async () => {
    const slug = standin.known.civSlugs[3]!;
    const post = (path: string, body: unknown) =>
      fetch(`${standin.url}/__standin/colleague/${path}`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
    const created = (await (
      await post('source-material', { slug, url: 'https://x.example/1', by: { username: 'amira' } })
    ).json()) as { id: string };
    expect((await post('comment', { slug, text: 'hello', by: { tokenId: 'tok-1' } })).status).toBe(200);
    expect((await post('comment', { slug, text: 'x', by: { username: 'nobody' } })).status).toBe(400);
    const updates = standin.control.state(['updates']).updates;
    const upload = updates.find((u) => u.type === 'upload_version' && u.media_version_id === created.id)!;
    expect(upload).toMatchObject({ api_token_id: null });
    expect(upload.user_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(updates.find((u) => u.type === 'comment' && u.explanation === 'hello')).toMatchObject({
      api_token_id: 'tok-1',
      user_id: null,
    });
  });
});
