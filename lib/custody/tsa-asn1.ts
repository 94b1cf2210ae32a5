/**
 * RFC 3161 time-stamp requests and replies (https://www.rfc-editor.org/rfc/rfc3161) with asn1js
 * alone: what the extension needs (ask, then read status, imprint, nonce, time). The token's CMS
 * signature and certificate chain are checked in timestamp-signature.ts.
 * The `.tsr` file is the whole TimeStampResp as the TSA sent it.
 */
import * as asn1js from 'asn1js';
import { equalBytes, plainBytes, toHex } from './bytes.ts';

export const SHA256_OID = '2.16.840.1.101.3.4.2.1';
const SIGNED_DATA_OID = '1.2.840.113549.1.7.2';
const TST_INFO_OID = '1.2.840.113549.1.9.16.1.4';

export interface TimestampRequest {
  der: Uint8Array;
  nonce: Uint8Array;
}

/** A request for `digest` (the manifest's SHA-256) asking for the TSA's certificate in the reply. */
export function buildTimestampRequest(
  digest: Uint8Array,
  nonce = crypto.getRandomValues(new Uint8Array(8)),
): TimestampRequest {
  nonce[0] = (nonce[0]! & 0x7f) | 0x01; // positive and minimal as a DER INTEGER
  const request = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 1 }),
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: SHA256_OID }), new asn1js.Null()] }),
          new asn1js.OctetString({ valueHex: plainBytes(digest).buffer }),
        ],
      }),
      new asn1js.Integer({ valueHex: plainBytes(nonce).buffer }),
      new asn1js.Boolean({ value: true }),
    ],
  });
  return { der: new Uint8Array(request.toBER(false)), nonce };
}

export interface TimestampToken {
  granted: boolean;
  status: number;
  statusText: string;
  genTime?: Date;
  imprintAlgorithm?: string;
  imprint?: Uint8Array;
  nonce?: Uint8Array;
  serialNumber?: string;
}

type Node = asn1js.AsnType;
const children = (node: Node | undefined): Node[] =>
  ((node as asn1js.Sequence | undefined)?.valueBlock?.value ?? []) as Node[];

function expect<T>(node: Node | undefined, type: new (...args: never[]) => T, what: string): T {
  if (!(node instanceof type)) throw new Error(`not an RFC 3161 reply (${what})`);
  return node;
}

const integerBytes = (node: Node) => new Uint8Array(expect(node, asn1js.Integer, 'integer').valueBlock.valueHexView);

/** Throws when the bytes are not a TimeStampResp. */
export function readTimestampReply(der: Uint8Array): TimestampToken {
  const parsed = asn1js.fromBER(plainBytes(der).buffer);
  if (parsed.offset === -1 || parsed.offset !== der.length) throw new Error('not an RFC 3161 reply (not DER)');
  const [statusInfo, token] = children(expect(parsed.result, asn1js.Sequence, 'response'));
  const [statusNode, texts] = children(expect(statusInfo, asn1js.Sequence, 'status'));
  const status = expect(statusNode, asn1js.Integer, 'status').valueBlock.valueDec;
  const statusText =
    texts instanceof asn1js.Sequence
      ? children(texts)
          .map((t) => String((t as asn1js.Utf8String).valueBlock.value ?? ''))
          .join('; ')
      : '';
  if ((status !== 0 && status !== 1) || !token) return { granted: false, status, statusText };
  const [contentType, content] = children(expect(token, asn1js.Sequence, 'token'));
  if (expect(contentType, asn1js.ObjectIdentifier, 'content type').valueBlock.toString() !== SIGNED_DATA_OID)
    throw new Error('not an RFC 3161 reply (not SignedData)');
  const signedData = expect(children(content)[0], asn1js.Sequence, 'SignedData');
  const [eContentType, eContentWrapper] = children(
    expect(children(signedData)[2], asn1js.Sequence, 'encapsulated content'),
  );
  if (expect(eContentType, asn1js.ObjectIdentifier, 'eContentType').valueBlock.toString() !== TST_INFO_OID)
    throw new Error('not an RFC 3161 reply (no TSTInfo)');
  const eContent = expect(children(eContentWrapper)[0], asn1js.OctetString, 'eContent');
  const info = asn1js.fromBER(plainBytes(new Uint8Array(eContent.getValue())).buffer);
  const fields = children(expect(info.result, asn1js.Sequence, 'TSTInfo'));
  const [algorithm, hashed] = children(expect(fields[2], asn1js.Sequence, 'message imprint'));
  const genTime = expect(fields[4], asn1js.GeneralizedTime, 'genTime').toDate();
  const nonce = fields.slice(5).find((f) => f instanceof asn1js.Integer);
  return {
    granted: true,
    status,
    statusText,
    genTime,
    imprintAlgorithm: expect(children(algorithm)[0], asn1js.ObjectIdentifier, 'hash algorithm').valueBlock.toString(),
    imprint: new Uint8Array(expect(hashed, asn1js.OctetString, 'hashed message').valueBlock.valueHexView),
    ...(nonce ? { nonce: integerBytes(nonce) } : {}),
    serialNumber: toHex(integerBytes(fields[3]!)),
  };
}

export function imprintMatches(token: TimestampToken, digest: Uint8Array): boolean {
  return token.imprintAlgorithm === SHA256_OID && !!token.imprint && equalBytes(token.imprint, digest);
}
