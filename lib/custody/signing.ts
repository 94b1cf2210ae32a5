/**
 * The install's signing key pair, made with WebCrypto: Ed25519 where the browser has it (Chrome 137+,
 * Firefox 129+, Node 22; https://developer.mozilla.org/en-US/docs/Web/API/SubtleCrypto/sign#ed25519),
 * else ECDSA P-256 with SHA-256 (signature as r‖s, IEEE P1363, as WebCrypto makes it).
 * Public keys travel as base64 SubjectPublicKeyInfo; a key's fingerprint is `sha256:` + hex of that DER.
 */
import { fromBase64, plainBytes, sha256Hex, toBase64 } from './bytes.ts';

export type SignatureAlgorithm = 'Ed25519' | 'ECDSA-P256-SHA256';
export const SIGNATURE_ALGORITHMS: readonly SignatureAlgorithm[] = ['Ed25519', 'ECDSA-P256-SHA256'];

interface WebCryptoParams {
  key: EcKeyImportParams | Algorithm;
  sign: EcdsaParams | Algorithm;
}

const PARAMS: Record<SignatureAlgorithm, WebCryptoParams> = {
  Ed25519: { key: { name: 'Ed25519' }, sign: { name: 'Ed25519' } },
  'ECDSA-P256-SHA256': { key: { name: 'ECDSA', namedCurve: 'P-256' }, sign: { name: 'ECDSA', hash: 'SHA-256' } },
};

export interface PublicKeyInfo {
  algorithm: SignatureAlgorithm;
  /** base64 DER SubjectPublicKeyInfo */
  spki: string;
  /** `sha256:` + lowercase hex of the SPKI DER */
  fingerprint: string;
}

export interface SigningKey extends PublicKeyInfo {
  /** Non-extractable: it never leaves WebCrypto. */
  privateKey: CryptoKey;
}

/** A new key pair; the private half non-extractable. Ed25519 first, ECDSA P-256 where it is missing. */
export async function generateSigningKey(
  prefer: SignatureAlgorithm[] = ['Ed25519', 'ECDSA-P256-SHA256'],
): Promise<SigningKey> {
  let lastError: unknown;
  for (const algorithm of prefer) {
    try {
      const pair = (await crypto.subtle.generateKey(PARAMS[algorithm].key, false, ['sign', 'verify'])) as CryptoKeyPair;
      const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
      return { algorithm, spki: toBase64(spki), fingerprint: await fingerprintOf(spki), privateKey: pair.privateKey };
    } catch (error) {
      lastError = error; // NotSupportedError: try the next algorithm
    }
  }
  throw lastError instanceof Error ? lastError : new Error('No supported signature algorithm');
}

export async function fingerprintOf(spki: Uint8Array): Promise<string> {
  return `sha256:${await sha256Hex(spki)}`;
}

export async function sign(key: Pick<SigningKey, 'algorithm' | 'privateKey'>, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign(PARAMS[key.algorithm].sign, key.privateKey, plainBytes(data)));
}

/** False (never throws) when the key cannot be read or the signature does not match. */
export async function verifySignature(
  key: Pick<PublicKeyInfo, 'algorithm' | 'spki'>,
  data: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  try {
    const params = PARAMS[key.algorithm];
    if (!params) return false;
    const publicKey = await crypto.subtle.importKey('spki', fromBase64(key.spki), params.key, false, ['verify']);
    return await crypto.subtle.verify(params.sign, publicKey, plainBytes(signature), plainBytes(data));
  } catch {
    return false;
  }
}

/** PEM text of a public key, for export. */
export function publicKeyPem(spki: string): string {
  const lines = spki.match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
}
