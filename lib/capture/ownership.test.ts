/**
 * Reconciliation adopts only what Atlos's own record shows this token made: a colleague who adds
 * the same URL (with another token, or as a person) while our answer is lost keeps their record
 * untouched, and we create our own. A person's comment with our words is not ours either.
 */
import { describe, expect, it } from 'vitest';
import { AtlosError } from '../atlos/errors';
import { expectCapturedOnce } from './testing/expectations';
import { captureRequest } from './testing/fixtures';
import { setupEngine } from './testing/setup';

const lost = () => new AtlosError('network');

async function withKnownToken() {
  const t = await setupEngine();
  const { jobId } = await t.engine.startCapture(captureRequest({ archive: false, url: 'https://warm.test/1' }));
  await t.engine.whenIdle();
  expect((await t.job(jobId)).state).toBe('done');
  expect(await t.store.tokenId('conn-1')).toBe('token-ours');
  return t;
}

describe('reconciling only what is provably ours', () => {
  it('learns the token id from the upload_version record of a create it made', async () => {
    await withKnownToken();
  });

  it.each([
    { who: 'another token', by: { tokenId: 'token-colleague' }, known: true },
    { who: 'a person in the web app', by: { userId: 'user-amira' }, known: true },
    { who: 'a person, before our token id is known', by: { userId: 'user-amira' }, known: false },
  ])(
    'create failed on the network while $who added the same URL: we create our own and never touch theirs',
    async ({ by, known }) => {
      const t = known ? await withKnownToken() : await setupEngine();
      const url = 'https://shared.test/story';
      let theirs = '';
      t.atlos.faults.push({
        op: 'create',
        when: 'before',
        error: lost(),
        archive: false,
        onFire: () => (theirs = t.atlos.addByOther({ slug: 'ABC123', url, by }).id),
      });
      const { jobId } = await t.engine.startCapture(captureRequest({ archive: false, url }));
      await t.engine.whenIdle();
      const job = await t.job(jobId);
      expect(job.state).toBe('done');
      expect(job.sourceMaterialId).not.toBe(theirs);
      const colleague = t.atlos.sourceMaterials.find((s) => s.id === theirs)!;
      expect(colleague.artifacts).toEqual([]);
      expect(colleague.metadata).toEqual({});
      expectCapturedOnce(
        t.atlos.sourceMaterials.filter((s) => s.id !== theirs),
        job,
      );
    },
  );

  it('still adopts our own creation when the answer was lost after Atlos acted', async () => {
    const t = await withKnownToken();
    t.atlos.faults.push({ op: 'create', when: 'after', error: lost(), archive: false });
    const { jobId } = await t.engine.startCapture(captureRequest({ archive: false, url: 'https://ours.test/1' }));
    await t.engine.whenIdle();
    const job = await t.job(jobId);
    expect(t.atlos.sourceMaterials.filter((s) => s.source_url === 'https://ours.test/1')).toHaveLength(1);
    expectCapturedOnce(t.atlos.sourceMaterials, job);
  });

  it("a person's comment with the same words is not taken for ours", async () => {
    const t = await withKnownToken();
    const text = 'Same words as a colleague';
    t.atlos.faults.push({
      op: 'comment',
      when: 'before',
      error: lost(),
      onFire: () => t.atlos.commentByOther({ slug: 'ABC123', text, by: { userId: 'user-amira' } }),
    });
    const { jobId } = await t.engine.startCapture(
      captureRequest({ archive: false, url: 'https://c.test/1', comment: text }),
    );
    await t.engine.whenIdle();
    const job = await t.job(jobId);
    const comments = t.atlos.updates.filter((u) => u.type === 'comment' && u.explanation === text);
    expect(comments.map((c) => c.user_id ?? 'token')).toEqual(['user-amira', 'token']);
    expect(job.commentUpdateId).toBe(comments[1]!.id);
  });

  it('a creation outside the send window is not ours', async () => {
    const t = await withKnownToken();
    const url = 'https://late.test/1';
    t.atlos.faults.push({
      op: 'create',
      when: 'before',
      error: lost(),
      archive: false,
      // Our own token, but much later than the request could have been stored.
      onFire: () => {
        t.clock.advance(3 * 3600_000);
        t.atlos.addByOther({ slug: 'ABC123', url, by: { tokenId: 'token-ours' } });
      },
    });
    const { jobId } = await t.engine.startCapture(captureRequest({ archive: false, url }));
    await t.engine.whenIdle();
    expect(t.atlos.sourceMaterials.filter((s) => s.source_url === url)).toHaveLength(2);
    expect((await t.job(jobId)).state).toBe('done');
  });

  it("learns the new id when the connection's token is replaced, and adopts what the new token made", async () => {
    const t = await withKnownToken();
    t.atlos.replaceToken('token-new');
    const first = await t.engine.startCapture(captureRequest({ archive: false, url: 'https://new.test/1' }));
    await t.engine.whenIdle();
    expect((await t.job(first.jobId)).state).toBe('done');
    expect(await t.store.tokenId('conn-1')).toBe('token-new');
    t.atlos.faults.push({ op: 'create', when: 'after', error: lost(), archive: false });
    const { jobId } = await t.engine.startCapture(captureRequest({ archive: false, url: 'https://new.test/2' }));
    await t.engine.whenIdle();
    expect(t.atlos.sourceMaterials.filter((s) => s.source_url === 'https://new.test/2')).toHaveLength(1);
    expectCapturedOnce(t.atlos.sourceMaterials, await t.job(jobId));
  });

  it('claims outlive 24 hours while their job exists', async () => {
    const t = await withKnownToken();
    const [job] = await t.store.all();
    t.clock.advance(48 * 3600_000);
    const { jobId } = await t.engine.startCapture(captureRequest({ archive: false, url: 'https://later.test/1' }));
    await t.engine.whenIdle();
    expect((await t.job(jobId)).state).toBe('done');
    expect(await t.store.claimOwner(`source-material:${job!.sourceMaterialId}`)).toBe(job!.id);
  });
});
