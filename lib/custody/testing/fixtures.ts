/** A manifest input with realistic values, for the custody tests and the benchmark. */
import type { ManifestInput } from '../build.ts';

export function sampleManifestInput(
  artifacts: Array<{ kind: string; sha256: string; size: number; id?: string }> = [],
): ManifestInput {
  return {
    captureId: 'job-1',
    clickedAt: '2026-12-03T10:00:00.000Z',
    collectedAt: '2026-12-03T10:00:02.500Z',
    target: { kind: 'page', url: 'https://example.org/a', page_url: 'https://example.org/a' },
    page: { url: 'https://example.org/a', title: 'Example — ‫عنوان‬' },
    tool: {
      name: 'Atlos Capture',
      version: '0.1.0',
      browser: 'Chrome 156.0.0.0',
      user_agent: 'Mozilla/5.0 Chrome/156',
    },
    viewport: { width: 1280, height: 800, device_pixel_ratio: 2 },
    artifacts: artifacts.map((a, i) => ({
      kind: a.kind,
      title: `File ${i}`,
      fileName: `file-${i}.bin`,
      mimeType: 'application/octet-stream',
      size: a.size,
      sha256: a.sha256,
      ...(a.id ? { atlosArtifactId: a.id } : {}),
    })),
    problems: [],
    atlos: { instance: 'http://127.0.0.1:4010', incidentSlug: 'CIV-1', incidentId: 'inc-1', sourceMaterialId: 'sm-1' },
  };
}
