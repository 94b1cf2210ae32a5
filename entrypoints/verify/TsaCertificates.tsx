/**
 * The timestamp authority's CA certificates this browser remembers for the verify page: each with
 * its fingerprint (to compare with the one the authority publishes) and Forget, and the chooser
 * to add more. lib/custody/tsa-ca-store.ts keeps them; the page verifies again on every change.
 */
import { i18n } from '#i18n';
import { useRef, useState } from 'preact/hooks';
import {
  forgetCertificate,
  MAX_REMEMBERED,
  rememberCertificates,
  type CertificateArea,
  type Rejected,
  type RememberedCertificate,
} from '@/lib/custody/tsa-ca-store';

/** As `openssl x509 -fingerprint -sha256` and browsers' certificate viewers show it. */
const fingerprintText = (sha256: string) => sha256.toUpperCase().match(/../g)!.join(':');

const rejectedText = ({ fileName, reason }: Rejected) =>
  reason === 'full'
    ? i18n.t('verify_tsaCertFull', [String(MAX_REMEMBERED), fileName])
    : i18n.t('verify_tsaCertNotCertificate', [fileName]);

export function TsaCertificates({
  area,
  certificates,
  onChange,
}: {
  area: CertificateArea;
  certificates: RememberedCertificate[];
  onChange(certificates: RememberedCertificate[]): void;
}) {
  const [problems, setProblems] = useState<string[]>([]);
  const chooser = useRef<HTMLInputElement>(null);
  const failed = (e: unknown) =>
    setProblems([i18n.t('verify_tsaCertSaveFailed', [e instanceof Error ? e.message : String(e)])]);

  const choose = async (input: HTMLInputElement) => {
    const files = [...(input.files ?? [])];
    input.value = ''; // so that choosing the same file again (after Forget) is a change too
    const chosen = await Promise.all(
      files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })),
    );
    const { certificates: next, rejected } = await rememberCertificates(area, chosen);
    setProblems(rejected.map(rejectedText));
    // Nothing added, nothing to verify again (every verification downloads every file).
    if (next.length !== certificates.length) onChange(next);
  };
  const forget = async (sha256: string) => {
    setProblems([]);
    onChange(await forgetCertificate(area, sha256));
    chooser.current?.focus(); // the Forget button that had the focus is gone
  };

  return (
    <section class="card" aria-labelledby="tsa-certs-title">
      <h2 id="tsa-certs-title">{i18n.t('verify_tsaCertsTitle')}</h2>
      {certificates.length === 0 ? (
        <p class="empty">{i18n.t('verify_tsaCertsNone')}</p>
      ) : (
        <ul class="tsa-certs">
          {certificates.map((cert) => (
            <li key={cert.sha256}>
              <bdi class="tsa-cert-name">{cert.name}</bdi>
              <code class="tsa-cert-fingerprint" dir="ltr">
                SHA-256 {fingerprintText(cert.sha256)}
              </code>
              <button
                type="button"
                aria-label={i18n.t('verify_tsaCertForgetNamed', [cert.name])}
                onClick={() => void forget(cert.sha256).catch(failed)}
              >
                {i18n.t('verify_tsaCertForget')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {/* Keyed so that the "none" paragraph never takes this one's place, and the focus with it. */}
      <p class="field" key="chooser">
        <label>
          {i18n.t('verify_tsaCertLabel')}{' '}
          <input
            ref={chooser}
            type="file"
            multiple
            accept=".pem,.crt,.cer,.der,application/x-x509-ca-cert,application/pkix-cert"
            onChange={(event) => void choose(event.currentTarget).catch(failed)}
          />
        </label>
      </p>
      <div role="alert">
        {problems.map((problem) => (
          <p class="alert" key={problem}>
            {problem}
          </p>
        ))}
      </div>
    </section>
  );
}
