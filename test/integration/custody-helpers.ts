/**
 * For the custody integration tests: an engine that signs manifests (a fresh key store) and, when
 * given a TSA, timestamps them; the verifier CLI run as a child process; and tampering with a file
 * where the stand-in keeps it on disk.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CustodyDeps } from '../../lib/custody/capture-step';
import { createKeyStore, type KeyStore } from '../../lib/custody/key-store';
import type { Standin } from '../standin/server';

let stores = 0;

export function custodyFor(tsaUrl: () => string | null): { deps: CustodyDeps; keys: KeyStore } {
  const keys = createKeyStore(`custody-int-${++stores}-${Date.now()}`);
  return {
    keys,
    deps: {
      signingKey: () => keys.current(),
      timestampUrl: async () => tsaUrl(),
      fetch: (input, init) => fetch(input, init),
    },
  };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runVerify(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['scripts/verify.ts', ...args],
      { env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Where the stand-in stores an artifact's bytes (its temp directory, `<uuid>-<stored name>`). */
export function standinFilePath(standin: Standin, artifactId: string): string {
  const stored = standin.control
    .state(['sourceMaterial'])
    .sourceMaterial.flatMap((s) => s.artifacts)
    .find((a) => a.id === artifactId);
  if (!stored) throw new Error(`no artifact ${artifactId}`);
  for (const dir of readdirSync(tmpdir()).filter((d) => d.startsWith('atlos-standin-'))) {
    try {
      const file = readdirSync(join(tmpdir(), dir)).find((f) => f.endsWith(`-${stored.file_location}`));
      if (file) return join(tmpdir(), dir, file);
    } catch {
      // another test's stand-in removed its directory meanwhile
    }
  }
  throw new Error(`file of ${artifactId} not found`);
}

export function flipStoredByte(standin: Standin, artifactId: string, at = 10): void {
  const path = standinFilePath(standin, artifactId);
  const bytes = readFileSync(path);
  bytes[at] = bytes[at]! ^ 0x01;
  writeFileSync(path, bytes);
}
