// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTsaStandin, type TsaStandin } from '@/test/tsa/server';
import { makeTestPki } from '@/test/tsa/pki';
import { sha256 } from './bytes';
import { checkTimestampSignature } from './timestamp-signature';
import { certificateBytes } from './certificates';
import { buildTimestampRequest, imprintMatches, readTimestampReply } from './tsa-asn1';

let tsa: TsaStandin;
beforeAll(async () => {
  tsa = await startTsaStandin();
});
afterAll(async () => tsa?.close());

async function stamp(data: Uint8Array): Promise<{ der: Uint8Array; nonce: Uint8Array }> {
  const request = buildTimestampRequest(await sha256(data));
  const answer = await fetch(tsa.url, {
    method: 'POST',
    headers: { 'content-type': 'application/timestamp-query' },
    body: request.der.slice(),
  });
  expect(answer.status).toBe(200);
  return { der: new Uint8Array(await answer.arrayBuffer()), nonce: request.nonce };
}

describe('RFC 3161 tokens from the TSA stand-in', () => {
  it('are granted for our digest and nonce, and verify against the test CA', async () => {
    const data = new TextEncoder().encode('manifest');
    const { der, nonce } = await stamp(data);
    const token = readTimestampReply(der);
    expect(token.granted).toBe(true);
    expect(imprintMatches(token, await sha256(data))).toBe(true);
    expect(token.nonce).toEqual(nonce);
    expect(token.serialNumber).toMatch(/^[0-9a-f]+$/);
    expect(Math.abs(token.genTime!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await checkTimestampSignature(der, data, [certificateBytes(new TextEncoder().encode(tsa.caPem))])).toBe(
      'verified',
    );
  });

  it('do not match another digest', async () => {
    const { der } = await stamp(new Uint8Array([1]));
    expect(imprintMatches(readTimestampReply(der), await sha256(new Uint8Array([2])))).toBe(false);
    expect(await checkTimestampSignature(der, new Uint8Array([2]), [tsa.pki.ca.der])).toBe('signature_invalid');
  });

  it('are untrusted against another CA, and unchained without any', async () => {
    const data = new Uint8Array([3]);
    const { der } = await stamp(data);
    const other = await makeTestPki('Other');
    expect(await checkTimestampSignature(der, data, [other.ca.der])).toBe('untrusted');
    expect(await checkTimestampSignature(der, data, [])).toBe('untrusted');
  });

  it('fail the signature when one byte of the signed content changes', async () => {
    const data = new Uint8Array([4]);
    const { der } = await stamp(data);
    // Flip a digit of the TSTInfo's genTime (found by its text form) so it still parses.
    const at = Buffer.from(der)
      .toString('latin1')
      .search(/\d{14}/);
    const changed = der.slice();
    changed[at + 13] = changed[at + 13] === 0x30 ? 0x31 : 0x30;
    expect(readTimestampReply(changed).genTime!.getTime()).not.toBe(readTimestampReply(der).genTime!.getTime());
    expect(await checkTimestampSignature(changed, data, [tsa.pki.ca.der])).toBe('signature_invalid');
  });

  it('reject bytes that are not a reply', () => {
    expect(() => readTimestampReply(new Uint8Array([0x30, 0x03, 0x02, 0x01]))).toThrow(/not an RFC 3161 reply/);
    expect(() => readTimestampReply(new TextEncoder().encode('{"json":true}'))).toThrow(/not an RFC 3161 reply/);
  });

  it('answers 503 while down', async () => {
    tsa.setDown(true);
    const answer = await fetch(tsa.url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: new Uint8Array([0]),
    });
    tsa.setDown(false);
    expect(answer.status).toBe(503);
  });
});
