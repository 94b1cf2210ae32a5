/**
 * X.509 certificates (RFC 5280) as far as the timestamp check needs them: names, serial, key,
 * validity, basic constraints, extended key usage; and the chain from a TSA's certificate up to
 * a certificate the person trusts, each link's signature checked with the issuer's key.
 */
import * as asn1js from 'asn1js';
import {
  childrenOf,
  integerBytes,
  isContext,
  need,
  octetsOf,
  oidOf,
  parseDer,
  rawOf,
  timeOf,
  type Node,
} from './asn1-read.ts';
import { equalBytes } from './bytes.ts';
import { signatureHolds } from './signature-check.ts';

export const TIME_STAMPING_PURPOSE = '1.3.6.1.5.5.7.3.8';
const BASIC_CONSTRAINTS = '2.5.29.19';
const EXTENDED_KEY_USAGE = '2.5.29.37';
const SUBJECT_KEY_ID = '2.5.29.14';
/** Longest chain followed from the TSA's certificate to a trusted one. */
const MAX_CHAIN = 8;

export interface CertificateInfo {
  der: Uint8Array;
  tbs: Uint8Array;
  signatureAlgorithm: Node;
  signature: Uint8Array;
  serial: Uint8Array;
  issuer: Uint8Array;
  subject: Uint8Array;
  spki: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  /** basicConstraints cA; null when the certificate has no basicConstraints. */
  isCA: boolean | null;
  /** Extended key usage purposes; null when the certificate has none. */
  purposes: string[] | null;
  subjectKeyId: Uint8Array | null;
}

export function readCertificate(der: Uint8Array): CertificateInfo {
  const [tbsNode, signatureAlgorithm, signatureNode] = childrenOf(
    need(parseDer(der, 'certificate'), asn1js.Sequence, 'certificate'),
  );
  const tbs = childrenOf(need(tbsNode, asn1js.Sequence, 'tbsCertificate'));
  const at = isContext(tbs[0], 0) ? 1 : 0; // version [0] is optional (v1)
  const [serial, innerAlgorithm, issuer, validity, subject, spki] = tbs.slice(at, at + 6);
  // The algorithm inside the signed part must be the one the signature says (RFC 5280 §4.1.1.2).
  if (!innerAlgorithm || !signatureAlgorithm || !equalBytes(rawOf(innerAlgorithm), rawOf(signatureAlgorithm)))
    throw new Error('certificate: signature algorithms differ');
  const [notBefore, notAfter] = childrenOf(validity);
  const info: CertificateInfo = {
    der,
    tbs: rawOf(tbsNode!),
    signatureAlgorithm,
    signature: new Uint8Array(need(signatureNode, asn1js.BitString, 'signature').valueBlock.valueHexView),
    serial: integerBytes(serial, 'serial number'),
    issuer: rawOf(need(issuer, asn1js.Sequence, 'issuer')),
    subject: rawOf(need(subject, asn1js.Sequence, 'subject')),
    spki: rawOf(need(spki, asn1js.Sequence, 'public key')),
    notBefore: timeOf(notBefore, 'notBefore'),
    notAfter: timeOf(notAfter, 'notAfter'),
    isCA: null,
    purposes: null,
    subjectKeyId: null,
  };
  const extensions = tbs.slice(at + 6).find((node) => isContext(node, 3));
  for (const extension of childrenOf(childrenOf(extensions)[0])) {
    const fields = childrenOf(extension);
    const value = parseDer(octetsOf(fields.at(-1), 'extension value'), 'extension value');
    const id = oidOf(fields[0], 'extension id');
    if (id === BASIC_CONSTRAINTS) {
      const [cA] = childrenOf(value);
      info.isCA = cA instanceof asn1js.Boolean && cA.valueBlock.value;
    } else if (id === EXTENDED_KEY_USAGE) {
      info.purposes = childrenOf(value).map((purpose) => oidOf(purpose, 'key purpose'));
    } else if (id === SUBJECT_KEY_ID) {
      info.subjectKeyId = octetsOf(value, 'subject key id');
    }
  }
  return info;
}

const COMMON_NAME = '2.5.4.3';

/** The subject's most specific common name, to show a person which certificate this is; null when it has none. */
export function commonNameOf(cert: CertificateInfo): string | null {
  const names = childrenOf(parseDer(cert.subject, 'subject'))
    .flatMap((relativeName) => childrenOf(relativeName))
    .map((attribute) => childrenOf(attribute))
    .filter(([type]) => type instanceof asn1js.ObjectIdentifier && type.valueBlock.toString() === COMMON_NAME)
    .map(([, value]) => (value instanceof asn1js.BaseStringBlock ? value.getValue() : ''));
  return names.findLast((name) => name.trim() !== '') ?? null;
}

/** Reads a certificate given as PEM or DER. */
export function certificateBytes(file: Uint8Array): Uint8Array {
  const text = new TextDecoder().decode(file);
  const match = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(text);
  if (!match) return file;
  const binary = atob(match[1]!.replace(/\s+/g, ''));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

const validAt = (cert: CertificateInfo, time: Date) =>
  cert.notBefore.getTime() <= time.getTime() && time.getTime() <= cert.notAfter.getTime();
const isAnchor = (cert: CertificateInfo, anchors: CertificateInfo[]) =>
  anchors.some((anchor) => equalBytes(anchor.der, cert.der));

/**
 * Whether `leaf` chains to one of `anchors` through certificates from `pool` (those in the token),
 * every certificate valid at `time`, every link signed by its issuer's key, every issuer below
 * the anchor a CA. An anchor is trusted as given (the person chose it), so a v1 root may be one.
 */
export async function chainsTo(
  leaf: CertificateInfo,
  pool: CertificateInfo[],
  anchors: CertificateInfo[],
  time: Date,
): Promise<boolean> {
  let current = leaf;
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    if (!validAt(current, time)) return false;
    // The TSA's own certificate is no anchor: it must be issued by one (as PKI.js's chain engine has it).
    if (depth > 0 && isAnchor(current, anchors)) return true;
    const candidates = [...anchors, ...pool].filter(
      (issuer) =>
        equalBytes(issuer.subject, current.issuer) &&
        !equalBytes(issuer.der, current.der) &&
        (issuer.isCA === true || (issuer.isCA === null && isAnchor(issuer, anchors))),
    );
    let next: CertificateInfo | undefined;
    for (const issuer of candidates) {
      if (await signatureHolds(issuer.spki, current.signatureAlgorithm, current.tbs, current.signature)) {
        next = issuer;
        break;
      }
    }
    if (!next) return false;
    current = next;
  }
  return false;
}
