/**
 * Connection messages between extension pages and the background; see lib/messaging.ts.
 * Nothing here ever carries a stored token back to a page: pages send a token once (connect,
 * replace) and afterwards only see its last four characters.
 */

/** `ok`, or why the background refuses to use this connection. */
export type ConnectionStatus = 'ok' | 'permission_revoked' | 'invalid_token';

/** The project a project-scoped token belongs to, learned from an incident's `project` object. */
export interface ProjectInfo {
  id: string;
  name: string;
  code: string;
}

/** What pages (and other background features) see of a connection: never the token. */
export interface ConnectionSummary {
  id: string;
  /** Origin of the Atlos instance, e.g. `https://platform.atlos.org`. */
  baseUrl: string;
  /** Null until the project has at least one incident to learn its name from. */
  project: ProjectInfo | null;
  /** Last four characters of the token, for `••••abcd`. */
  tokenHint: string;
  status: ConnectionStatus;
  /** ISO-8601. */
  addedAt: string;
}

export interface ConnectError {
  /** An `AtlosError` kind, or `permission_declined`, `invalid_url`, `insecure`, `empty_token`, `other_project`. */
  kind: string;
  /** A sentence a person can act on (already translated). */
  message: string;
}

export type ConnectResult =
  { ok: true; connection: ConnectionSummary; noIncidentsYet: boolean } | { ok: false; error: ConnectError };

export interface ConnectionsProtocol {
  listConnections(): ConnectionSummary[];
  connect(data: { baseUrl: string; token: string }): ConnectResult;
  replaceToken(data: { connectionId: string; token: string }): ConnectResult;
  disconnect(data: { connectionId: string }): void;
  /** After the person granted an instance's access again: re-check it and mark the connection usable. */
  recheckConnection(data: { connectionId: string }): ConnectionSummary | null;
}
