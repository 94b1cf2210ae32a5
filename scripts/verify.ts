/**
 * Verifies captures made by the extension against the Atlos instance that holds them: every file's
 * SHA-256 recomputed from Atlos's copy, nothing missing or added, the manifest signature, the key and
 * the RFC 3161 timestamp. Exit code 0 only when everything verifies; 1 when something does not;
 * 2 for a usage or connection error. See docs/custody.md.
 *
 *   npm run verify -- --instance URL --token T (--incident SLUG | --source-material ID)
 *                     [--json] [--tsa-cert FILE]... [--fingerprint sha256:HEX]...
 * The token may come from ATLOS_TOKEN instead of --token.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createAtlosClient } from '../lib/atlos/client.ts';
import { formatReport } from '../lib/custody/report-text.ts';
import { checkTimestampSignature } from '../lib/custody/timestamp-signature.ts';
import { certificateBytes } from '../lib/custody/certificates.ts';
import { capturesOfIncident, verifySourceMaterial } from '../lib/custody/verify-atlos.ts';
import type { VerifyReport } from '../lib/custody/verify.ts';

const USAGE = `Usage: npm run verify -- --instance URL [--token T] (--incident SLUG | --source-material ID)
       [--json] [--tsa-cert FILE]... [--fingerprint sha256:HEX]...
The token may also be given in the ATLOS_TOKEN environment variable.`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      instance: { type: 'string' },
      token: { type: 'string' },
      incident: { type: 'string' },
      'source-material': { type: 'string' },
      json: { type: 'boolean', default: false },
      'tsa-cert': { type: 'string', multiple: true },
      fingerprint: { type: 'string', multiple: true },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return (console.log(USAGE), 0);
  const token = values.token ?? process.env.ATLOS_TOKEN;
  const sourceMaterialId = values['source-material'];
  if (!values.instance || !token || !!values.incident === !!sourceMaterialId) {
    console.error(USAGE);
    return 2;
  }
  const client = createAtlosClient({ baseUrl: values.instance, token });
  const options = {
    tsaCerts: (values['tsa-cert'] ?? []).map((file) => certificateBytes(new Uint8Array(readFileSync(file)))),
    trustedFingerprints: values.fingerprint ?? [],
    checkTimestampSignature,
  };
  const targets = sourceMaterialId
    ? [await client.getSourceMaterial(sourceMaterialId)]
    : await capturesOfIncident(client, values.incident!);
  if (targets.length === 0) {
    console.error(`No capture with a manifest on incident ${values.incident}.`);
    return 1;
  }
  const reports: VerifyReport[] = [];
  for (const target of targets) reports.push(await verifySourceMaterial(target, options));
  const verified = reports.every((r) => r.verdict === 'verified');
  if (values.json) console.log(JSON.stringify({ verdict: verified ? 'verified' : 'failed', reports }, null, 2));
  else console.log(`${reports.map(formatReport).join('\n\n')}\n\n${verified ? 'All verified.' : 'NOT verified.'}`);
  return verified ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`verify: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
