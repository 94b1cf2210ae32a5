/**
 * What the custody step adds to a capture: building the manifest, its RFC 8785 canonical bytes,
 * the Ed25519 signature and the SHA-256 of the file, with the extension's own code
 * (lib/custody/build.ts, seal.ts) on a realistic capture (12 files, long page title and URLs).
 * Measured in Node 22's WebCrypto, which implements the same algorithms as the browsers; uploads
 * are not counted (they are timed as uploads like any file).
 */
import { performance } from 'node:perf_hooks';
import { buildManifest } from '../../lib/custody/build.ts';
import { sealManifest } from '../../lib/custody/seal.ts';
import { generateSigningKey } from '../../lib/custody/signing.ts';
import { sampleManifestInput } from '../../lib/custody/testing/fixtures.ts';
import { median, repeat, round, type Figure } from './figures.ts';

export const CUSTODY_ROWS = [
  { id: 'custody.seal', label: 'Custody: build, sign and hash the manifest', unit: 'ms' as const, target: '< 50 ms' },
];

export async function measureCustody(runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 7))): Promise<Figure[]> {
  const key = await generateSigningKey();
  const files = Array.from({ length: 12 }, (_, i) => ({
    kind: i < 6 ? 'full_page_screenshot' : 'original_media',
    sha256: `${i}`.padStart(64, 'a'),
    size: 1_000_000 + i,
    id: `artifact-${i}`,
  }));
  const input = sampleManifestInput(files);
  input.page.title = 'A long page title with Unicode — заголовок — عنوان — '.repeat(8);
  input.target.url = `https://example.org/${'path/'.repeat(60)}?q=${'x'.repeat(400)}`;
  const samples = await repeat(runs * 3, async () => {
    const t0 = performance.now();
    await sealManifest(buildManifest(input, key), key);
    return performance.now() - t0;
  });
  const value = round(median(samples));
  return [
    {
      ...CUSTODY_ROWS[0]!,
      value,
      pass: value < 50,
      samples: samples.map((s) => round(s, 2)),
      note: `${key.algorithm}, Node ${process.versions.node} WebCrypto`,
    },
  ];
}
