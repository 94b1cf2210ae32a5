import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeTestPki, pem } from '@/test/tsa/pki';
import { sha256Hex } from './bytes';
import {
  forgetCertificate,
  MAX_REMEMBERED,
  rememberCertificates,
  rememberedCertificates,
  TSA_CA_STORAGE_KEY,
  type CertificateArea,
} from './tsa-ca-store';

const area = () => fakeBrowser.storage.local as unknown as CertificateArea;
const pemFile = (der: Uint8Array, name = 'ca.pem') => ({ name, bytes: new TextEncoder().encode(pem(der)) });

beforeEach(() => fakeBrowser.reset());

describe('remembered TSA CA certificates', () => {
  it('remembers a PEM certificate as DER, named by its common name, across reads', async () => {
    const { ca } = await makeTestPki('Remember');
    const { certificates, rejected } = await rememberCertificates(area(), [pemFile(ca.der)]);
    expect(rejected).toEqual([]);
    const again = await rememberedCertificates(area());
    expect(again).toEqual(certificates);
    expect(again).toHaveLength(1);
    expect(again[0]!.name).toBe('Remember root CA');
    expect(again[0]!.der).toEqual(ca.der);
    expect(again[0]!.sha256).toBe(await sha256Hex(ca.der));
  });

  it('keeps one copy of a certificate chosen twice, as PEM and as DER', async () => {
    const { ca } = await makeTestPki();
    await rememberCertificates(area(), [pemFile(ca.der)]);
    const { certificates } = await rememberCertificates(area(), [{ name: 'ca.der', bytes: ca.der }]);
    expect(certificates).toHaveLength(1);
  });

  it('rejects a file that is not a certificate by name and keeps what was remembered', async () => {
    const { ca } = await makeTestPki();
    await rememberCertificates(area(), [pemFile(ca.der)]);
    const notes = { name: 'notes.txt', bytes: new TextEncoder().encode('not a certificate') };
    const truncated = { name: 'cut.der', bytes: ca.der.slice(0, -1) };
    const { certificates, rejected } = await rememberCertificates(area(), [notes, truncated]);
    expect(rejected).toEqual([
      { fileName: 'notes.txt', reason: 'not_certificate' },
      { fileName: 'cut.der', reason: 'not_certificate' },
    ]);
    expect(certificates.map((c) => c.der)).toEqual([ca.der]);
    expect((await rememberedCertificates(area())).map((c) => c.der)).toEqual([ca.der]);
  });

  it(`keeps at most ${MAX_REMEMBERED} and says which files did not fit`, async () => {
    const pkis = await Promise.all(Array.from({ length: 6 }, (_, i) => makeTestPki(`Cap ${i}`)));
    const files = pkis.flatMap(({ ca, tsa }, i) => [pemFile(ca.der, `ca-${i}.pem`), pemFile(tsa.der, `tsa-${i}.pem`)]);
    const { certificates, rejected } = await rememberCertificates(area(), files);
    expect(certificates).toHaveLength(MAX_REMEMBERED);
    expect(rejected).toEqual([
      { fileName: 'ca-5.pem', reason: 'full' },
      { fileName: 'tsa-5.pem', reason: 'full' },
    ]);
    expect(await rememberedCertificates(area())).toHaveLength(MAX_REMEMBERED);
  });

  it('reads a corrupt stored value as nothing remembered', async () => {
    const corrupted = ['x', { length: 1 }, [{ name: 'a' }], [{ name: 'a', der: '%%%' }], [{ name: 7, der: 'MAA=' }]];
    for (const corrupt of corrupted) {
      await fakeBrowser.storage.local.set({ [TSA_CA_STORAGE_KEY]: corrupt });
      expect(await rememberedCertificates(area())).toEqual([]);
    }
  });

  it('forgets one certificate by its fingerprint and keeps the others', async () => {
    const { ca, tsa } = await makeTestPki();
    await rememberCertificates(area(), [pemFile(ca.der), pemFile(tsa.der, 'tsa.pem')]);
    const left = await forgetCertificate(area(), await sha256Hex(ca.der));
    expect(left.map((c) => c.der)).toEqual([tsa.der]);
    expect((await rememberedCertificates(area())).map((c) => c.der)).toEqual([tsa.der]);
  });
});
