/**
 * Small readers over asn1js's parse tree, for the CMS and X.509 structures the timestamp check
 * walks (cms-signer.ts, certificates.ts). asn1js does the parsing; these only name what is read
 * and throw `Asn1Error` when a node is not what the structure says.
 */
import * as asn1js from 'asn1js';
import { plainBytes } from './bytes.ts';

export type Node = asn1js.AsnType;

export class Asn1Error extends Error {}

/** One DER value filling all of `bytes`. */
export function parseDer(bytes: Uint8Array, what: string): Node {
  const parsed = asn1js.fromBER(plainBytes(bytes).buffer);
  if (parsed.offset === -1 || parsed.offset !== bytes.length) throw new Asn1Error(`${what}: not DER`);
  return parsed.result;
}

export function childrenOf(node: Node | undefined): Node[] {
  const value = (node as asn1js.Sequence | undefined)?.valueBlock?.value;
  return Array.isArray(value) ? (value as Node[]) : [];
}

export function need<T>(node: Node | undefined, type: abstract new (...args: never[]) => T, what: string): T {
  if (!(node instanceof type)) throw new Asn1Error(`${what}: unexpected ASN.1`);
  return node;
}

export const oidOf = (node: Node | undefined, what: string): string =>
  need(node, asn1js.ObjectIdentifier, what).valueBlock.toString();

/** The exact encoding the node was read from (tag, length and content). */
export const rawOf = (node: Node): Uint8Array => new Uint8Array(node.valueBeforeDecodeView);

/** A context-specific tag `[tag]`, as IMPLICIT and EXPLICIT fields are encoded. */
export const isContext = (node: Node | undefined, tag: number): boolean =>
  node?.idBlock.tagClass === 3 && node.idBlock.tagNumber === tag;

export const integerBytes = (node: Node | undefined, what: string): Uint8Array =>
  new Uint8Array(need(node, asn1js.Integer, what).valueBlock.valueHexView);

export const octetsOf = (node: Node | undefined, what: string): Uint8Array =>
  new Uint8Array(need(node, asn1js.OctetString, what).getValue());

export function timeOf(node: Node | undefined, what: string): Date {
  if (node instanceof asn1js.UTCTime || node instanceof asn1js.GeneralizedTime) return node.toDate();
  throw new Asn1Error(`${what}: not a time`);
}

/**
 * The first value of the attribute of type `oid` in a SignedAttributes set (RFC 5652 §5.3,
 * https://www.rfc-editor.org/rfc/rfc5652#section-5.3); undefined when the set has none.
 */
export function attributeValue(attributes: Node | undefined, oid: string): Node | undefined {
  const attribute = childrenOf(attributes).find((a) => oidOf(childrenOf(a)[0], 'attribute type') === oid);
  return childrenOf(childrenOf(attribute)[1])[0];
}
