/**
 * Signing and reading the manifest file. The signature covers the RFC 8785 (JSON Canonicalization
 * Scheme, https://www.rfc-editor.org/rfc/rfc8785) bytes of the manifest without its `signature`
 * member; the file itself is the canonical form of the whole object, so its bytes are reproducible.
 */
import canonicalize from 'canonicalize';
import { fromBase64, sha256Hex, toBase64 } from './bytes.ts';
import { signedManifestSchema, type CaptureManifest, type SignedManifest } from './manifest.ts';
import { sign, verifySignature, type SigningKey } from './signing.ts';

export function canonicalBytes(value: unknown): Uint8Array {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('Cannot canonicalize this value');
  return new TextEncoder().encode(text);
}

export interface SealedManifest {
  bytes: Uint8Array;
  sha256: string;
  fingerprint: string;
}

export async function sealManifest(manifest: CaptureManifest, key: SigningKey): Promise<SealedManifest> {
  if (manifest.public_key.fingerprint !== key.fingerprint) throw new Error('The manifest names another key');
  const signature = await sign(key, canonicalBytes(manifest));
  const signed: SignedManifest = { ...manifest, signature: { algorithm: key.algorithm, value: toBase64(signature) } };
  const bytes = canonicalBytes(signed);
  return { bytes, sha256: await sha256Hex(bytes), fingerprint: key.fingerprint };
}

export type ManifestReading =
  | { ok: true; manifest: SignedManifest; raw: Record<string, unknown>; canonical: boolean }
  | { ok: false; reason: string };

/** Parses the file's bytes; says whether they are the canonical form (a re-serialised file is not). */
export function readManifest(bytes: Uint8Array): ManifestReading {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    return { ok: false, reason: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const parsed = signedManifestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `not a capture manifest (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})` };
  }
  const again = canonicalBytes(value);
  const canonical = again.length === bytes.length && again.every((b, i) => b === bytes[i]);
  return { ok: true, manifest: parsed.data, raw: value as Record<string, unknown>, canonical };
}

/**
 * Whether the signature verifies with the public key the manifest carries. `raw` is the parsed
 * JSON as read (every member, known or not, is covered by the signature).
 */
export async function checkManifestSignature(manifest: SignedManifest, raw: Record<string, unknown>): Promise<boolean> {
  const { signature: _signature, ...unsigned } = raw;
  const { signature } = manifest;
  if (signature.algorithm !== manifest.public_key.algorithm) return false;
  let value: Uint8Array;
  try {
    value = fromBase64(signature.value);
  } catch {
    return false;
  }
  return verifySignature(manifest.public_key as SigningKey, canonicalBytes(unsigned), value);
}
