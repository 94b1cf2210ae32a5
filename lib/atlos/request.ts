/**
 * One HTTP exchange with Atlos, with the safety rules of docs/atlos-api-behaviour.md §9 in one place:
 * - the Authorization header only goes to the configured origin, and redirects are refused
 *   (`redirect: 'error'`): a redirect would drop the header or carry it elsewhere;
 * - `credentials: 'omit'` (Atlos sets a session cookie on every response, which we never need);
 * - no Accept header: `Accept: application/json` turns pre-routing errors into empty 500s;
 * - a timeout and the caller's AbortSignal on every attempt; retries only where the caller says so.
 */
import { AtlosError, errorFromBody } from './errors.ts';

export interface Transport {
  origin: string;
  token: string;
  fetch: typeof fetch;
  retries: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
}

export interface RequestSpec {
  method: 'GET' | 'POST';
  /** Path with already-encoded segments, e.g. `/api/v2/source_material/<id>`. */
  path: string;
  query?: URLSearchParams;
  json?: unknown;
  form?: FormData;
  timeoutMs: number;
  /** Safe to repeat: only such calls are retried. */
  idempotent: boolean;
  /** List endpoints answer a bad cursor with HTTP 200 and an `error`. */
  isList?: boolean;
  signal?: AbortSignal;
}

const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 8_000;
/** A longer `Retry-After` is not waited out here: the error goes to the caller's own schedule. */
const RETRY_AFTER_MAX_MS = 30_000;

/** Sends the request (retrying idempotent ones on retryable errors) and returns the parsed JSON body. */
export async function sendRequest(transport: Transport, spec: RequestSpec): Promise<unknown> {
  const attempts = spec.idempotent ? 1 + Math.max(0, transport.retries) : 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await sendOnce(transport, spec);
    } catch (error) {
      if (!(error instanceof AtlosError) || !error.retryable || attempt >= attempts) throw error;
      if ((error.retryAfterMs ?? 0) > RETRY_AFTER_MAX_MS) throw error;
      const backoff = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
      // Full-range jitter between half and all of the backoff spreads out simultaneous retries;
      // a proxy's `Retry-After` is a floor.
      try {
        await transport.sleep(Math.max(backoff * (0.5 + transport.random() / 2), error.retryAfterMs ?? 0), spec.signal);
      } catch (sleepError) {
        throw new AtlosError('aborted', { cause: sleepError });
      }
      if (spec.signal?.aborted) throw new AtlosError('aborted');
    }
  }
}

async function sendOnce(transport: Transport, spec: RequestSpec): Promise<unknown> {
  if (spec.signal?.aborted) throw new AtlosError('aborted');
  const url = new URL(spec.path, transport.origin);
  if (spec.query) url.search = spec.query.toString();
  // Never let a crafted path carry the token to another origin.
  if (url.origin !== transport.origin)
    throw new AtlosError('insecure_origin', { detail: 'The request address left the Atlos instance.' });

  const headers: Record<string, string> = { Authorization: `Bearer ${transport.token}` };
  let body: BodyInit | undefined;
  if (spec.form)
    body = spec.form; // fetch sets the multipart boundary itself
  else if (spec.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(spec.json);
  }

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, spec.timeoutMs);
  const onCallerAbort = () => controller.abort();
  spec.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const failure = (cause: unknown): AtlosError => {
    if (spec.signal?.aborted) return new AtlosError('aborted', { cause });
    if (timedOut)
      return new AtlosError('timeout', { detail: `(No answer within ${Math.round(spec.timeoutMs / 1000)} s.)` });
    return new AtlosError('network', { cause });
  };

  let status: number;
  let text: string;
  let retryAfter: string | null;
  try {
    const response = await transport.fetch(url.toString(), {
      method: spec.method,
      headers,
      body,
      credentials: 'omit',
      redirect: 'error',
      signal: controller.signal,
    });
    status = response.status;
    retryAfter = response.headers.get('retry-after');
    text = await response.text();
  } catch (error) {
    throw failure(error);
  } finally {
    clearTimeout(timer);
    spec.signal?.removeEventListener('abort', onCallerAbort);
  }
  return interpret(status, text, spec.isList ?? false, retryAfter);
}

/**
 * `Retry-After` as milliseconds: delay-seconds or an HTTP date
 * (https://www.rfc-editor.org/rfc/rfc9110#field.retry-after); undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function interpret(status: number, text: string, isList: boolean, retryAfter: string | null): unknown {
  // Atlos itself never sends 429 or Retry-After; proxies and load balancers in front of it do.
  if (status === 429 || status === 503) {
    const retryAfterMs = parseRetryAfter(retryAfter);
    throw new AtlosError('server', { status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
  }
  // Crashes are 5xx with an empty body, or an HTML page from a proxy (docs/atlos-api-behaviour.md §2.13).
  if (status >= 500) throw new AtlosError('server', { status });
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (body !== null && typeof body === 'object' && !Array.isArray(body) && 'error' in body) {
    throw errorFromBody(status, (body as { error: unknown }).error, isList);
  }
  if (status < 200 || status >= 300 || body === undefined) throw new AtlosError('unexpected', { status });
  return body;
}
