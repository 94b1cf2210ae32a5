/**
 * A throwaway PKI for the TSA stand-in, made at start: a root CA and a time-stamping certificate it
 * issued (extended key usage id-kp-timeStamping, critical, as RFC 3161 §2.3 requires). ECDSA P-256,
 * or RSA 2048 as most public TSAs use.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
/** What most public TSAs sign with. */
const RSA = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
} as const;
export type TestKeyKind = 'ecdsa' | 'rsa';
const TIME_STAMPING = '1.3.6.1.5.5.7.3.8';

export interface Issued {
  certificate: pkijs.Certificate;
  der: Uint8Array;
  privateKey: CryptoKey;
}

function name(commonName: string): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({
    typesAndValues: [
      new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: commonName }) }),
    ],
  });
}

function extension(extnID: string, critical: boolean, value: { toSchema(): asn1js.BaseBlock }): pkijs.Extension {
  return new pkijs.Extension({ extnID, critical, extnValue: value.toSchema().toBER(false) });
}

async function issue(
  subject: string,
  serial: number,
  issuer: { name: string; privateKey: CryptoKey } | null,
  extensions: pkijs.Extension[],
  kind: TestKeyKind,
): Promise<Issued> {
  const keys = (await crypto.subtle.generateKey(kind === 'rsa' ? RSA : EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({ value: serial });
  certificate.subject = name(subject);
  certificate.issuer = name(issuer?.name ?? subject);
  certificate.notBefore.value = new Date(Date.now() - 24 * 3600_000);
  certificate.notAfter.value = new Date(Date.now() + 365 * 24 * 3600_000);
  certificate.extensions = extensions;
  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey);
  await certificate.sign(issuer?.privateKey ?? keys.privateKey, 'SHA-256');
  return { certificate, der: new Uint8Array(certificate.toSchema(true).toBER(false)), privateKey: keys.privateKey };
}

export interface TestPki {
  ca: Issued;
  /** With `intermediate: true`: the CA between the root and the TSA, sent in each token. */
  intermediate?: Issued;
  tsa: Issued;
}

export async function makeTestPki(
  label = 'Atlos test',
  kind: TestKeyKind = 'ecdsa',
  options: { intermediate?: boolean } = {},
): Promise<TestPki> {
  const caName = `${label} root CA`;
  const isCA = [extension('2.5.29.19', true, new pkijs.BasicConstraints({ cA: true }))];
  const ca = await issue(caName, 1, null, isCA, kind);
  const subName = `${label} intermediate CA`;
  const intermediate = options.intermediate
    ? await issue(subName, 3, { name: caName, privateKey: ca.privateKey }, isCA, kind)
    : undefined;
  const tsa = await issue(
    `${label} TSA`,
    2,
    intermediate ? { name: subName, privateKey: intermediate.privateKey } : { name: caName, privateKey: ca.privateKey },
    [
      extension('2.5.29.19', true, new pkijs.BasicConstraints({ cA: false })),
      extension('2.5.29.37', true, new pkijs.ExtKeyUsage({ keyPurposes: [TIME_STAMPING] })),
    ],
    kind,
  );
  return { ca, tsa, ...(intermediate ? { intermediate } : {}) };
}

export function pem(der: Uint8Array): string {
  const base64 = Buffer.from(der).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}
