/**
 * The `New connection` group: `Atlos URL`, `API token`, `Connect` (README.md, "Connect to your Atlos project").
 * Asks the browser for the instance's access inside the click, then lets the background check
 * the token against Atlos before anything is stored.
 */
import { i18n } from '#i18n';
import { useId, useState } from 'preact/hooks';
import { checkedOrigin, permissionDeclined } from '../lib/connections/connect';
import { connectionLabel } from '../lib/connections/label';
import type { ConnectResult } from '../lib/connections/protocol';
import type { ConnectionsApi } from './connections-api';
import { TokenInput } from './TokenInput';

export const DEFAULT_ATLOS_URL = 'https://platform.atlos.org';

export interface ConnectionFormProps {
  api: ConnectionsApi;
  onConnected(result: Extract<ConnectResult, { ok: true }>): void;
}

export function ConnectionForm({ api, onConnected }: ConnectionFormProps) {
  const id = useId();
  const [url, setUrl] = useState(DEFAULT_ATLOS_URL);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');

  const fail = (message: string) => {
    setStatus('');
    setError(message);
  };

  const submit = (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setError('');
    const checked = checkedOrigin(url);
    if (!checked.ok) return fail(checked.error.message);
    if (!token.trim()) return fail(i18n.t('connections_errorEmptyToken'));
    // No `await` before this line: the permission request needs the click's user gesture.
    const granted = api.requestInstanceAccess(checked.origin);
    void finish(checked.origin, granted);
  };

  async function finish(origin: string, granted: Promise<boolean>) {
    setBusy(true);
    setStatus(i18n.t('options_connecting'));
    try {
      if (!(await granted.catch(() => false))) return fail(permissionDeclined(origin).message);
      const result = await api.connect({ baseUrl: origin, token });
      if (!result.ok) return fail(result.error.message);
      setToken('');
      setStatus(
        result.noIncidentsYet
          ? i18n.t('options_connectedNoIncidents', [connectionLabel(result.connection)])
          : i18n.t('options_connected', [connectionLabel(result.connection)]),
      );
      onConnected(result);
    } catch (e) {
      fail(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card connection-form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{i18n.t('options_newConnection')}</legend>
        <div class="field">
          <label for={`${id}-url`}>{i18n.t('options_urlLabel')}</label>
          <input
            id={`${id}-url`}
            type="url"
            dir="ltr"
            autocomplete="url"
            spellcheck={false}
            value={url}
            aria-describedby={`${id}-url-hint`}
            onInput={(e) => setUrl((e.currentTarget as HTMLInputElement).value)}
          />
          <p class="hint" id={`${id}-url-hint`}>
            {i18n.t('options_urlHint')}
          </p>
        </div>
        <div class="field">
          <label for={`${id}-token`}>{i18n.t('options_tokenLabel')}</label>
          <TokenInput id={`${id}-token`} value={token} onValue={setToken} describedBy={`${id}-token-hint`} />
          <p class="hint" id={`${id}-token-hint`}>
            {i18n.t('options_tokenHint')}
          </p>
        </div>
        <button type="submit" class="primary" aria-disabled={busy}>
          {i18n.t('options_connectButton')}
        </button>
        <p role="status" class="status">
          {status}
        </p>
        {error && (
          <p role="alert" class="alert">
            {error}
          </p>
        )}
      </fieldset>
    </form>
  );
}
