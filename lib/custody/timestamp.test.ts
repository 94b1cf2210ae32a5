// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTsaStandin, type TsaStandin } from '../../test/tsa/server';
import { makeTestPki } from '../../test/tsa/pki';
import { sha256 } from './bytes';
import { buildTimestampRequest, checkTimestampSignature, certificateBytes, imprintMatches, readTimestampReply } from './timestamp';

let tsa: TsaStandin;
beforeAll(async () => {
  tsa = await startTsaStandin();
});
afterAll(async () => tsa?.close());

async function stamp(data: Uint8Array): Promise<Uint8Array> {
  const request = buildTimestampRequest(await sha256(data));
  const answer = await fetch(tsa.url, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: request.der.slice() });
  expect(answer.status).toBe(200);
  return new Uint8Array(await answer.arrayBuffer());
}

describe('RFC 3161 tokens from the TSA stand-in', () => {
  it('are granted for our digest, and verify against the test CA', async () => {
    const data = new TextEncoder().encode('manifest');
    const token = readTimestampReply(await stamp(data));
    expect(token.granted).toBe(true);
    expect(imprintMatches(token, await sha256(data))).toBe(true);
    expect(Math.abs(token.genTime!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await checkTimestampSignature(token, data, [certificateBytes(new TextEncoder().encode(tsa.caPem))])).toBe('verified');
    expect(await checkTimestampSignature(token, data, [tsa.pki.ca.der])).toBe('verified');
  });

  it('do not match another digest', async () => {
    const token = readTimestampReply(await stamp(new Uint8Array([1])));
    expect(imprintMatches(token, await sha256(new Uint8Array([2])))).toBe(false);
    expect(await checkTimestampSignature(token, new Uint8Array([2]), [tsa.pki.ca.der])).toBe('signature_invalid');
  });

  it('are untrusted against another CA, and unsigned without any', async () => {
    const data = new Uint8Array([3]);
    const token = readTimestampReply(await stamp(data));
    const other = await makeTestPki('Other');
    expect(await checkTimestampSignature(token, data, [other.ca.der])).toBe('untrusted');
    expect(await checkTimestampSignature(token, data, [])).toBe('untrusted');
  });

  it('fail the signature when one byte of the signed content changes', async () => {
    const data = new Uint8Array([4]);
    const der = await stamp(data);
    const token = readTimestampReply(der);
    // Flip a byte inside the TSTInfo's genTime (found by its text form) so it still parses.
    const text = Buffer.from(der).toString('latin1');
    const at = text.search(/\d{14}/);
    const changed = der.slice();
    changed[at + 13] = changed[at + 13] === 0x30 ? 0x31 : 0x30;
    const tampered = readTimestampReply(changed);
    expect(tampered.genTime!.getTime()).not.toBe(token.genTime!.getTime());
    expect(await checkTimestampSignature(tampered, data, [tsa.pki.ca.der])).toBe('signature_invalid');
  });

  it('answers 503 while down', async () => {
    tsa.setDown(true);
    const answer = await fetch(tsa.url, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: new Uint8Array([0]) });
    tsa.setDown(false);
    expect(answer.status).toBe(503);
  });
});
