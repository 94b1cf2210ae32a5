/**
 * The verify page, opened from the popup's recent captures: runs the same pure verifier as
 * `npm run verify` (lib/custody/verify.ts) in this page. Atlos's answer comes through the
 * background (the token stays there); the files are downloaded from their access_url here; the
 * trusted keys are every key this install has had. The timestamp's signature is checked by the
 * CLI's own check, loaded only on this page (`checkTimestampSignature`); its certificate chain
 * needs the authority's CA certificate, which the person chooses here (the CLI's `--tsa-cert`).
 */
import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { VerifyReportView } from '@/components/VerifyReportView';
import type { SourceMaterial } from '@/lib/atlos/schemas';
import type { TimestampSignatureChecker } from '@/lib/custody/timestamp-signature';
import { verifyCapture, type RemoteArtifact, type VerifyReport } from '@/lib/custody/verify';

export interface VerifyPageDeps {
  sourceMaterial(connectionId: string, sourceMaterialId: string): Promise<SourceMaterial>;
  fingerprints(): Promise<string[]>;
  download(artifact: RemoteArtifact): Promise<Uint8Array>;
  /** The timestamp signature and chain check; without it only the token's imprint is checked. */
  checkTimestampSignature?: TimestampSignatureChecker;
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
  const [tsaCerts, setTsaCerts] = useState<Uint8Array[]>([]);
  useEffect(() => {
    void (async () => {
      const sourceMaterial = await deps.sourceMaterial(connectionId, sourceMaterialId);
      const trustedFingerprints = await deps.fingerprints();
      const checkTimestampSignature = deps.checkTimestampSignature;
      setReport(
        await verifyCapture({
          sourceMaterial,
          download: deps.download,
          trustedFingerprints,
          tsaCerts,
          ...(checkTimestampSignature ? { checkTimestampSignature } : {}),
        }),
      );
    })().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [connectionId, sourceMaterialId, tsaCerts]);

  const chooseCertificates = async (files: FileList | null) => {
    const chosen = await Promise.all(
      // PEM or DER: the check reads either.
      [...(files ?? [])].map(async (file) => new Uint8Array(await file.arrayBuffer())),
    );
    setTsaCerts(chosen);
  };

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
      {report && report.timestamp.status !== 'absent' && deps.checkTimestampSignature && (
        <p>
          <label>
            {i18n.t('verify_tsaCertLabel')}{' '}
            <input
              type="file"
              multiple
              accept=".pem,.crt,.cer,.der,application/x-x509-ca-cert,application/pkix-cert"
              onChange={(event) => void chooseCertificates(event.currentTarget.files)}
            />
          </label>
        </p>
      )}
    </main>
  );
}
