/**
 * Checks an RFC 3161 token's CMS signature over the time-stamped data (PKI.js also checks the
 * imprint), and, given trusted certificates (the TSA's CA, DER), that the signing certificate
 * chains to one of them at the token's time. Used by the command-line verifier; the extension
 * does not bundle PKI.js (tsa-asn1.ts says why).
 */
import * as pkijs from 'pkijs';
import { plainBytes } from './bytes.ts';

export type TimestampSignatureCheck = 'verified' | 'signature_invalid' | 'untrusted';
export type TimestampSignatureChecker = (
  reply: Uint8Array,
  data: Uint8Array,
  trustedCerts: Uint8Array[],
) => Promise<TimestampSignatureCheck>;

export const checkTimestampSignature: TimestampSignatureChecker = async (reply, data, trustedCerts) => {
  let signedData: pkijs.SignedData;
  try {
    const response = pkijs.TimeStampResp.fromBER(plainBytes(reply).buffer);
    if (!response.timeStampToken) return 'signature_invalid';
    signedData = new pkijs.SignedData({ schema: response.timeStampToken.content });
  } catch {
    return 'signature_invalid';
  }
  const signed = { signer: 0, data: plainBytes(data).buffer };
  if (!(await verifySigned(signedData, signed))) return 'signature_invalid';
  if (trustedCerts.length === 0) return 'untrusted';
  let certs: pkijs.Certificate[];
  try {
    certs = trustedCerts.map((der) => pkijs.Certificate.fromBER(plainBytes(der).buffer));
  } catch {
    return 'untrusted';
  }
  return (await verifySigned(signedData, { ...signed, checkChain: true, trustedCerts: certs }))
    ? 'verified'
    : 'untrusted';
};

async function verifySigned(signedData: pkijs.SignedData, params: pkijs.SignedDataVerifyParams): Promise<boolean> {
  try {
    return await signedData.verify({ ...params, extendedMode: false });
  } catch {
    return false; // PKI.js throws (not returns false) for many broken tokens
  }
}
