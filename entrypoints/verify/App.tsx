/**
 * The verify page, opened from the popup's recent captures: runs the same pure verifier as
 * `npm run verify` (lib/custody/verify.ts) in this page. Atlos's answer comes through the
 * background (the token stays there); the files are downloaded from their access_url here; the
 * trusted keys are every key this install has had.
 */
import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { VerifyReportView } from '@/components/VerifyReportView';
import type { SourceMaterial } from '@/lib/atlos/schemas';
import { verifyCapture, type RemoteArtifact, type VerifyReport } from '@/lib/custody/verify';

export interface VerifyPageDeps {
  sourceMaterial(connectionId: string, sourceMaterialId: string): Promise<SourceMaterial>;
  fingerprints(): Promise<string[]>;
  download(artifact: RemoteArtifact): Promise<Uint8Array>;
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
  useEffect(() => {
    void (async () => {
      const sourceMaterial = await deps.sourceMaterial(connectionId, sourceMaterialId);
      const trustedFingerprints = await deps.fingerprints();
      setReport(await verifyCapture({ sourceMaterial, download: deps.download, trustedFingerprints }));
    })().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [connectionId, sourceMaterialId]);

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
    </main>
  );
}
