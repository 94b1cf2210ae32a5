/**
 * The verify page, opened from the popup's recent captures: runs the same pure verifier as
 * `npm run verify` (lib/custody/verify.ts) in this page. Atlos's answer comes through the
 * background (the token stays there); the files are downloaded from their access_url here; the
 * trusted keys are every key this install has had. The timestamp's signature is checked by the
 * CLI's own check, loaded only on this page (`checkTimestampSignature`); its certificate chain
 * needs the authority's CA certificate, which the person chooses here once (the CLI's `--tsa-cert`)
 * and this browser remembers for every later verification (lib/custody/tsa-ca-store.ts).
 */
import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { VerifyReportView } from '@/components/VerifyReportView';
import type { SourceMaterial } from '@/lib/atlos/schemas';
import type { TimestampSignatureChecker } from '@/lib/custody/timestamp-signature';
import { rememberedCertificates, type CertificateArea, type RememberedCertificate } from '@/lib/custody/tsa-ca-store';
import { verifyCapture, type RemoteArtifact, type VerifyReport } from '@/lib/custody/verify';
import { TsaCertificates } from './TsaCertificates';

export interface VerifyPageDeps {
  sourceMaterial(connectionId: string, sourceMaterialId: string): Promise<SourceMaterial>;
  fingerprints(): Promise<string[]>;
  download(artifact: RemoteArtifact): Promise<Uint8Array>;
  /** The timestamp signature and chain check; without it only the token's imprint is checked. */
  checkTimestampSignature?: TimestampSignatureChecker;
  /** Where the authority's CA certificates are remembered (`browser.storage.local`). */
  tsaCertificateArea: CertificateArea;
}

export function App({
  connectionId,
  sourceMaterialId,
  deps,
}: {
  connectionId: string;
  sourceMaterialId: string;
  deps: VerifyPageDeps;
}) {
  const [report, setReport] = useState<VerifyReport | null>(null);
  const [error, setError] = useState('');
  // null until read: the first verification waits for them, so it runs once, with them.
  const [tsaCerts, setTsaCerts] = useState<RememberedCertificate[] | null>(null);
  useEffect(() => {
    void rememberedCertificates(deps.tsaCertificateArea).then(setTsaCerts);
  }, []);
  useEffect(() => {
    if (!tsaCerts) return;
    // Choosing or forgetting a certificate verifies again; only the latest run's report is shown.
    let latest = true;
    void (async () => {
      const sourceMaterial = await deps.sourceMaterial(connectionId, sourceMaterialId);
      const trustedFingerprints = await deps.fingerprints();
      const checkTimestampSignature = deps.checkTimestampSignature;
      const result = await verifyCapture({
        sourceMaterial,
        download: deps.download,
        trustedFingerprints,
        tsaCerts: tsaCerts.map((cert) => cert.der),
        ...(checkTimestampSignature ? { checkTimestampSignature } : {}),
      });
      if (latest) setReport(result);
    })().catch((e: unknown) => {
      if (latest) setError(e instanceof Error ? e.message : String(e));
    });
    return () => {
      latest = false;
    };
  }, [connectionId, sourceMaterialId, tsaCerts]);

  return (
    <main>
      <h1>{i18n.t('verify_title')}</h1>
      <p dir="ltr">
        <code>{sourceMaterialId}</code>
      </p>
      {error ? (
        <p role="alert" class="alert">
          {i18n.t('verify_error', [error])}
        </p>
      ) : report ? (
        <VerifyReportView report={report} />
      ) : (
        <p role="status">{i18n.t('verify_checking')}</p>
      )}
      {report && report.timestamp.status !== 'absent' && deps.checkTimestampSignature && tsaCerts && (
        <TsaCertificates area={deps.tsaCertificateArea} certificates={tsaCerts} onChange={setTsaCerts} />
      )}
    </main>
  );
}
