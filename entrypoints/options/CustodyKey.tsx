/**
 * The install's signing key on the settings page: its fingerprint (to publish or give to a case
 * lead), export of every public key it has had (PEM), and making a new key. The key store is the
 * extension origin's IndexedDB (lib/custody/key-store.ts), readable from this page; the private key
 * is non-extractable, so this page can only use it through WebCrypto, never read it.
 */
import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import type { KeyStore, PublicKeyRecord } from '@/lib/custody/key-store';
import { publicKeyPem } from '@/lib/custody/signing';

function exportText(keys: PublicKeyRecord[]): string {
  return keys
    .map(
      (k) =>
        `# ${k.fingerprint}\n# ${k.algorithm}, created ${k.createdAt}${k.retiredAt ? `, retired ${k.retiredAt}` : ''}\n${publicKeyPem(k.spki)}`,
    )
    .join('\n');
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/x-pem-file' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function CustodyKey({ keys }: { keys: Pick<KeyStore, 'current' | 'rotate' | 'publicKeys'> }) {
  const [list, setList] = useState<PublicKeyRecord[] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));
  const reload = () =>
    void keys
      .current()
      .then(() => keys.publicKeys())
      .then(setList, fail);
  useEffect(reload, []);

  const rotate = () => {
    setConfirming(false);
    void keys.rotate().then(() => {
      setStatus(i18n.t('custody_rotated'));
      reload();
    }, fail);
  };

  const current = list?.find((k) => !k.retiredAt);
  const earlier = list?.filter((k) => k.retiredAt) ?? [];
  return (
    <section class="card custody" aria-labelledby="custody-heading">
      <h2 id="custody-heading">{i18n.t('custody_heading')}</h2>
      <p class="hint">{i18n.t('custody_intro')}</p>
      {!current ? (
        !error && <p role="status">{i18n.t('custody_loading')}</p>
      ) : (
        <>
          <p>
            {i18n.t('custody_fingerprint')}:{' '}
            <code dir="ltr" data-testid="custody-fingerprint">
              {current.fingerprint}
            </code>
          </p>
          <p class="hint">{i18n.t('custody_algorithm', [current.algorithm, current.createdAt.slice(0, 10)])}</p>
          <button type="button" onClick={() => download('atlos-capture-public-keys.pem', exportText(list!))}>
            {i18n.t('custody_exportKey')}
          </button>{' '}
          {confirming ? (
            <span role="group">
              <span class="warning">{i18n.t('custody_rotateConfirm')}</span>{' '}
              <button type="button" class="danger" onClick={rotate}>
                {i18n.t('custody_rotateYes')}
              </button>{' '}
              <button type="button" onClick={() => setConfirming(false)}>
                {i18n.t('options_cancel')}
              </button>
            </span>
          ) : (
            <button type="button" onClick={() => (setStatus(''), setConfirming(true))}>
              {i18n.t('custody_rotate')}
            </button>
          )}
          {earlier.length > 0 && (
            <details>
              <summary>{i18n.t('custody_oldKeys')}</summary>
              <ul>
                {earlier.map((k) => (
                  <li key={k.fingerprint}>
                    <code dir="ltr">{k.fingerprint}</code> ({k.createdAt.slice(0, 10)} – {k.retiredAt!.slice(0, 10)})
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
      {status && <p role="status">{status}</p>}
      {error && (
        <p role="alert" class="alert">
          {error}
        </p>
      )}
    </section>
  );
}
