/**
 * One group per connection, named after its project and instance, with the token masked:
 * replace the token, disconnect (after a confirmation that says how many captures are still
 * waiting to reach Atlos through it), grant access again when revoked.
 *
 * Over a screen on purpose: each connection's group holds three small flows (replace token,
 * disconnect with its confirmation, grant access again) that share the group's state.
 */
import { i18n } from '#i18n';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { connectionLabel, instanceHost } from '../lib/connections/label';
import type { ConnectionSummary } from '../lib/connections/protocol';
import type { ConnectionsApi } from './connections-api';
import { TokenInput } from './TokenInput';

export interface ConnectionListProps {
  api: ConnectionsApi;
  connections: ConnectionSummary[];
  /** Called after any change, so the page reloads the list. */
  onChanged(): void;
  /** Captures of this connection whose files have not all reached Atlos yet. */
  pendingCaptures?(connectionId: string): Promise<number>;
}

export function ConnectionList({ api, connections, onChanged, pendingCaptures }: ConnectionListProps) {
  const [notice, setNotice] = useState('');
  return (
    <div class="connection-list">
      {connections.length === 0 && <p class="empty">{i18n.t('options_noConnections')}</p>}
      {connections.map((connection) => (
        <ConnectionItem
          key={connection.id}
          api={api}
          connection={connection}
          {...(pendingCaptures ? { pendingCaptures } : {})}
          onChanged={(message) => {
            setNotice(message);
            onChanged();
          }}
        />
      ))}
      {/* Outside the items: a removed item must not take its announcement with it. */}
      <p role="status" class="status">
        {notice}
      </p>
    </div>
  );
}

type Mode = 'idle' | 'replace' | 'confirm';

interface ItemProps {
  api: ConnectionsApi;
  connection: ConnectionSummary;
  onChanged(message: string): void;
  pendingCaptures?(connectionId: string): Promise<number>;
}

function ConnectionItem(props: ItemProps) {
  const { api, connection, onChanged, pendingCaptures } = props;
  const [pending, setPending] = useState(0);
  const id = useId();
  const label = connectionLabel(connection);
  const [mode, setMode] = useState<Mode>('idle');
  const [token, setToken] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // Closing the inline form or confirmation returns focus to the button that opened it.
  const replaceButton = useRef<HTMLButtonElement>(null);
  const disconnectButton = useRef<HTMLButtonElement>(null);
  const previousMode = useRef<Mode>('idle');
  useEffect(() => {
    if (mode === 'idle' && previousMode.current === 'replace') replaceButton.current?.focus();
    if (mode === 'idle' && previousMode.current === 'confirm') disconnectButton.current?.focus();
    previousMode.current = mode;
  }, [mode]);

  const run = async (task: () => Promise<string | null>) => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      const message = await task();
      if (message !== null) {
        setMode('idle');
        setToken('');
        onChanged(message);
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const replace = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const result = await api.replaceToken({ connectionId: connection.id, token });
      if (!result.ok) {
        setError(result.error.message);
        return null;
      }
      return i18n.t('options_tokenReplaced', [connectionLabel(result.connection)]);
    });
  };

  const grantAgain = () => {
    // Before any await: the request needs this click's user gesture.
    const granted = api.requestInstanceAccess(connection.baseUrl);
    void run(async () => {
      if (!(await granted)) {
        setError(i18n.t('connections_errorPermissionDeclined', [connection.baseUrl]));
        return null;
      }
      await api.recheck({ connectionId: connection.id });
      return '';
    });
  };

  return (
    <section class="card connection" role="group" aria-labelledby={`${id}-name`}>
      <h3 id={`${id}-name`}>{label}</h3>
      <p class="token-hint">
        {i18n.t('options_tokenMasked', [''])}
        <span dir="ltr" class="mono">{`••••${connection.tokenHint}`}</span>
      </p>
      {connection.status === 'permission_revoked' && (
        <div class="warning">
          <p>{i18n.t('options_statusRevoked', [instanceHost(connection.baseUrl)])}</p>
          <button type="button" onClick={grantAgain} aria-disabled={busy}>
            {i18n.t('options_grantAgain')}
          </button>
        </div>
      )}
      {connection.status === 'invalid_token' && <p class="warning">{i18n.t('options_statusInvalid')}</p>}

      {mode === 'idle' && (
        <div class="actions">
          <button type="button" ref={replaceButton} onClick={() => setMode('replace')}>
            {i18n.t('options_replaceToken')}
          </button>
          <button
            type="button"
            ref={disconnectButton}
            class="danger"
            onClick={() => {
              setPending(0);
              setMode('confirm');
              void pendingCaptures?.(connection.id).then(setPending, () => undefined);
            }}
          >
            {i18n.t('options_disconnect')}
          </button>
        </div>
      )}

      {mode === 'replace' && (
        <form class="replace" onSubmit={replace} noValidate>
          <label for={`${id}-token`}>{i18n.t('options_newTokenLabel')}</label>
          <TokenInput id={`${id}-token`} value={token} onValue={setToken} autoFocus />
          <div class="actions">
            <button type="submit" class="primary" aria-disabled={busy}>
              {i18n.t('options_saveToken')}
            </button>
            <button
              type="button"
              onClick={() => {
                setMode('idle');
                setError('');
                setToken('');
              }}
            >
              {i18n.t('options_cancel')}
            </button>
          </div>
        </form>
      )}

      {mode === 'confirm' && (
        <div class="confirm" role="alertdialog" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>{i18n.t('options_confirmDisconnect', [label])}</p>
          {pending > 0 && <p class="confirm-warning">{i18n.t('options_disconnectPending', [String(pending)])}</p>}
          <div class="actions">
            <button
              type="button"
              class="danger"
              autoFocus
              aria-disabled={busy}
              onClick={() =>
                void run(async () => {
                  await api.disconnect({ connectionId: connection.id });
                  return i18n.t('options_disconnected', [label]);
                })
              }
            >
              {i18n.t('options_confirmDisconnectYes')}
            </button>
            <button type="button" onClick={() => setMode('idle')}>
              {i18n.t('options_cancel')}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" class="alert">
          {error}
        </p>
      )}
    </section>
  );
}
