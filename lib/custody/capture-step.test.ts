// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTsaStandin, type TsaStandin } from '@/test/tsa/server';
import { fromBase64, fromHex, sha256Hex } from './bytes';
import {
  advanceCustody,
  custodySummary,
  MAX_TIMESTAMP_ATTEMPTS,
  type CustodyDeps,
  type CustodyJobView,
} from './capture-step';
import { MANIFEST_FILE_NAME, TIMESTAMP_FILE_NAME } from './manifest';
import { readManifest } from './seal';
import { generateSigningKey, type SigningKey } from './signing';
import { sampleManifestInput } from './testing/fixtures';
import { imprintMatches, readTimestampReply } from './tsa-asn1';

let tsa: TsaStandin;
let key: SigningKey;
beforeAll(async () => {
  tsa = await startTsaStandin();
  key = await generateSigningKey();
});
afterAll(async () => tsa?.close());

const deps = (url: string | null): CustodyDeps => ({
  signingKey: async () => key,
  timestampUrl: async () => url,
  fetch: (i, init) => fetch(i, init),
});
const view = (over: Partial<CustodyJobView> = {}): CustodyJobView => ({
  ...sampleManifestInput([{ kind: 'viewport_screenshot', sha256: 'b'.repeat(64), size: 3, id: 'a1' }]),
  state: undefined,
  attempts: 0,
  describeFailure: (e) => `failed: ${e instanceof Error ? e.message : String(e)}`,
  ...over,
});

describe('advanceCustody', () => {
  it('without custody dependencies, is done at once with nothing to upload', async () => {
    expect(await advanceCustody(view(), undefined)).toEqual({ state: { done: true, timestamp: 'off' } });
  });

  it('signs the manifest, hands it back as a file, and is done when timestamps are off', async () => {
    const next = await advanceCustody(view(), deps(null));
    expect(next.state).toMatchObject({ done: true, timestamp: 'off', manifest: { fingerprint: key.fingerprint } });
    const file = next.append!;
    expect(file).toMatchObject({
      kind: 'capture_manifest',
      title: MANIFEST_FILE_NAME,
      fileName: MANIFEST_FILE_NAME,
      mimeType: 'application/json',
    });
    const bytes = fromBase64(file.inline);
    expect(file.sha256).toBe(await sha256Hex(bytes));
    expect(next.state.manifest!.sha256).toBe(file.sha256);
    const reading = readManifest(bytes);
    expect(reading.ok && reading.manifest.artifacts.map((a) => a.atlos_artifact_id)).toEqual(['a1']);
    expect(custodySummary(next.state)).toEqual({
      sha256: file.sha256,
      public_key_fingerprint: key.fingerprint,
      timestamped: false,
    });
  });

  it('puts the recorded method, time and final URL of each file, and the zoom, into the signed manifest', async () => {
    const made: CustodyJobView['artifacts'] = [
      {
        kind: 'full_page_screenshot',
        title: 'Full page',
        fileName: 'full-page-screenshot.png',
        mimeType: 'image/png',
        size: 5,
        sha256: 'c'.repeat(64),
        method: { name: 'stitched_tiles', tiles: 4, scale: 2 },
        madeAt: '2026-12-03T10:00:01.250Z',
      },
      {
        kind: 'original_media',
        title: 'Image',
        fileName: 'original-image.png',
        mimeType: 'image/png',
        size: 7,
        sha256: 'd'.repeat(64),
        method: { name: 'background_fetch' },
        madeAt: '2026-12-03T10:00:02.000Z',
        final_url: 'https://cdn.example.org/final.png',
      },
    ];
    // As the job store keeps them (structured clone), so a resumed job signs the same records.
    const stored = structuredClone(made);
    const next = await advanceCustody(view({ artifacts: stored, zoom: 1.5 }), deps(null));
    const reading = readManifest(fromBase64(next.append!.inline));
    if (!reading.ok) throw new Error(reading.reason);
    expect(reading.canonical).toBe(true);
    expect(reading.manifest.environment).toMatchObject({ zoom: 1.5, device_pixel_ratio: 2 });
    expect(
      reading.manifest.artifacts.map(({ method, made_at, final_url }) => ({ method, made_at, final_url })),
    ).toEqual([
      { method: { name: 'stitched_tiles', tiles: 4, scale: 2 }, made_at: '2026-12-03T10:00:01.250Z', final_url: null },
      {
        method: { name: 'background_fetch' },
        made_at: '2026-12-03T10:00:02.000Z',
        final_url: 'https://cdn.example.org/final.png',
      },
    ]);
  });

  it('leaves custody files already made out of a new manifest', async () => {
    const first = await advanceCustody(view(), deps(null));
    const again = await advanceCustody(
      view({ artifacts: [...view().artifacts, { ...first.append!, kind: 'capture_manifest' }] }),
      deps(null),
    );
    const reading = readManifest(fromBase64(again.append!.inline));
    expect(reading.ok && reading.manifest.artifacts).toHaveLength(1);
  });

  it('with timestamps on: the manifest first, then a token for its SHA-256', async () => {
    const first = await advanceCustody(view(), deps(tsa.url));
    expect(first.state).toMatchObject({ done: false, timestamp: 'pending' });
    const second = await advanceCustody(view({ state: first.state }), deps(tsa.url));
    expect(second.state).toMatchObject({ done: true, timestamp: 'done' });
    expect(second.append).toMatchObject({ kind: 'capture_timestamp', fileName: TIMESTAMP_FILE_NAME });
    const token = readTimestampReply(fromBase64(second.append!.inline));
    expect(imprintMatches(token, fromHex(first.state.manifest!.sha256))).toBe(true);
    expect(custodySummary(second.state)?.timestamped).toBe(true);
  });

  it('a TSA that fails is retried (throws) until the last attempt, then given up with the reason', async () => {
    tsa.setDown(true);
    try {
      const first = await advanceCustody(view(), deps(tsa.url));
      await expect(advanceCustody(view({ state: first.state, attempts: 0 }), deps(tsa.url))).rejects.toThrow(
        /HTTP 503/,
      );
      const last = await advanceCustody(
        view({ state: first.state, attempts: MAX_TIMESTAMP_ATTEMPTS - 1 }),
        deps(tsa.url),
      );
      expect(last.state).toMatchObject({
        done: true,
        timestamp: 'gave_up',
        problem: expect.stringMatching(/^failed: .*HTTP 503/),
      });
      expect(last.append).toBeUndefined();
      expect(custodySummary(last.state)?.timestamped).toBe(false);
    } finally {
      tsa.setDown(false);
    }
  });

  it('timestamps turned off after the manifest was made: done without a token', async () => {
    const first = await advanceCustody(view(), deps(tsa.url));
    expect((await advanceCustody(view({ state: first.state }), deps(null))).state).toMatchObject({
      done: true,
      timestamp: 'off',
    });
  });
});
