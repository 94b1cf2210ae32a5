/**
 * Tokens made by OpenSSL's own time-stamping authority (`openssl ts -reply`; test/tsa/openssl/make.sh),
 * an implementation independent of ours and of PKI.js, which builds the test TSA's tokens: an RSA
 * TSA certificate under an EC root, with the ESS signing-certificate attribute in either version.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTimestampSignature } from './timestamp-signature';

// happy-dom replaces the global URL, so resolve from the project root (vitest's cwd).
const fixture = (name: string) => new Uint8Array(readFileSync(resolve(process.cwd(), 'test/tsa/openssl', name)));
const data = fixture('data.bin');
const ca = fixture('ca.pem');

describe.each(['ess-v1.tsr', 'ess-v2.tsr'])('an OpenSSL token (%s)', (token) => {
  it('is verified with its CA, and its signature alone holds without it', async () => {
    expect(await checkTimestampSignature(fixture(token), data, [ca])).toBe('verified');
    expect(await checkTimestampSignature(fixture(token), data, [])).toBe('untrusted');
  });

  it('covers its data only', async () => {
    const other = new TextEncoder().encode('other bytes');
    expect(await checkTimestampSignature(fixture(token), other, [ca])).not.toBe('verified');
  });

  it('fails once a byte of its signature changes', async () => {
    const changed = fixture(token);
    changed[changed.length - 5]! ^= 0x01;
    expect(await checkTimestampSignature(changed, data, [ca])).toBe('signature_invalid');
  });
});
