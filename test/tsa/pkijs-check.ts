/**
 * PKI.js's own check of an RFC 3161 token (its CMS signature and, given trusted certificates, the
 * chain), kept as the reference the extension's check (lib/custody/timestamp-signature.ts) is
 * compared with in tests. Same answers: 'verified' | 'signature_invalid' | 'untrusted'. PKI.js
 * does not read the ESS signing-certificate attribute, so to it a token bound to another
 * certificate still verifies: the tests use that to show the binding alone fails such a token.
 */
import * as pkijs from 'pkijs';
import type { TimestampSignatureChecker } from '../../lib/custody/timestamp-signature.ts';

const plain = (bytes: Uint8Array) => bytes.slice().buffer;

export const checkWithPkijs: TimestampSignatureChecker = async (reply, data, trustedCerts) => {
  let signedData: pkijs.SignedData;
  try {
    const response = pkijs.TimeStampResp.fromBER(plain(reply));
    if (!response.timeStampToken) return 'signature_invalid';
    signedData = new pkijs.SignedData({ schema: response.timeStampToken.content });
  } catch {
    return 'signature_invalid';
  }
  const signed = { signer: 0, data: plain(data) };
  if (!(await verifySigned(signedData, signed))) return 'signature_invalid';
  if (trustedCerts.length === 0) return 'untrusted';
  let certs: pkijs.Certificate[];
  try {
    certs = trustedCerts.map((der) => pkijs.Certificate.fromBER(plain(der)));
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
