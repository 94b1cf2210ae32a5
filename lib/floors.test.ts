// @vitest-environment node
/**
 * The floors of docs/ARCHITECTURE.md are enforced by `npm run lint` (eslint.config.js and
 * scripts/check-import-cycles.ts). These tests prove both fail on the mistakes they exist for.
 */
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles } from '../scripts/check-import-cycles';

const root = resolve(import.meta.dirname, '..');

async function lint(filePath: string, code: string) {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return result!.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
}

describe('floor rule (import-x/no-restricted-paths)', () => {
  it('fails when lib/atlos imports lib/capture, naming the rule', async () => {
    const messages = await lint(
      'lib/atlos/probe.ts',
      "import { createCaptureEngine } from '../capture/engine';\nexport const probe = createCaptureEngine;\n",
    );
    expect(messages).toContainEqual({
      rule: 'import-x/no-restricted-paths',
      message: expect.stringContaining('Floor rule'),
    });
  });

  it('fails for an upward import through the `@/` root alias too', async () => {
    const messages = await lint(
      'lib/atlos/probe.ts',
      "import { createCaptureEngine } from '@/lib/capture/engine';\nexport const probe = createCaptureEngine;\n",
    );
    expect(messages.map((m) => m.rule)).toContain('import-x/no-restricted-paths');
  });

  it('fails for a type-only upward import too (lib/domain importing a feature)', async () => {
    const messages = await lint(
      'lib/domain/probe.ts',
      "import type { JobSummary } from '../capture/protocol';\nexport type Probe = JobSummary;\n",
    );
    expect(messages.map((m) => m.rule)).toContain('import-x/no-restricted-paths');
  });

  it('lets a higher floor import a lower one', async () => {
    const messages = await lint(
      'lib/capture/probe.ts',
      "import type { CaptureRequest } from '../domain/capture-request';\nexport type Probe = CaptureRequest;\n",
    );
    expect(messages).toEqual([]);
  }, 60_000);
}, 60_000);

describe('import cycles (scripts/check-import-cycles.ts)', () => {
  it('finds a cycle of type-only imports that import-x/no-cycle skips', () => {
    const graph = new Map([
      ['engine.ts', ['runner.ts', 'job.ts']],
      ['runner.ts', ['engine.ts']],
      ['job.ts', []],
    ]);
    expect(findCycles(graph)).toEqual([['engine.ts', 'runner.ts']]);
  });

  it('finds nothing in a layered graph', () => {
    expect(
      findCycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).toEqual([]);
  });
});
