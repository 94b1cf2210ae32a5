/**
 * A local RFC 3161 Time-Stamping Authority for tests: POST an `application/timestamp-query`, get an
 * `application/timestamp-reply` signed by a test TSA certificate made at start (pki.ts), its
 * signature bound to that certificate by signingCertificateV2 (signed-attributes.ts). Like a real
 * TSA it sends no CORS headers. `setDown(true)` makes it answer 503, as a TSA that is down would.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { makeTestPki, pem, type TestPki } from './pki.ts';
import { signedAttributes, type SignerBindingOptions } from './signed-attributes.ts';

export interface TsaStandin {
  url: string;
  pki: TestPki;
  /** The root CA certificate (PEM), to pass to the verifier as `--tsa-cert`. */
  caPem: string;
  /** Timestamp requests answered (granted) so far. */
  granted(): number;
  /** Requests received, answered or not. */
  received(): number;
  setDown(down: boolean): void;
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

export async function reply(
  pki: TestPki,
  requestDer: Uint8Array,
  serial: number,
  now = new Date(),
  binding: SignerBindingOptions = {},
): Promise<Uint8Array> {
  const request = pkijs.TimeStampReq.fromBER(requestDer.slice().buffer);
  const info = new pkijs.TSTInfo({
    version: 1,
    policy: '1.3.6.1.4.1.99999.1',
    messageImprint: request.messageImprint,
    serialNumber: new asn1js.Integer({ value: serial }),
    genTime: now,
    ...(request.nonce ? { nonce: request.nonce } : {}),
  });
  const tstInfo = info.toSchema().toBER(false);
  const signedAttrs = await signedAttributes(pki, tstInfo, binding);
  const signed = new pkijs.SignedData({
    version: 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: '1.2.840.113549.1.9.16.1.4',
      eContent: new asn1js.OctetString({ valueHex: tstInfo }),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: pki.tsa.certificate.issuer,
          serialNumber: pki.tsa.certificate.serialNumber,
        }),
        ...(signedAttrs ? { signedAttrs } : {}),
      }),
    ],
    certificates: request.certReq
      ? [pki.tsa.certificate, ...(pki.intermediate ? [pki.intermediate.certificate] : [])]
      : [],
  });
  await signed.sign(pki.tsa.privateKey, 0, 'SHA-256');
  const response = new pkijs.TimeStampResp({
    status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }),
    timeStampToken: new pkijs.ContentInfo({
      contentType: pkijs.ContentInfo.SIGNED_DATA,
      content: signed.toSchema(true),
    }),
  });
  return new Uint8Array(response.toSchema().toBER(false));
}

export async function startTsaStandin(options: { port?: number; host?: string } = {}): Promise<TsaStandin> {
  const pki = await makeTestPki();
  let down = false;
  let granted = 0;
  let received = 0;
  const server = createServer((req, res) => {
    void (async () => {
      const der = await body(req);
      received++;
      if (down) return void res.writeHead(503, { 'content-type': 'text/plain' }).end('down');
      if (req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') {
        return void res.writeHead(400, { 'content-type': 'text/plain' }).end('expected a timestamp query');
      }
      try {
        const answer = await reply(pki, der, ++granted);
        res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(Buffer.from(answer));
      } catch (error) {
        granted--;
        res.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
      }
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/tsa`,
    pki,
    caPem: pem(pki.ca.der),
    granted: () => granted,
    received: () => received,
    setDown: (value) => {
      down = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
