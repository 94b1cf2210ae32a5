/**
 * What the background does for the options page: connect, replace a token, disconnect, and keep
 * each connection's status in step with its host permission. Background only.
 */
import { i18n } from '#i18n';
import type { ConnectionStore } from './store';
import type { ConnectResult, ConnectionSummary } from './protocol';
import { checkedOrigin, permissionDeclined, validateConnection, type ValidationDeps } from './connect';
import { originPattern, type PermissionsApi } from './permissions';
import { connectionLabel } from './label';

export interface ServiceDeps extends ValidationDeps {
  store: ConnectionStore;
  permissions: Pick<PermissionsApi, 'contains'>;
  /** Called after a connection is removed (e.g. to forget its recent incidents). */
  onDisconnected?: (connectionId: string) => Promise<void> | void;
}

export interface ConnectionsService {
  list(): Promise<ConnectionSummary[]>;
  connect(input: { baseUrl: string; token: string }): Promise<ConnectResult>;
  replaceToken(input: { connectionId: string; token: string }): Promise<ConnectResult>;
  disconnect(input: { connectionId: string }): Promise<void>;
  recheck(input: { connectionId: string }): Promise<ConnectionSummary | null>;
  /** After `permissions.onRemoved` / `onAdded`: mark connections whose instance access changed. */
  syncPermissions(): Promise<void>;
}

export function createConnectionsService(deps: ServiceDeps): ConnectionsService {
  const { store } = deps;
  const granted = (origin: string) => deps.permissions.contains({ origins: [originPattern(origin)] });

  async function syncOne(connection: ConnectionSummary): Promise<ConnectionSummary> {
    const has = await granted(connection.baseUrl);
    if (!has && connection.status !== 'permission_revoked') {
      return (await store.setStatus(connection.id, 'permission_revoked')) ?? connection;
    }
    if (has && connection.status === 'permission_revoked')
      return (await store.setStatus(connection.id, 'ok')) ?? connection;
    return connection;
  }

  return {
    list: () => store.list(),

    async connect({ baseUrl, token }) {
      const checked = checkedOrigin(baseUrl);
      if (!checked.ok) return checked;
      // The page asked for access in the click; without it the background cannot reach the
      // instance (Atlos sends no CORS headers), so say that instead of "unreachable".
      if (!(await granted(checked.origin))) return { ok: false, error: permissionDeclined(checked.origin) };
      const validation = await validateConnection(checked.origin, token, deps);
      if (!validation.ok) return validation;
      const { origin, project } = validation;
      const trimmed = token.trim();
      const same = await store.findSame(origin, project, trimmed);
      const connection = await store.save({ baseUrl: origin, project, token: trimmed }, same?.id);
      return { ok: true, connection, noIncidentsYet: project === null };
    },

    async replaceToken({ connectionId, token }) {
      const existing = await store.get(connectionId);
      if (!existing) return { ok: false, error: { kind: 'not_found', message: i18n.t('connections_errorGone') } };
      if (!(await granted(existing.baseUrl))) return { ok: false, error: permissionDeclined(existing.baseUrl) };
      const validation = await validateConnection(existing.baseUrl, token, deps);
      if (!validation.ok) return validation;
      const { project } = validation;
      // A token of another project would silently send captures to the wrong place.
      if (existing.project && project && project.id !== existing.project.id) {
        const other = connectionLabel({ baseUrl: existing.baseUrl, project });
        return {
          ok: false,
          error: { kind: 'other_project', message: i18n.t('connections_errorOtherProject', [other]) },
        };
      }
      const connection = await store.save({ baseUrl: existing.baseUrl, project, token: token.trim() }, existing.id);
      return { ok: true, connection, noIncidentsYet: connection.project === null };
    },

    async disconnect({ connectionId }) {
      await store.remove(connectionId);
      await deps.onDisconnected?.(connectionId);
    },

    async recheck({ connectionId }) {
      const connection = await store.get(connectionId);
      return connection ? syncOne(connection) : null;
    },

    async syncPermissions() {
      for (const connection of await store.list()) await syncOne(connection);
    },
  };
}
