/**
 * The one-time offer of access to all sites (docs/permissions.md), and afterwards
 * what was chosen and what is limited without it.
 */
import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import {
  allSitesChoiceItem,
  hasAllSitesAccess,
  requestAllSitesAccess,
  type AllSitesChoice,
  type PermissionsApi,
} from '@/lib/connections/permissions';

export interface AllSitesAccessProps {
  permissions: PermissionsApi;
  /** True once a project is connected: the offer is made after connecting, not before. */
  hasConnection: boolean;
}

export function AllSitesAccess({ permissions, hasConnection }: AllSitesAccessProps) {
  const [granted, setGranted] = useState<boolean | null>(null);
  const [choice, setChoice] = useState<AllSitesChoice>('unasked');
  const [error, setError] = useState('');

  const refresh = () => {
    void hasAllSitesAccess(permissions).then(setGranted, () => setGranted(false));
    void allSitesChoiceItem.getValue().then(setChoice);
  };
  useEffect(refresh, [hasConnection]);

  if (granted === null || !hasConnection) return null;

  const allow = () => {
    // Before any await: the request needs this click's user gesture.
    const request = requestAllSitesAccess(permissions);
    setError('');
    void request.then(
      (ok) => {
        if (!ok) setError(i18n.t('options_accessDenied'));
        refresh();
      },
      () => setError(i18n.t('options_accessDenied')),
    );
  };

  return (
    <section class="card access" aria-labelledby="access-heading">
      <h2 id="access-heading">{i18n.t('options_accessHeading')}</h2>
      {granted ? (
        <p role="status">{i18n.t('options_accessGranted')}</p>
      ) : (
        <>
          <p>{i18n.t('options_accessExplain')}</p>
          {choice === 'declined' && <p class="warning">{i18n.t('options_accessDeclined')}</p>}
          <button type="button" class={choice === 'unasked' ? 'primary' : ''} onClick={allow}>
            {i18n.t('options_accessAllow')}
          </button>
          {error && (
            <p role="alert" class="alert">
              {error}
            </p>
          )}
        </>
      )}
    </section>
  );
}
