/**
 * Checks a token against its instance before anything is stored (docs/atlos-api-behaviour.md §9: no endpoint
 * returns the token's identity). `GET /source_material` answering 200 means the token is valid;
 * the first page of incidents names the project (an empty project stays nameless until later).
 */
import { i18n } from '#i18n';
import type { AtlosClient } from '../atlos/client';
import { isAtlosError } from '../atlos/errors';
import { checkAtlosOrigin } from '../atlos/origin';
import type { ConnectError, ProjectInfo } from './protocol';

export type ClientFactory = (options: {
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  retries?: number;
}) => AtlosClient;

export type Validation = { ok: true; origin: string; project: ProjectInfo | null } | { ok: false; error: ConnectError };

/** Thrown by `refuseRedirects` so a redirect reads as "not an Atlos instance", not "unreachable". */
export class RedirectedError extends Error {
  constructor() {
    super('redirected');
  }
}

/**
 * A real Atlos API answers in place. A redirect means the address is a login page, a
 * different site, or http→https (which would drop the Authorization header anyway).
 */
export function refuseRedirects(base: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await base(input, { ...init, redirect: 'manual' });
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      throw new RedirectedError();
    }
    return response;
  };
}

export function checkedOrigin(baseUrl: string): { ok: true; origin: string } | { ok: false; error: ConnectError } {
  const check = checkAtlosOrigin(baseUrl);
  if (check.ok) return check;
  return check.reason === 'insecure'
    ? { ok: false, error: { kind: 'insecure', message: i18n.t('connections_errorInsecure') } }
    : { ok: false, error: { kind: 'invalid_url', message: i18n.t('connections_errorInvalidUrl') } };
}

export function permissionDeclined(origin: string): ConnectError {
  return { kind: 'permission_declined', message: i18n.t('connections_errorPermissionDeclined', [origin]) };
}

/** A sentence the person can act on, for whatever went wrong while checking a token. */
export function describeConnectFailure(error: unknown, origin: string): ConnectError {
  const kind = isAtlosError(error) ? error.kind : 'unexpected';
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof RedirectedError)
    return { kind: 'not_atlos', message: i18n.t('connections_errorNotAtlos', [origin]) };
  switch (kind) {
    case 'invalid_token':
      return { kind, message: i18n.t('connections_errorInvalidToken') };
    case 'network':
      return { kind, message: i18n.t('connections_errorUnreachable', [origin]) };
    case 'timeout':
      return { kind, message: i18n.t('connections_errorTimeout', [origin]) };
    case 'server':
      return { kind, message: i18n.t('connections_errorServer', [origin]) };
    case 'insecure_origin':
      return { kind: 'insecure', message: i18n.t('connections_errorInsecure') };
    default:
      // not_found, unexpected, validation, cursor, permission: the address answered, but not as Atlos v2 does.
      return { kind: 'not_atlos', message: i18n.t('connections_errorNotAtlos', [origin]) };
  }
}

export interface ValidationDeps {
  createClient: ClientFactory;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export async function validateConnection(baseUrl: string, rawToken: string, deps: ValidationDeps): Promise<Validation> {
  const checked = checkedOrigin(baseUrl);
  if (!checked.ok) return checked;
  const { origin } = checked;
  // Tokens are URL-safe base64: surrounding whitespace only comes from copying.
  const token = rawToken.trim();
  if (!token) return { ok: false, error: { kind: 'empty_token', message: i18n.t('connections_errorEmptyToken') } };
  try {
    const client = deps.createClient({
      baseUrl: origin,
      token,
      fetch: refuseRedirects(deps.fetch ?? globalThis.fetch.bind(globalThis)),
      timeoutMs: deps.timeoutMs ?? 15_000,
      // The person is waiting for an answer: fail fast rather than retry with backoff.
      retries: 0,
    });
    await client.listSourceMaterial();
    const incidents = await client.listIncidents();
    const first = incidents.results[0]?.project;
    const project = first ? { id: first.id, name: first.name, code: first.code } : null;
    return { ok: true, origin, project };
  } catch (error) {
    return { ok: false, error: describeConnectFailure(error, origin) };
  }
}
