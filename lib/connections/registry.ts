/**
 * How the rest of the background gets an Atlos client for a connection: the capture engine and
 * the incident search ask for `getClient(connectionId)` and never see a token. A connection that
 * is gone, whose token Atlos refused, or whose host access was revoked is refused here, saying so.
 */
import { i18n } from '#i18n';
import type { AtlosClient } from '../atlos/client';
import type { Page } from '../atlos/paginate';
import type { Incident } from '../atlos/schemas';
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
      const credentials = await store.getCredentials(connection.id);
      if (!credentials) throw refusal('invalid_token', i18n.t('connections_errorGone'));
      // The token goes only to the origin the vault binds it to (the client refuses any other);
      // a connection list that names another origin was not written by this extension.
      if (credentials.origin !== connection.baseUrl) throw refusal('invalid_token', i18n.t('connections_errorGone'));
      const client = deps.createClient({ baseUrl: credentials.origin, token: credentials.token });
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
 * The client, with two things added and nothing else changed: every request Atlos answers with
 * "invalid token" marks the connection (deactivated tokens are rotated at Atlos and answer 401
 * "invalid token or token not found"), so the options page can ask for a new one; and the first
 * incident list that shows the project names a connection made before the project had incidents.
 * The iterators are passed through as they are.
 */
function watchClient(client: AtlosClient, watchers: Watchers): AtlosClient {
  const watch = async <T>(request: Promise<T>): Promise<T> => {
    try {
      return await request;
    } catch (error) {
      if (isAtlosError(error) && error.kind === 'invalid_token') await watchers.markInvalid().catch(() => undefined);
      throw error;
    }
  };
  let learned = false;
  const learnFrom = async (page: Page<Incident>) => {
    const project = page.results[0]?.project;
    if (learned || !watchers.learnProject || !project) return;
    learned = true;
    await watchers.learnProject({ id: project.id, name: project.name, code: project.code }).catch(() => undefined);
  };
  return {
    baseUrl: client.baseUrl,
    async listIncidents(search, opts) {
      const page = await watch(client.listIncidents(search, opts));
      await learnFrom(page);
      return page;
    },
    iterateIncidents: (search, opts) => client.iterateIncidents(search, opts),
    listSourceMaterial: (opts) => watch(client.listSourceMaterial(opts)),
    iterateSourceMaterial: (opts) => client.iterateSourceMaterial(opts),
    getSourceMaterial: (id, opts) => watch(client.getSourceMaterial(id, opts)),
    createSourceMaterial: (slug, body, opts) => watch(client.createSourceMaterial(slug, body, opts)),
    setMetadata: (id, namespace, metadata, opts) => watch(client.setMetadata(id, namespace, metadata, opts)),
    uploadFile: (id, file, opts) => watch(client.uploadFile(id, file, opts)),
    createIncident: (attributes, opts) => watch(client.createIncident(attributes, opts)),
    listUpdates: (filter, opts) => watch(client.listUpdates(filter, opts)),
    iterateUpdates: (filter, opts) => client.iterateUpdates(filter, opts),
    addComment: (slug, message, opts) => watch(client.addComment(slug, message, opts)),
    updateAttribute: (slug, attribute, value, message, opts) =>
      watch(client.updateAttribute(slug, attribute, value, message, opts)),
  };
}
