/**
 * What the connection components need from the extension. The options page passes the real
 * thing (messages to the background, `browser.permissions`); component tests pass their own.
 */
import type { ConnectResult, ConnectionSummary } from '../lib/connections/protocol';

export interface ConnectionsApi {
  list(): Promise<ConnectionSummary[]>;
  connect(input: { baseUrl: string; token: string }): Promise<ConnectResult>;
  replaceToken(input: { connectionId: string; token: string }): Promise<ConnectResult>;
  disconnect(input: { connectionId: string }): Promise<void>;
  recheck(input: { connectionId: string }): Promise<ConnectionSummary | null>;
  /**
   * Asks the browser for access to an instance origin. Called synchronously from a click
   * handler, before any `await`: browsers grant permission requests only during a user gesture.
   */
  requestInstanceAccess(origin: string): Promise<boolean>;
}
