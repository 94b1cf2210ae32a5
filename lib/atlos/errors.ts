/**
 * One error type for everything that can go wrong talking to Atlos. Atlos answers nearly every
 * handled error with HTTP 401 and a cursor error with HTTP 200 (docs/atlos-api-behaviour.md §2.0, §3.5), so the
 * kind comes from the `error` value, not from the status. Messages never contain the token.
 */
export type AtlosErrorKind =
  | 'invalid_token'
  | 'not_found'
  | 'permission'
  | 'validation'
  | 'cursor'
  | 'server'
  | 'network'
  | 'timeout'
  | 'unexpected'
  | 'aborted'
  | 'insecure_origin';

export interface AtlosErrorDetails {
  status?: number;
  serverMessage?: string;
  fieldErrors?: Record<string, string>;
  /** Extra English detail appended to the sentence (never the token). */
  detail?: string;
  /** How long the server asked us to wait before trying again (`Retry-After` on 429/503). */
  retryAfterMs?: number;
  cause?: unknown;
}

const RETRYABLE: ReadonlySet<AtlosErrorKind> = new Set(['network', 'timeout', 'server']);

export class AtlosError extends Error {
  override readonly name = 'AtlosError';
  readonly kind: AtlosErrorKind;
  readonly status?: number;
  readonly serverMessage?: string;
  readonly fieldErrors?: Record<string, string>;
  /** true for network, timeout, server(5xx, 429): a later attempt may succeed. */
  readonly retryable: boolean;
  /** The server's `Retry-After`, when it sent one: wait at least this long before the next attempt. */
  readonly retryAfterMs?: number;

  constructor(kind: AtlosErrorKind, details: AtlosErrorDetails = {}) {
    super(describe(kind, details), details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.retryable = RETRYABLE.has(kind);
    if (details.status !== undefined) this.status = details.status;
    if (details.serverMessage !== undefined) this.serverMessage = details.serverMessage;
    if (details.fieldErrors !== undefined) this.fieldErrors = details.fieldErrors;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

export function isAtlosError(e: unknown): e is AtlosError {
  return e instanceof AtlosError;
}

function describe(kind: AtlosErrorKind, d: AtlosErrorDetails): string {
  const says = d.serverMessage ? ` (Atlos says: "${d.serverMessage}")` : '';
  const extra = d.detail ? ` ${d.detail}` : '';
  switch (kind) {
    case 'invalid_token':
      return `Atlos did not accept the API token${says}. Check that it was copied completely and has not been deactivated, or create a new token on the project's Access page.${extra}`;
    case 'not_found':
      // Atlos gives one answer for "does not exist" and "this token may not": a comment-only token,
      // a deleted incident, an archived project and read-only mode all read "… not found or unauthorized".
      if (/not found or unauthorized$/.test(d.serverMessage ?? '')) {
        return `Atlos could not find that item, or the API token may not act on it${says}: Atlos gives the same answer for both. Check the identifier and that the token belongs to this project, that it may comment or edit, that the incident is not deleted, and that the project is not archived or the instance in read-only mode.${extra}`;
      }
      return `Atlos could not find that item in this token's project${says}. Check the incident or source material identifier and that the token belongs to the right project.${extra}`;
    case 'permission':
      return `The API token may not do this${says}. Use a token with the needed permission (comment or edit), and check that the incident is not deleted, the project is not archived and the instance is not in read-only mode.${extra}`;
    case 'validation': {
      const fields =
        d.fieldErrors && Object.keys(d.fieldErrors).length > 0
          ? `: ${Object.entries(d.fieldErrors)
              .map(([field, message]) => `${field}: ${message}`)
              .join('; ')}`
          : says;
      return `Atlos rejected the values sent${fields}. Correct them and try again.${extra}`;
    }
    case 'cursor':
      return `The position in the Atlos list is no longer valid (it expires after 24 hours). Load the list again from the start.${extra}`;
    case 'server':
      if (d.status === 429)
        return `The Atlos server is busy and asked us to slow down (HTTP 429). The extension tries again later.${extra}`;
      return `The Atlos server failed to handle the request${d.status ? ` (HTTP ${d.status})` : ''}. Try again in a few minutes; if it keeps failing, tell the instance's administrators.${extra}`;
    case 'network':
      return `Could not reach the Atlos server. Check the internet connection and the instance address, then try again.${extra}`;
    case 'timeout':
      return `The Atlos server did not answer in time. Try again later; large uploads on slow connections take longer.${extra}`;
    case 'unexpected':
      return `Atlos answered in a way this extension does not understand${d.status ? ` (HTTP ${d.status})` : ''}. Check that the address points at an Atlos instance; if it does, try again later or report the problem.${extra}`;
    case 'aborted':
      return `The request to Atlos was cancelled.${extra}`;
    case 'insecure_origin':
      return `The Atlos address must be a valid https:// address (plain http:// is only allowed for localhost).${extra}`;
  }
}

const CURSOR_MESSAGE = 'unable to verify or parse pagination information';
/**
 * Field messages that mean "not allowed", e.g. `project_id: "You cannot add incidents to this project."`
 * and "This API token does not have permission to edit this attribute." (docs/atlos-api-behaviour.md §7).
 */
const PERMISSION_FIELD_ERROR = /cannot add incidents|does not have permission|not authorized/i;

/**
 * Maps the `error` value of an Atlos JSON body (docs/atlos-api-behaviour.md §2.0 table) to an AtlosError.
 * `isList` marks list endpoints, where a 200 with `error` is a cursor failure.
 */
export function errorFromBody(status: number, error: unknown, isList: boolean): AtlosError {
  if (typeof error === 'string') {
    const message = error;
    if (message === CURSOR_MESSAGE || (status === 200 && isList))
      return new AtlosError('cursor', { status, serverMessage: message });
    if (message === 'invalid token or token not found')
      return new AtlosError('invalid_token', { status, serverMessage: message });
    // `unauthorized` alone is POST /incidents/new without `edit` permission.
    if (message === 'unauthorized' || /^api token not authorized/.test(message)) {
      return new AtlosError('permission', { status, serverMessage: message });
    }
    // `incident not found`, `media not found`, `attribute not found`, `… not found or unauthorized`.
    if (/not found/.test(message)) return new AtlosError('not_found', { status, serverMessage: message });
    // `value not provided`, `message not provided`, `valid file not provided`, `unknown attributes: [...]`.
    if (/not provided$/.test(message) || /^unknown attributes/.test(message)) {
      return new AtlosError('validation', { status, serverMessage: message });
    }
    return new AtlosError('unexpected', { status, serverMessage: message });
  }
  if (error !== null && typeof error === 'object' && !Array.isArray(error)) {
    const fieldErrors = flattenFieldErrors(error as Record<string, unknown>);
    // Creating an incident in an archived project (or while the instance is read-only) comes back as
    // field errors, not as `unauthorized`; they are a permission problem, not values to correct.
    const refusal = Object.entries(fieldErrors).find(
      ([field, message]) => field === 'project_id' || PERMISSION_FIELD_ERROR.test(message),
    );
    if (refusal) return new AtlosError('permission', { status, fieldErrors, serverMessage: refusal[1] });
    return new AtlosError('validation', { status, fieldErrors });
  }
  return new AtlosError('unexpected', { status });
}

/**
 * Flattens changeset errors (docs/atlos-api-behaviour.md §8.3) to `field → message`. Nested custom-attribute errors
 * `{project_attributes: [{value: msg, source: {id}}]}` become `project_attributes.<attribute id>` keys
 * (or `project_attributes.<index>` when Atlos does not say which attribute).
 */
export function flattenFieldErrors(errors: Record<string, unknown>, prefix = ''): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(errors)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') flat[path] = value;
    else if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (typeof item === 'string') flat[path] = flat[path] ? `${flat[path]}; ${item}` : item;
        else if (item && typeof item === 'object') {
          const { source, ...rest } = item as Record<string, unknown>;
          const id = source && typeof source === 'object' ? (source as Record<string, unknown>).id : undefined;
          const itemPath = `${path}.${typeof id === 'string' ? id : index}`;
          // The usual case is one message about the attribute's value: key it by the attribute alone.
          const keys = Object.keys(rest);
          if (keys.length === 1 && typeof rest.value === 'string') flat[itemPath] = rest.value;
          else Object.assign(flat, flattenFieldErrors(rest, itemPath));
        }
      });
    } else if (value && typeof value === 'object')
      Object.assign(flat, flattenFieldErrors(value as Record<string, unknown>, path));
    else if (value !== null && value !== undefined) flat[path] = String(value);
  }
  return flat;
}
