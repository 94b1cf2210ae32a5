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
      return watchClient(client, {
        markInvalid: () => store.setStatus(connection.id, 'invalid_token'),
        // A project connected before it had incidents gets its name from the first list that shows one.
        learnProject: connection.project
          ? undefined
          : (project) => store.learnProject(connection.id, { id: project.id, name: project.name, code: project.code }),
      });
    },
  };
}

/** An AtlosError whose message is exactly the sentence given (the generic one would mislead here). */
function refusal(kind: 'invalid_token' | 'permission', message: string): AtlosError {
  const error = new AtlosError(kind);
  error.message = message;
  return error;
}

interface Watchers {
  markInvalid(): Promise<unknown>;
  learnProject?: (project: { id: string; name: string; code: string }) => Promise<unknown>;
}

/**
 * Marks the connection when Atlos refuses its token (deactivated tokens are rotated at Atlos and
 * answer 401 "invalid token or token not found"), so the options page can ask for a new one.
 */
function watchClient(client: AtlosClient, watchers: Watchers): AtlosClient {
  let learned = false;
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = value.apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.then(
          async (resolved: unknown) => {
            const project = property === 'listIncidents' ? firstProject(resolved) : undefined;
            if (project && watchers.learnProject && !learned) {
              learned = true;
              await watchers.learnProject(project).catch(() => undefined);
            }
            return resolved;
          },
          async (error: unknown) => {
            if (isAtlosError(error) && error.kind === 'invalid_token') await watchers.markInvalid().catch(() => undefined);
            throw error;
          },
        );
      };
    },
  });
}

function firstProject(page: unknown): { id: string; name: string; code: string } | undefined {
  const results = (page as { results?: { project?: { id?: unknown; name?: unknown; code?: unknown } }[] })?.results;
  const project = results?.[0]?.project;
  return project && typeof project.id === 'string' && typeof project.name === 'string' && typeof project.code === 'string'
    ? { id: project.id, name: project.name, code: project.code }
    : undefined;
}
