/**
 * Connections: the list (no tokens) in `storage.local`, each token in the vault.
 * Background only: the one place that pairs a connection with its token, so the one place that
 * decides which origin may receive which token (a token is only ever handed out together with
 * the origin it was validated against).
 */
import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import type { ConnectionStatus, ConnectionSummary, ProjectInfo } from './protocol';
import type { TokenVault } from './vault';

/** What is stored per connection. Same shape as the summary pages see: it holds no secret. */
export type Connection = ConnectionSummary;

export const connectionsItem = storage.defineItem<Connection[]>('local:connections', {
  version: 1,
  fallback: [],
  // Version 1 is the first shape; add `2: (v1) => …` here when it changes.
  migrations: {},
});

export function tokenHint(token: string): string {
  return token.slice(-4);
}

export interface NewConnection {
  baseUrl: string;
  project: ProjectInfo | null;
  token: string;
}

export interface ConnectionStore {
  list(): Promise<Connection[]>;
  get(id: string): Promise<Connection | undefined>;
  /** The connection for the same instance and project, which a new connect must update, not duplicate. */
  findSame(baseUrl: string, project: ProjectInfo | null, token: string): Promise<Connection | undefined>;
  /** Adds a connection, or (with `replaceId`) gives an existing one a new token and project. */
  save(input: NewConnection, replaceId?: string): Promise<Connection>;
  setStatus(id: string, status: ConnectionStatus): Promise<Connection | undefined>;
  /** Names a connection whose project was unknown (it had no incidents when connected). */
  learnProject(id: string, project: ProjectInfo): Promise<void>;
  remove(id: string): Promise<void>;
  /** Background only. Never send the result to a page. */
  getToken(id: string): Promise<string | undefined>;
  /**
   * Background only: the token with the origin the vault binds it to. A record from before
   * origins were kept is bound to the connection's origin now, once.
   */
  getCredentials(id: string): Promise<{ token: string; origin: string } | undefined>;
}

export interface StoreDeps {
  vault: TokenVault;
  item?: WxtStorageItem<Connection[], Record<string, unknown>>;
  now?: () => Date;
  newId?: () => string;
}

export function createConnectionStore(deps: StoreDeps): ConnectionStore {
  const item = deps.item ?? connectionsItem;
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? (() => crypto.randomUUID());
  // Serialise read-modify-write cycles so two quick edits cannot lose one another.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
  const update = (change: (list: Connection[]) => Connection[]) =>
    exclusive(async () => {
      const next = change(await item.getValue());
      await item.setValue(next);
      return next;
    });

  return {
    list: () => item.getValue(),
    async get(id) {
      return (await item.getValue()).find((c) => c.id === id);
    },
    async findSame(baseUrl, project, token) {
      const list = await item.getValue();
      if (project) return list.find((c) => c.baseUrl === baseUrl && c.project?.id === project.id);
      // Project unknown (no incidents yet): the same token on the same instance is the same connection.
      for (const c of list) {
        if (c.baseUrl === baseUrl && c.project === null && (await deps.vault.get(c.id)) === token) return c;
      }
      return undefined;
    },
    async save(input, replaceId) {
      const id = replaceId ?? newId();
      // Token first: a listed connection without a token would look usable and fail later.
      await deps.vault.put(id, input.token, input.baseUrl);
      let saved: Connection | undefined;
      await update((list) => {
        const existing = list.find((c) => c.id === id);
        saved = {
          id,
          baseUrl: input.baseUrl,
          project: input.project ?? existing?.project ?? null,
          tokenHint: tokenHint(input.token),
          status: 'ok',
          addedAt: existing?.addedAt ?? now().toISOString(),
        };
        return existing ? list.map((c) => (c.id === id ? saved! : c)) : [...list, saved];
      });
      return saved!;
    },
    async setStatus(id, status) {
      let changed: Connection | undefined;
      await update((list) => list.map((c) => (c.id === id ? (changed = { ...c, status }) : c)));
      return changed;
    },
    async learnProject(id, project) {
      await update((list) => list.map((c) => (c.id === id && c.project === null ? { ...c, project } : c)));
    },
    async remove(id) {
      await update((list) => list.filter((c) => c.id !== id));
      await deps.vault.delete(id);
    },
    getToken: (id) => deps.vault.get(id),
    async getCredentials(id) {
      const record = await deps.vault.record(id);
      if (!record) return undefined;
      if (record.origin) return { token: record.token, origin: record.origin };
      const connection = (await item.getValue()).find((c) => c.id === id);
      if (!connection) return undefined;
      await deps.vault.put(id, record.token, connection.baseUrl);
      return { token: record.token, origin: connection.baseUrl };
    },
  };
}
