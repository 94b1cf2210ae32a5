// @vitest-environment node
/**
 * The timestamp check shared by `npm run verify` and the verify page, against tokens from the test
 * TSA (test/tsa/) signed with ECDSA and with RSA: each verdict, and the same verdict as PKI.js's own
 * check (test/tsa/pkijs-check.ts) for the untouched token and for every kind of tampering.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, pem, type TestKeyKind, type TestPki } from '@/test/tsa/pki';
import { checkWithPkijs } from '@/test/tsa/pkijs-check';
import { reply } from '@/test/tsa/server';
import type { SignerBindingOptions } from '@/test/tsa/signed-attributes';
import { sha256 } from './bytes';
import { checkTimestampSignature, type TimestampSignatureCheck } from './timestamp-signature';
import { buildTimestampRequest } from './tsa-asn1';

const data = new TextEncoder().encode('{"schema":"atlos-browser-capture-manifest/1"}');

/** The first place `needle` occurs in `bytes`. */
function indexOf(bytes: Uint8Array, needle: number[]): number {
  for (let i = 0; i + needle.length <= bytes.length; i++) if (needle.every((b, j) => bytes[i + j] === b)) return i;
  throw new Error('not found');
}

function flipAt(bytes: Uint8Array, index: number): Uint8Array {
  const copy = bytes.slice();
  copy[index] = copy[index]! ^ 0x01;
  return copy;
}

describe.each<TestKeyKind>(['ecdsa', 'rsa'])('timestamp check (%s TSA)', (kind) => {
  let pki: TestPki;
  let other: TestPki;
  let token: Uint8Array;
  beforeAll(async () => {
    pki = await makeTestPki('Atlos test', kind);
    other = await makeTestPki('Other', kind);
    token = await reply(pki, buildTimestampRequest(await sha256(data)).der, 7);
  }, 60_000);

  /** Both checks, which must agree; returns the verdict. */
  async function verdict(reply: Uint8Array, signed: Uint8Array, trusted: Uint8Array[]) {
    const ours = await checkTimestampSignature(reply, signed, trusted);
    expect(ours, 'PKI.js gives the same verdict').toBe(await checkWithPkijs(reply, signed, trusted));
    return ours;
  }

  const cases: Array<[string, () => [Uint8Array, Uint8Array, Uint8Array[]], TimestampSignatureCheck]> = [
    ['an untouched token chained to its CA', () => [token, data, [pki.ca.der]], 'verified'],
    ['an untouched token without a CA to chain to', () => [token, data, []], 'untrusted'],
    ['a token from another TSA than the trusted CA', () => [token, data, [other.ca.der]], 'untrusted'],
    ['other data than was stamped', () => [token, new Uint8Array([1]), [pki.ca.der]], 'signature_invalid'],
    [
      'one byte of the signature changed',
      () => [flipAt(token, token.length - 1), data, [pki.ca.der]],
      'signature_invalid',
    ],
    [
      'one byte of the signed TSTInfo changed (its policy)',
      // 1.3.6.1.4.1.99999.1: 99999 is 86 8d 1f in base 128, then the final arc.
      () => [flipAt(token, indexOf(token, [0x86, 0x8d, 0x1f, 0x01]) + 3), data, [pki.ca.der]],
      'signature_invalid',
    ],
    ['bytes that are not a token', () => [new Uint8Array([0x30, 0x00]), data, [pki.ca.der]], 'signature_invalid'],
  ];
  it.each(cases)('%s', async (_name, input, expected) => {
    expect(await verdict(...input())).toBe(expected);
  });

  it('a TSA certificate changed inside the token is not the one its signature is bound to', async () => {
    // The TSA's common name, "Atlos test TSA", appears in the embedded certificate only; its key is
    // untouched, so the signature still holds, but the ESS certHash names the original.
    const name = [...new TextEncoder().encode('test TSA')];
    const changed = flipAt(token, indexOf(token, name));
    expect(await checkTimestampSignature(changed, data, [pki.ca.der])).toBe('signing_cert_mismatch');
  });

  it('a trusted file that is not a certificate trusts nothing', async () => {
    expect(await checkTimestampSignature(token, data, [new TextEncoder().encode('not a certificate')])).toBe(
      'untrusted',
    );
  });

  it('takes the trusted certificate as PEM too (as a file chosen on the verify page)', async () => {
    expect(await checkTimestampSignature(token, data, [new TextEncoder().encode(pem(pki.ca.der))])).toBe('verified');
  });

  it('the TSA certificate itself is no CA to chain to', async () => {
    expect(await verdict(token, data, [pki.tsa.der])).toBe('untrusted');
  });
});

describe('timestamp check through an intermediate CA (as public TSAs are issued)', () => {
  it('chains to the root through the intermediate the token carries, or to the intermediate itself', async () => {
    const pki = await makeTestPki('Chained', 'rsa', { intermediate: true });
    const token = await reply(pki, buildTimestampRequest(await sha256(data)).der, 3);
    for (const trusted of [pki.ca.der, pki.intermediate!.der]) {
      expect(await checkTimestampSignature(token, data, [trusted])).toBe('verified');
      expect(await checkWithPkijs(token, data, [trusted])).toBe('verified');
    }
    const other = await makeTestPki('Other chained', 'rsa', { intermediate: true });
    expect(await checkTimestampSignature(token, data, [other.ca.der])).toBe('untrusted');
    expect(await checkWithPkijs(token, data, [other.ca.der])).toBe('untrusted');
    // The intermediate's last byte (of the root's signature on it) changed: that link fails.
    const changed = flipAt(token, indexOf(token, [...pki.intermediate!.der]) + pki.intermediate!.der.length - 1);
    expect(await checkTimestampSignature(changed, data, [pki.ca.der])).toBe('untrusted');
    expect(await checkWithPkijs(changed, data, [pki.ca.der])).toBe('untrusted');
  }, 60_000);
});

describe('the ESS signing-certificate attribute binds the signature to the TSA certificate', () => {
  let pki: TestPki;
  beforeAll(async () => {
    pki = await makeTestPki('ESS');
  });

  const cases: Array<[string, () => SignerBindingOptions, TimestampSignatureCheck]> = [
    ['signingCertificateV2, SHA-256 by default (RFC 5816, as TSAs send it)', () => ({}), 'verified'],
    ['signingCertificateV2 naming SHA-512', () => ({ hash: 'SHA-512' }), 'verified'],
    ['signingCertificate, SHA-1 (RFC 2634)', () => ({ ess: 'v1' }), 'verified'],
    ['a certHash of another certificate', () => ({ certificate: pki.ca.der }), 'signing_cert_mismatch'],
    [
      'a SHA-1 certHash of another certificate',
      () => ({ ess: 'v1', certificate: pki.ca.der }),
      'signing_cert_mismatch',
    ],
    ['an issuerSerial with another serial number', () => ({ serial: 99 }), 'signing_cert_mismatch'],
    ['an issuerSerial with another issuer', () => ({ issuer: pki.tsa.certificate.subject }), 'signing_cert_mismatch'],
    ['no signing-certificate attribute', () => ({ ess: 'none' }), 'signing_cert_missing'],
    ['no signed attributes at all', () => ({ signedAttributes: false }), 'signing_cert_missing'],
  ];
  it.each(cases)('%s', async (_name, binding, expected) => {
    const token = await reply(pki, buildTimestampRequest(await sha256(data)).der, 5, new Date(), binding());
    // PKI.js does not read the attribute: to it each token verifies, so the verdict is the binding's alone.
    expect(await checkWithPkijs(token, data, [pki.ca.der])).toBe('verified');
    expect(await checkTimestampSignature(token, data, [pki.ca.der])).toBe(expected);
  });

  it('a token bound to another certificate fails without a CA to chain to too', async () => {
    const token = await reply(pki, buildTimestampRequest(await sha256(data)).der, 6, new Date(), {
      certificate: pki.ca.der,
    });
    expect(await checkTimestampSignature(token, data, [])).toBe('signing_cert_mismatch');
  });
});
