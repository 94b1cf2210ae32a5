// Small helpers for vitest files that use the stand-in: one stand-in per file or describe block, and
// (for the stand-in's own tests) real HTTP through Node's global fetch.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startStandin, type Standin, type StandinOptions } from './server.ts';

/**
 * Starts a stand-in before the tests of the calling file (or describe block), resets it before each test
 * unless `reset: false`, and closes it afterwards. The returned object forwards to the running stand-in, so
 * read it inside tests and hooks only (getters such as `tokens` stay live across resets).
 */
export function useStandin(options: StandinOptions, hooks: { reset?: boolean; startTimeoutMs?: number } = {}): Standin {
  let started: Standin | undefined;
  beforeAll(async () => {
    started = await startStandin(options);
  }, hooks.startTimeoutMs);
  afterAll(async () => {
    await started?.close();
  });
  if (hooks.reset ?? true) beforeEach(() => started!.control.reset());
  return new Proxy({} as Standin, {
    get(_target, key) {
      if (!started) throw new Error(`stand-in read (${String(key)}) before it started: read it inside a test or hook`);
      return Reflect.get(started, key, started);
    },
  });
}

export interface CallOptions {
  token?: string | null;
  json?: unknown;
  form?: Record<string, string>;
  multipart?: FormData;
  headers?: Record<string, string>;
  method?: string;
}

export interface CallResult {
  status: number;
  text: string;
  body: any; // parsed JSON when the body is JSON, else undefined
  headers: Headers;
}

export async function call(baseUrl: string, path: string, options: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined && options.token !== null) headers.authorization = `Bearer ${options.token}`;
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  } else if (options.multipart) {
    body = options.multipart;
  }
  const method = options.method ?? (body === undefined ? 'GET' : 'POST');
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body, credentials: 'omit' });
  const text = await response.text();
  let parsed: unknown;
  if ((response.headers.get('content-type') ?? '').includes('application/json')) parsed = JSON.parse(text);
  return { status: response.status, text, body: parsed, headers: response.headers };
}

export const INVALID = { error: 'invalid token or token not found' };

/** Follows `next` with the same filters until it is null; returns every item. */
export async function collectAll(
  baseUrl: string,
  path: string,
  token: string,
): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const url: string = cursor === null ? path : `${path}${sep}cursor=${encodeURIComponent(cursor)}`;
    const result = await call(baseUrl, url, { token });
    if (result.status !== 200 || !Array.isArray(result.body?.results))
      throw new Error(`page failed: ${result.status} ${result.text}`);
    items.push(...result.body.results);
    cursor = result.body.next;
    pages += 1;
  } while (cursor !== null);
  return { items, pages };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds (or fails after `timeoutMs`). */
export async function until(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await sleep(25);
  }
}
