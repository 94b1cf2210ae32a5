/** Runs `npm run verify` (scripts/verify.ts) as a child process, as a person would, for the e2e tests. */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

export interface VerifyRun {
  code: number;
  stdout: string;
  stderr: string;
  json?: {
    verdict: string;
    reports: Array<{
      files: Array<{ role: string; status: string }>;
      timestamp: { status: string };
      failures: Array<{ code: string }>;
    }>;
  };
}

export function runVerifyCli(args: string[], token: string): Promise<VerifyRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['scripts/verify.ts', ...args],
      { cwd: ROOT, env: { ...process.env, ATLOS_TOKEN: token }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        let json;
        try {
          json = JSON.parse(stdout);
        } catch {
          // not --json
        }
        done({ code, stdout, stderr, json });
      },
    );
  });
}
