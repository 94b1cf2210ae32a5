/**
 * The time-stamping authority's CA certificates the verify page remembers, so that every later
 * verification checks the timestamp's certificate chain without asking again (the CLI's
 * `--tsa-cert`, chosen once). Kept in `storage.local`: public certificates, no secret, private
 * to this extension; never `storage.sync`: which CA to trust is decided here, not in other browsers.
 * Only certificates that parse are kept, as DER, once each (by SHA-256), at most `MAX_REMEMBERED`.
 */
import { z } from 'zod';
import { fromBase64, sha256Hex, toBase64 } from './bytes.ts';

/** The part of `browser.storage.local` used here (tests pass an in-memory one). */
export interface CertificateArea {
  get(keys: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export const TSA_CA_STORAGE_KEY = 'verifyTsaCaCertificates';
/** Enough for a few authorities and their intermediates; beyond that the person forgets one first. */
export const MAX_REMEMBERED = 10;

export interface RememberedCertificate {
  /** The subject's common name, or the file's name when it has none. */
  name: string;
  /** Hex SHA-256 of the DER: the certificate's fingerprint. */
  sha256: string;
  der: Uint8Array;
}

export interface ChosenFile {
  name: string;
  bytes: Uint8Array;
}

export interface Rejected {
  fileName: string;
  reason: 'not_certificate' | 'full';
}

const storedSchema = z.array(z.object({ name: z.string(), der: z.base64().min(1) }));
type Stored = z.infer<typeof storedSchema>;

async function remembered(stored: Stored): Promise<RememberedCertificate[]> {
  return Promise.all(
    stored.map(async ({ name, der }) => {
      const bytes = fromBase64(der);
      return { name, sha256: await sha256Hex(bytes), der: bytes };
    }),
  );
}

/** What is remembered; a value this module did not write (or cannot read) counts as nothing. */
export async function rememberedCertificates(area: CertificateArea): Promise<RememberedCertificate[]> {
  try {
    const parsed = storedSchema.safeParse((await area.get(TSA_CA_STORAGE_KEY))[TSA_CA_STORAGE_KEY]);
    return parsed.success ? await remembered(parsed.data) : [];
  } catch {
    return [];
  }
}

async function save(area: CertificateArea, list: RememberedCertificate[]): Promise<void> {
  const stored: Stored = list.map(({ name, der }) => ({ name, der: toBase64(der) }));
  await area.set({ [TSA_CA_STORAGE_KEY]: stored });
}

/** The certificate's DER and the name to show, or null when the file is not a certificate. */
async function readChosen(file: ChosenFile): Promise<Omit<RememberedCertificate, 'sha256'> | null> {
  // Loaded when a file is chosen, not with the page: the certificate reader is the timestamp check's.
  const { certificateBytes, commonNameOf, readCertificate } = await import('./certificates.ts');
  try {
    const der = certificateBytes(file.bytes);
    return { name: commonNameOf(readCertificate(der)) ?? file.name, der };
  } catch {
    return null;
  }
}

/** Adds the files that are certificates (PEM or DER); says which files were left out and why. */
export async function rememberCertificates(
  area: CertificateArea,
  files: ChosenFile[],
): Promise<{ certificates: RememberedCertificate[]; rejected: Rejected[] }> {
  const certificates = await rememberedCertificates(area);
  const before = certificates.length;
  const rejected: Rejected[] = [];
  for (const file of files) {
    const chosen = await readChosen(file);
    if (!chosen) {
      rejected.push({ fileName: file.name, reason: 'not_certificate' });
      continue;
    }
    const sha256 = await sha256Hex(chosen.der);
    if (certificates.some((known) => known.sha256 === sha256)) continue;
    if (certificates.length >= MAX_REMEMBERED) rejected.push({ fileName: file.name, reason: 'full' });
    else certificates.push({ ...chosen, sha256 });
  }
  if (certificates.length > before) await save(area, certificates);
  return { certificates, rejected };
}

export async function forgetCertificate(area: CertificateArea, sha256: string): Promise<RememberedCertificate[]> {
  const certificates = (await rememberedCertificates(area)).filter((known) => known.sha256 !== sha256);
  await save(area, certificates);
  return certificates;
}
