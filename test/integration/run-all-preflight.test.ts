// @vitest-environment node
/** `npm test` on a machine without the browsers stops at once with the install line (test/run-all.ts). */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

describe('npm test on a fresh machine', () => {
  it('prints the apt-get line and exits non-zero before running any suite', () => {
    const { ONLY: _only, ...env } = process.env;
    const result = spawnSync(process.execPath, ['test/run-all.ts'], {
      cwd: ROOT,
      env: { ...env, CHROMIUM_PATH: '/nonexistent/chromium', FIREFOX_PATH: '/nonexistent/firefox-esr' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(
      'apt-get install chromium chromium-l10n firefox-esr xvfb xauth xdotool fonts-noto-core fonts-noto-color-emoji',
    );
    expect(result.stderr).toContain('chromium, firefox-esr');
    // Nothing ran: no suite banner, no build (the check comes first, so this is seconds, not minutes).
    expect(result.stdout).not.toContain('== ');
  });
});
