/**
 * How the rest of the background gets an Atlos client for a connection: the capture engine and
 * the incident search ask for `getClient(connectionId)` and never see a token. A connection that
 * is gone, whose token Atlos refused, or whose host access was revoked is refused here, saying so.
 */
import { i18n } from '#i18n';
import type { AtlosClient } from '../atlos/client';
import { AtlosError, isAtlosError } from '../atlos/errors';
import type { ClientFactory } from './connect';
import { connectionLabel } from './label';
import { originPattern, type PermissionsApi } from './permissions';
import type { ConnectionSummary } from './protocol';
import type { ConnectionStore } from './store';

export interface ConnectionRegistry {
  list(): Promise<ConnectionSummary[]>;
  getClient(connectionId: string): Promise<AtlosClient>;
}

export interface RegistryDeps {
  store: ConnectionStore;
  permissions: Pick<PermissionsApi, 'contains'>;
  createClient: ClientFactory;
}

export function createConnectionRegistry(deps: RegistryDeps): ConnectionRegistry {
  const { store } = deps;
  return {
    list: () => store.list(),
    async getClient(connectionId) {
      const connection = await store.get(connectionId);
      if (!connection) throw refusal('invalid_token', i18n.t('connections_errorGone'));
      const label = connectionLabel(connection);
      if (connection.status === 'invalid_token') {
        throw refusal('invalid_token', i18n.t('connections_errorTokenRefused', [label]));
      }
      const granted = await deps.permissions.contains({ origins: [originPattern(connection.baseUrl)] });
      if (!granted || connection.status === 'permission_revoked') {
        if (!granted) await store.setStatus(connection.id, 'permission_revoked');
        throw refusal('permission', i18n.t('connections_errorRevoked', [label]));
      }
      const token = await store.getToken(connection.id);
      if (!token) throw refusal('invalid_token', i18n.t('connections_errorGone'));
      // The token goes only to the origin it was validated against (the client refuses any other).
      const client = deps.createClient({ baseUrl: connection.baseUrl, token });
      return watchForRefusedToken(client, () => store.setStatus(connection.id, 'invalid_token'));
    },
  };
}

/** An AtlosError whose message is exactly the sentence given (the generic one would mislead here). */
function refusal(kind: 'invalid_token' | 'permission', message: string): AtlosError {
  const error = new AtlosError(kind);
  error.message = message;
  return error;
}

/**
 * Marks the connection when Atlos refuses its token (deactivated tokens are rotated at Atlos and
 * answer 401 "invalid token or token not found"), so the options page can ask for a new one.
 */
function watchForRefusedToken(client: AtlosClient, markInvalid: () => Promise<unknown>): AtlosClient {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = value.apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.catch(async (error: unknown) => {
          if (isAtlosError(error) && error.kind === 'invalid_token') await markInvalid().catch(() => undefined);
          throw error;
        });
      };
    },
  });
}
