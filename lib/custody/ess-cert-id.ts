/**
 * The ESS signing-certificate attribute of a time-stamp token's signer, which RFC 3161 §2.4.1
 * (https://www.rfc-editor.org/rfc/rfc3161#section-2.4.1) makes mandatory: it binds the signature
 * to one certificate by its hash, so a token cannot be passed off as signed by another
 * certificate that carries the same key (with other names, purposes or issuer). Either RFC 2634's
 * signingCertificate (https://www.rfc-editor.org/rfc/rfc2634#section-5.4, ESSCertID: a SHA-1
 * certHash) or RFC 5816's signingCertificateV2 (https://www.rfc-editor.org/rfc/rfc5816, ESSCertIDv2:
 * hashAlgorithm, SHA-256 when left out, then certHash), each with an optional issuerSerial.
 */
import * as asn1js from 'asn1js';
import { attributeValue, childrenOf, integerBytes, isContext, octetsOf, rawOf, type Node } from './asn1-read.ts';
import { digest, equalBytes } from './bytes.ts';
import type { CertificateInfo } from './certificates.ts';
import { hashOf } from './signature-check.ts';

const SIGNING_CERTIFICATE = '1.2.840.113549.1.9.16.2.12';
const SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
/** GeneralName's directoryName choice: issuerSerial gives the certificate's issuer Name as one. */
const DIRECTORY_NAME = 4;

export type SignerBinding = 'bound' | 'signing_cert_missing' | 'signing_cert_mismatch';

/**
 * Whether a SigningCertificate(V2) value's first ESSCertID(v2) names `cert`: the first "MUST be the
 * certificate used to verify the signature" (RFC 2634 §5.4); the rest, if any, name its chain.
 */
async function namesCertificate(value: Node, cert: CertificateInfo, version: 1 | 2): Promise<boolean> {
  const fields = [...childrenOf(childrenOf(childrenOf(value)[0])[0])];
  let hash = version === 1 ? 'SHA-1' : 'SHA-256';
  if (version === 2 && fields[0] instanceof asn1js.Sequence) hash = hashOf(fields.shift(), 'ESSCertIDv2 hash');
  const [certHash, issuerSerial] = fields;
  if (!equalBytes(octetsOf(certHash, 'certHash'), await digest(hash, cert.der))) return false;
  if (!issuerSerial) return true;
  const [issuer, serial] = childrenOf(issuerSerial);
  const names = childrenOf(issuer).filter((name) => isContext(name, DIRECTORY_NAME));
  return (
    equalBytes(integerBytes(serial, 'issuerSerial serial'), cert.serial) &&
    names.some((name) => equalBytes(rawOf(childrenOf(name)[0]!), cert.issuer))
  );
}

/**
 * Whether the signed attributes bind the signature to `cert`. Every signing-certificate attribute
 * present must name it (a TSA may send both versions); one that cannot be read names nothing.
 */
export async function signerBinding(signedAttrs: Node | undefined, cert: CertificateInfo): Promise<SignerBinding> {
  try {
    const present = [
      [attributeValue(signedAttrs, SIGNING_CERTIFICATE_V2), 2],
      [attributeValue(signedAttrs, SIGNING_CERTIFICATE), 1],
    ].filter((entry): entry is [Node, 1 | 2] => entry[0] !== undefined);
    if (present.length === 0) return 'signing_cert_missing';
    for (const [value, version] of present)
      if (!(await namesCertificate(value, cert, version))) return 'signing_cert_mismatch';
    return 'bound';
  } catch {
    return 'signing_cert_mismatch';
  }
}
