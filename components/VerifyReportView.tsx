/** A verifier report as the verify page shows it: the verdict, a row per file, signature, key, timestamp. */
import { i18n } from '#i18n';
import type { FileResult, VerifyReport } from '../lib/custody/verify';

function fileStatus(status: FileResult['status']): string {
  switch (status) {
    case 'verified':
      return i18n.t('verify_file_verified');
    case 'missing':
      return i18n.t('verify_file_missing');
    case 'unexpected':
      return i18n.t('verify_file_unexpected');
    case 'download_failed':
      return i18n.t('verify_file_failed');
    default:
      return i18n.t('verify_file_changed');
  }
}

function timestampText(report: VerifyReport): string {
  const { status, time } = report.timestamp;
  if (status === 'absent') return i18n.t('verify_none');
  // The same statuses as `npm run verify` (lib/custody/verify-timestamp.ts).
  if (status === 'verified') return i18n.t('verify_timestampVerified', [time ?? '']);
  if (status === 'signature_only') return i18n.t('verify_timestampChainNotChecked', [time ?? '']);
  if (status === 'imprint_only') return i18n.t('verify_timestampSignatureOnly', [time ?? '']);
  return i18n.t('verify_bad');
}

export function VerifyReportView({ report }: { report: VerifyReport }) {
  const verified = report.verdict === 'verified';
  return (
    <section aria-live="polite">
      <p role="status" class={verified ? 'verdict is-ok' : 'verdict alert'} data-verdict={report.verdict}>
        {verified ? i18n.t('verify_verified') : i18n.t('verify_failed', [String(report.failures.length)])}
      </p>
      <table class="verify-files">
        <thead>
          <tr>
            <th scope="col">{i18n.t('verify_colStatus')}</th>
            <th scope="col">{i18n.t('verify_colFile')}</th>
            <th scope="col">SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {report.files.map((file, index) => (
            <tr key={`${file.artifactId ?? ''}-${index}`} data-status={file.status}>
              <td>{fileStatus(file.status)}</td>
              <td>
                <bdi>{file.title}</bdi>
              </td>
              <td dir="ltr">
                <code>{(file.actualSha256 ?? file.expectedSha256 ?? '—').slice(0, 16)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {i18n.t('verify_signature', [report.signature === 'verified' ? i18n.t('verify_ok') : i18n.t('verify_bad')])}
      </p>
      {report.publicKey && <p>{i18n.t('verify_key', [report.publicKey.fingerprint])}</p>}
      <p data-timestamp={report.timestamp.status}>{i18n.t('verify_timestamp', [timestampText(report)])}</p>
      {report.failures.length > 0 && (
        <ul class="verify-findings">
          {report.failures.map((f, index) => (
            <li key={index} dir="ltr">
              <code>{f.code}</code> {f.artifactId ?? ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
