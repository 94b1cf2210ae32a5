/**
 * RFC 3161 time-stamp requests and replies (https://www.rfc-editor.org/rfc/rfc3161), built and read
 * with PKI.js and asn1js. The `.tsr` file is the whole TimeStampResp as the TSA sent it.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { equalBytes, plainBytes, toHex } from './bytes.ts';

const SHA256_OID = '2.16.840.1.101.3.4.2.1';
const TST_INFO_OID = '1.2.840.113549.1.9.16.1.4';

export interface TimestampRequest {
  der: Uint8Array;
  nonce: Uint8Array;
}

/** A request for `digest` (the manifest's SHA-256) asking for the TSA's certificate in the reply. */
export function buildTimestampRequest(digest: Uint8Array, nonce = crypto.getRandomValues(new Uint8Array(8))): TimestampRequest {
  nonce[0] = (nonce[0]! & 0x7f) | 0x01; // positive and minimal as a DER INTEGER
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA256_OID }),
      hashedMessage: new asn1js.OctetString({ valueHex: plainBytes(digest).buffer }),
    }),
    nonce: new asn1js.Integer({ valueHex: plainBytes(nonce).buffer }),
    certReq: true,
  });
  return { der: new Uint8Array(request.toSchema().toBER()), nonce };
}

export interface TimestampToken {
  granted: boolean;
  /** PKIStatus and its text when not granted. */
  status: number;
  statusText: string;
  genTime?: Date;
  imprintAlgorithm?: string;
  imprint?: Uint8Array;
  nonce?: Uint8Array;
  signedData?: pkijs.SignedData;
  serialNumber?: string;
}

/** Throws when the bytes are not a TimeStampResp. */
export function readTimestampReply(der: Uint8Array): TimestampToken {
  const response = pkijs.TimeStampResp.fromBER(plainBytes(der).buffer);
  const status = response.status.status;
  const statusText = response.status.statusStrings?.map((s) => s.valueBlock.value).join('; ') ?? '';
  const granted = status === pkijs.PKIStatus.granted || status === pkijs.PKIStatus.grantedWithMods;
  if (!granted || !response.timeStampToken) return { granted: false, status, statusText };
  const signedData = new pkijs.SignedData({ schema: response.timeStampToken.content });
  if (signedData.encapContentInfo.eContentType !== TST_INFO_OID || !signedData.encapContentInfo.eContent) {
    throw new Error('The time-stamp token does not hold a TSTInfo');
  }
  const info = pkijs.TSTInfo.fromBER(signedData.encapContentInfo.eContent.getValue());
  return {
    granted,
    status,
    statusText,
    genTime: info.genTime,
    imprintAlgorithm: info.messageImprint.hashAlgorithm.algorithmId,
    imprint: new Uint8Array(info.messageImprint.hashedMessage.valueBlock.valueHexView),
    ...(info.nonce ? { nonce: new Uint8Array(info.nonce.valueBlock.valueHexView) } : {}),
    signedData,
    serialNumber: toHex(info.serialNumber.valueBlock.valueHexView),
  };
}

export function imprintMatches(token: TimestampToken, digest: Uint8Array): boolean {
  return token.imprintAlgorithm === SHA256_OID && !!token.imprint && equalBytes(token.imprint, digest);
}

export type TimestampSignatureCheck = 'verified' | 'signature_invalid' | 'untrusted';

/**
 * Checks the token's CMS signature over the time-stamped `data` (PKI.js also checks the imprint),
 * and, given trusted certificates (the TSA's or its CA's, DER), that the signing certificate
 * chains to one of them at the token's time. Without any, only the signature is checked.
 */
export async function checkTimestampSignature(
  token: TimestampToken,
  data: Uint8Array,
  trustedCerts: Uint8Array[] = [],
): Promise<TimestampSignatureCheck> {
  if (!token.signedData) return 'signature_invalid';
  const signed = { signer: 0, data: plainBytes(data).buffer };
  if (!(await verifySigned(token.signedData, signed))) return 'signature_invalid';
  if (trustedCerts.length === 0) return 'untrusted';
  let certs: pkijs.Certificate[];
  try {
    certs = trustedCerts.map((der) => pkijs.Certificate.fromBER(plainBytes(der).buffer));
  } catch {
    return 'untrusted';
  }
  const chained = await verifySigned(token.signedData, { ...signed, checkChain: true, trustedCerts: certs });
  return chained ? 'verified' : 'untrusted';
}

async function verifySigned(signedData: pkijs.SignedData, params: pkijs.SignedDataVerifyParams): Promise<boolean> {
  try {
    return await signedData.verify({ ...params, extendedMode: false });
  } catch {
    return false; // PKI.js throws (not returns false) for many broken tokens
  }
}

/** Reads a certificate given as PEM or DER. */
export function certificateBytes(file: Uint8Array): Uint8Array {
  const text = new TextDecoder().decode(file);
  const match = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(text);
  if (!match) return file;
  const binary = atob(match[1]!.replace(/\s+/g, ''));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
