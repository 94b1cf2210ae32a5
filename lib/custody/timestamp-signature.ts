/**
 * Checks an RFC 3161 token (https://www.rfc-editor.org/rfc/rfc3161): its TSTInfo covers `data`,
 * its CMS signature (RFC 5652 §5.4, §5.6) holds with the TSA's certificate, its ESS
 * signing-certificate attribute names that very certificate (RFC 3161 §2.4.1, ess-cert-id.ts),
 * and, given trusted certificates (the TSA's CA, DER), that certificate is a time-stamping one
 * (RFC 3161 §2.3) and chains to one of them, valid at the token's time. The one check behind both
 * `npm run verify` and the extension's verify page (which loads it on demand). asn1js parses;
 * WebCrypto verifies. (PKI.js does the same check, but for the signing-certificate attribute, and
 * is too large for the store zip's size budget; the tests check that both agree:
 * timestamp-signature.test.ts.)
 */
import * as asn1js from 'asn1js';
import {
  Asn1Error,
  attributeValue,
  childrenOf,
  integerBytes,
  isContext,
  need,
  octetsOf,
  oidOf,
  rawOf,
  type Node,
} from './asn1-read.ts';
import { digest, equalBytes, plainBytes } from './bytes.ts';
import {
  certificateBytes,
  chainsTo,
  readCertificate,
  TIME_STAMPING_PURPOSE,
  type CertificateInfo,
} from './certificates.ts';
import { signerBinding, type SignerBinding } from './ess-cert-id.ts';
import { hashOf, HASH_BY_OID, signatureHolds } from './signature-check.ts';
import { readTimestampReply } from './tsa-asn1.ts';

/**
 * signing_cert_missing / signing_cert_mismatch: the signature holds, but the token names no
 * signing certificate, or another one than it was checked with (ess-cert-id.ts).
 */
export type TimestampSignatureCheck = 'verified' | 'signature_invalid' | Exclude<SignerBinding, 'bound'> | 'untrusted';
export type TimestampSignatureChecker = (
  reply: Uint8Array,
  data: Uint8Array,
  /** The TSA's issuing or root CA certificates, DER or PEM. */
  trustedCerts: Uint8Array[],
) => Promise<TimestampSignatureCheck>;

const TST_INFO = '1.2.840.113549.1.9.16.1.4';
const CONTENT_TYPE_ATTRIBUTE = '1.2.840.113549.1.9.3';
const MESSAGE_DIGEST_ATTRIBUTE = '1.2.840.113549.1.9.4';

interface SignedToken {
  eContent: Uint8Array;
  certificates: CertificateInfo[];
  signer: Node[];
  /** The SignerInfo's [0] signedAttrs, if it has them. */
  signedAttrs: Node | undefined;
}

/** The parts of the TimeStampResp's SignedData the check needs. Throws when it is not one. */
function readSignedToken(reply: Uint8Array): SignedToken {
  const [, contentInfo] = childrenOf(asn1js.fromBER(plainBytes(reply).buffer).result);
  const signedData = childrenOf(childrenOf(contentInfo)[1])[0];
  const fields = childrenOf(need(signedData, asn1js.Sequence, 'SignedData'));
  const [eContentType, wrapper] = childrenOf(fields[2]);
  if (oidOf(eContentType, 'eContentType') !== TST_INFO) throw new Asn1Error('not a TSTInfo');
  const certificates = childrenOf(fields.slice(3, -1).find((node) => isContext(node, 0)))
    .filter((node) => node instanceof asn1js.Sequence)
    .map((node) => readCertificate(rawOf(node)));
  const signers = childrenOf(need(fields.at(-1), asn1js.Set, 'signerInfos'));
  if (signers.length !== 1) throw new Asn1Error('a time-stamp token has one signer');
  const signer = childrenOf(signers[0]);
  const signedAttrs = isContext(signer[3], 0) ? signer[3] : undefined;
  return { eContent: octetsOf(childrenOf(wrapper)[0], 'eContent'), certificates, signer, signedAttrs };
}

/** The certificate a SignerIdentifier names: issuer and serial number, or [0] subject key id. */
function findSigner(sid: Node | undefined, certificates: CertificateInfo[]): CertificateInfo | undefined {
  if (isContext(sid, 0)) {
    const keyId = new Uint8Array((sid as asn1js.Primitive).valueBlock.valueHexView);
    return certificates.find((cert) => cert.subjectKeyId && equalBytes(cert.subjectKeyId, keyId));
  }
  const [issuer, serial] = childrenOf(need(sid, asn1js.Sequence, 'signer id'));
  const serialBytes = integerBytes(serial, 'signer serial');
  return certificates.find((cert) => equalBytes(cert.issuer, rawOf(issuer!)) && equalBytes(cert.serial, serialBytes));
}

/** The signer's signature over its signed attributes (which hold the TSTInfo's digest), or over the TSTInfo. */
async function signerHolds(token: SignedToken, cert: CertificateInfo): Promise<boolean> {
  const { signedAttrs } = token;
  const [, , digestAlgorithm, ...rest] = token.signer;
  const hash = hashOf(digestAlgorithm, 'digest algorithm');
  const [signatureAlgorithm, signature] = signedAttrs ? rest.slice(1) : rest;
  let signed = token.eContent;
  if (signedAttrs) {
    const contentType = attributeValue(signedAttrs, CONTENT_TYPE_ATTRIBUTE);
    if (!contentType || oidOf(contentType, 'content type') !== TST_INFO) return false;
    const messageDigest = octetsOf(attributeValue(signedAttrs, MESSAGE_DIGEST_ATTRIBUTE), 'message digest');
    if (!equalBytes(messageDigest, await digest(hash, token.eContent))) return false;
    // Signed as an explicit SET OF, not as the [0] IMPLICIT tag it is stored under (RFC 5652 §5.4).
    signed = rawOf(signedAttrs).slice();
    signed[0] = 0x31;
  }
  return signatureHolds(cert.spki, signatureAlgorithm, signed, octetsOf(signature, 'signature'), hash);
}

/** The TSTInfo's message imprint is the digest of `data`, by the hash it names. */
async function imprintCovers(reply: Uint8Array, data: Uint8Array): Promise<{ ok: boolean; genTime?: Date }> {
  const token = readTimestampReply(reply);
  const hash = HASH_BY_OID[token.imprintAlgorithm ?? ''];
  if (!token.granted || !hash || !token.imprint) return { ok: false };
  return {
    ok: equalBytes(token.imprint, await digest(hash, data)),
    ...(token.genTime ? { genTime: token.genTime } : {}),
  };
}

/** The trusted certificates; a file that is not one makes the check trust nothing (null). */
function readAnchors(trustedCerts: Uint8Array[]): CertificateInfo[] | null {
  try {
    return trustedCerts.map((file) => readCertificate(certificateBytes(file)));
  } catch {
    return null;
  }
}

export const checkTimestampSignature: TimestampSignatureChecker = async (reply, data, trustedCerts) => {
  let token: SignedToken;
  let time: Date | undefined;
  try {
    const imprint = await imprintCovers(reply, data);
    if (!imprint.ok) return 'signature_invalid';
    time = imprint.genTime;
    token = readSignedToken(reply);
  } catch {
    return 'signature_invalid';
  }
  const anchors = readAnchors(trustedCerts);
  let signer: CertificateInfo | undefined;
  try {
    signer = findSigner(token.signer[1], [...token.certificates, ...(anchors ?? [])]);
    if (!signer || !(await signerHolds(token, signer))) return 'signature_invalid';
  } catch {
    return 'signature_invalid';
  }
  // Before the chain: a token bound to another certificate is not this certificate's, trusted or not.
  const binding = await signerBinding(token.signedAttrs, signer);
  if (binding !== 'bound') return binding;
  if (!anchors?.length || !time) return 'untrusted';
  if (!signer.purposes?.includes(TIME_STAMPING_PURPOSE)) return 'untrusted';
  return (await chainsTo(signer, token.certificates, anchors, time)) ? 'verified' : 'untrusted';
};
