/**
 * Checks one X.509 or CMS signature with WebCrypto: the signature algorithm's OID (RFC 4055,
 * RFC 5758, RFC 8410) and the signer's SubjectPublicKeyInfo become WebCrypto parameters. RSA
 * (PKCS #1 v1.5 and PSS), ECDSA on P-256/384/521 and Ed25519, as TSAs sign with. Anything else,
 * or anything malformed, is a signature that does not hold.
 */
import * as asn1js from 'asn1js';
import { childrenOf, integerBytes, isContext, need, oidOf, parseDer, type Node } from './asn1-read.ts';
import { plainBytes } from './bytes.ts';

export const HASH_BY_OID: Readonly<Record<string, string>> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

const RSA_KEY = '1.2.840.113549.1.1.1';
const RSA_PSS = '1.2.840.113549.1.1.10';
const EC_KEY = '1.2.840.10045.2.1';
const ED25519 = '1.3.101.112';
const RSA_PKCS1: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.5': 'SHA-1',
  '1.2.840.113549.1.1.11': 'SHA-256',
  '1.2.840.113549.1.1.12': 'SHA-384',
  '1.2.840.113549.1.1.13': 'SHA-512',
};
const ECDSA: Readonly<Record<string, string>> = {
  '1.2.840.10045.4.1': 'SHA-1',
  '1.2.840.10045.4.3.2': 'SHA-256',
  '1.2.840.10045.4.3.3': 'SHA-384',
  '1.2.840.10045.4.3.4': 'SHA-512',
};
const CURVES: Readonly<Record<string, { name: string; size: number }>> = {
  '1.2.840.10045.3.1.7': { name: 'P-256', size: 32 },
  '1.3.132.0.34': { name: 'P-384', size: 48 },
  '1.3.132.0.35': { name: 'P-521', size: 66 },
};

export function hashOf(algorithm: Node | undefined, what: string): string {
  const hash = HASH_BY_OID[oidOf(childrenOf(algorithm)[0], what)];
  if (!hash) throw new Error(`${what}: unsupported hash`);
  return hash;
}

/** RSASSA-PSS-params (RFC 4055 §3.1): the hash and salt length, SHA-1 and 20 by default. */
function pssParams(params: Node | undefined): { hash: string; saltLength: number } {
  let hash = 'SHA-1';
  let saltLength = 20;
  for (const field of childrenOf(params)) {
    if (isContext(field, 0)) hash = hashOf(childrenOf(field)[0], 'PSS hash');
    if (isContext(field, 2)) saltLength = need(childrenOf(field)[0], asn1js.Integer, 'PSS salt').valueBlock.valueDec;
  }
  return { hash, saltLength };
}

/** ECDSA-Sig-Value (DER SEQUENCE of r and s) → the fixed-size r ‖ s WebCrypto verifies. */
function ecdsaRaw(signature: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  const raw = new Uint8Array(size * 2);
  const parts = childrenOf(parseDer(signature, 'ECDSA signature'));
  if (parts.length !== 2) throw new Error('ECDSA signature: not r and s');
  parts.forEach((part, index) => {
    let bytes = integerBytes(part, 'ECDSA signature');
    while (bytes.length > size && bytes[0] === 0) bytes = bytes.subarray(1);
    if (bytes.length > size) throw new Error('ECDSA signature: value too long');
    raw.set(bytes, (index + 1) * size - bytes.length);
  });
  return raw;
}

/**
 * Whether `signature` over `data` verifies with the key in `spki` under `algorithm` (an
 * AlgorithmIdentifier node). `digestHash` is the CMS signer's digest, for a bare rsaEncryption OID.
 */
export async function signatureHolds(
  spki: Uint8Array,
  algorithm: Node | undefined,
  data: Uint8Array,
  signature: Uint8Array,
  digestHash?: string,
): Promise<boolean> {
  try {
    const [algorithmOid, params] = childrenOf(algorithm);
    const oid = oidOf(algorithmOid, 'signature algorithm');
    const [keyAlgorithm] = childrenOf(childrenOf(parseDer(spki, 'public key'))[0]);
    const keyOid = oidOf(keyAlgorithm, 'public key algorithm');
    const key = plainBytes(spki);
    const signed = plainBytes(data);
    const verify = async (importAs: RsaHashedImportParams | EcKeyImportParams | Algorithm, params: unknown) =>
      crypto.subtle.verify(
        params as Algorithm,
        await crypto.subtle.importKey('spki', key, importAs, false, ['verify']),
        oid in ECDSA ? ecdsaRaw(signature, curveOf(spki).size) : plainBytes(signature),
        signed,
      );
    if ((oid in RSA_PKCS1 || oid === RSA_KEY) && keyOid === RSA_KEY) {
      const hash = RSA_PKCS1[oid] ?? digestHash;
      if (!hash) return false;
      return await verify({ name: 'RSASSA-PKCS1-v1_5', hash }, { name: 'RSASSA-PKCS1-v1_5' });
    }
    if (oid === RSA_PSS && keyOid === RSA_KEY) {
      const { hash, saltLength } = pssParams(params);
      return await verify({ name: 'RSA-PSS', hash }, { name: 'RSA-PSS', saltLength });
    }
    if (oid in ECDSA && keyOid === EC_KEY) {
      return await verify({ name: 'ECDSA', namedCurve: curveOf(spki).name }, { name: 'ECDSA', hash: ECDSA[oid] });
    }
    if (oid === ED25519 && keyOid === ED25519) return await verify({ name: 'Ed25519' }, { name: 'Ed25519' });
    return false;
  } catch {
    return false; // malformed key or signature, or an algorithm this browser lacks
  }
}

function curveOf(spki: Uint8Array): { name: string; size: number } {
  const [, curve] = childrenOf(childrenOf(parseDer(spki, 'public key'))[0]);
  const known = CURVES[oidOf(curve, 'curve')];
  if (!known) throw new Error('unsupported curve');
  return known;
}
