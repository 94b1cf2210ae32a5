/**
 * The signed attributes the test TSA puts on its token's SignerInfo, as real TSAs do (RFC 5652
 * §5.3, https://www.rfc-editor.org/rfc/rfc5652#section-5.3): content type, message digest, and the
 * ESS signing-certificate attribute RFC 3161 §2.4.1 requires
 * (https://www.rfc-editor.org/rfc/rfc3161#section-2.4.1), which binds the signature to the TSA's
 * certificate: RFC 5816's signingCertificateV2 (https://www.rfc-editor.org/rfc/rfc5816) by
 * default, or RFC 2634's SHA-1 signingCertificate (https://www.rfc-editor.org/rfc/rfc2634#section-5.4).
 * The options make the broken tokens the verifier's tests need.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { TestPki } from './pki.ts';

export interface SignerBindingOptions {
  /** Which attribute names the signing certificate: v2 (the default), v1 (SHA-1), or none. */
  ess?: 'v2' | 'v1' | 'none';
  /** v2's certHash algorithm; SHA-256, the default, is left out of the encoding as DER requires. */
  hash?: 'SHA-256' | 'SHA-384' | 'SHA-512';
  /** The certificate whose hash the attribute gives: the TSA's by default. */
  certificate?: Uint8Array;
  /** The issuer its issuerSerial gives: the TSA certificate's issuer by default. */
  issuer?: pkijs.RelativeDistinguishedNames;
  /** The serial number its issuerSerial gives: the TSA certificate's by default. */
  serial?: number;
  /** false: no signed attributes at all, the signature over the TSTInfo itself (RFC 5652 allows it). */
  signedAttributes?: boolean;
}

const CONTENT_TYPE = '1.2.840.113549.1.9.3';
const MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const SIGNING_CERTIFICATE = '1.2.840.113549.1.9.16.2.12';
const SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
const TST_INFO = '1.2.840.113549.1.9.16.1.4';

const digest = async (hash: string, bytes: ArrayBuffer | Uint8Array<ArrayBuffer>) =>
  new asn1js.OctetString({ valueHex: await crypto.subtle.digest(hash, bytes) });

/** SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2) }, naming one certificate. */
async function signingCertificate(pki: TestPki, options: SignerBindingOptions): Promise<pkijs.Attribute> {
  const v1 = options.ess === 'v1';
  const hash = v1 ? 'SHA-1' : (options.hash ?? 'SHA-256');
  // v2's hashAlgorithm is given only when not SHA-256, its DEFAULT; v1 has none (SHA-1).
  const algorithmId =
    hash === 'SHA-1' || hash === 'SHA-256' ? null : pkijs.getCrypto(true).getOIDByAlgorithm({ name: hash }, true);
  const tsa = pki.tsa.certificate;
  const issuerSerial = new pkijs.IssuerSerial({
    issuer: new pkijs.GeneralNames({
      names: [new pkijs.GeneralName({ type: 4, value: options.issuer ?? tsa.issuer })],
    }),
    serialNumber: options.serial === undefined ? tsa.serialNumber : new asn1js.Integer({ value: options.serial }),
  });
  const essCertId = new asn1js.Sequence({
    value: [
      ...(algorithmId ? [new pkijs.AlgorithmIdentifier({ algorithmId }).toSchema()] : []),
      await digest(hash, (options.certificate ?? pki.tsa.der).slice()),
      issuerSerial.toSchema(),
    ],
  });
  return new pkijs.Attribute({
    type: v1 ? SIGNING_CERTIFICATE : SIGNING_CERTIFICATE_V2,
    values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertId] })] })],
  });
}

/** The SignerInfo's signedAttrs over `tstInfo` (the DER TSTInfo), or undefined for none. */
export async function signedAttributes(
  pki: TestPki,
  tstInfo: ArrayBuffer,
  options: SignerBindingOptions = {},
): Promise<pkijs.SignedAndUnsignedAttributes | undefined> {
  if (options.signedAttributes === false) return undefined;
  const attributes = [
    new pkijs.Attribute({ type: CONTENT_TYPE, values: [new asn1js.ObjectIdentifier({ value: TST_INFO })] }),
    new pkijs.Attribute({ type: MESSAGE_DIGEST, values: [await digest('SHA-256', tstInfo)] }),
    ...(options.ess === 'none' ? [] : [await signingCertificate(pki, options)]),
  ];
  return new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes });
}
