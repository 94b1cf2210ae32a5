/**
 * Typed client for the ten Atlos API v2 routes (docs/atlos-api-behaviour.md §2). Knows HTTP and Atlos, nothing
 * of the extension. Transport safety rules live in request.ts; error kinds in errors.ts.
 *
 * Over a screen on purpose: one method per Atlos route, so the whole API surface the extension
 * uses is in one file; the shared transport is in request.ts.
 */
import type { z } from 'zod';
import { sleep } from '../domain/sleep.ts';
import { AtlosError } from './errors.ts';
import { uploadFileName } from './file-name.ts';
import { newIncidentBody, type NewIncident } from './new-incident.ts';
import { checkAtlosOrigin } from './origin.ts';
import { paginate, type Page } from './paginate.ts';
import { sendRequest, type RequestSpec, type Transport } from './request.ts';
import {
  IncidentPageSchema,
  IncidentSchema,
  SourceMaterialPageSchema,
  SourceMaterialSchema,
  SuccessSchema,
  UpdatePageSchema,
  successResultSchema,
  type Incident,
  type SourceMaterial,
  type Update,
} from './schemas.ts';
import {
  incidentSearchParams,
  isUuid,
  NON_ITERABLE_SORTS,
  type IncidentSearch,
  type IterableIncidentSearch,
} from './search-params.ts';

export type { Page } from './paginate.ts';
export type { IncidentSearch } from './search-params.ts';
export type { NewIncident } from './new-incident.ts';
export type { Incident, SourceMaterial, Update } from './schemas.ts';

export interface AtlosClientOptions {
  /** Origin only, e.g. 'https://platform.atlos.org'; http only for localhost. */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  /** Per request; default 30 s. */
  timeoutMs?: number;
  /** Per upload; default 10 min. */
  uploadTimeoutMs?: number;
  /** Extra attempts for idempotent calls (GETs, setMetadata) on retryable errors; default 3. */
  retries?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source, [0, 1). */
  random?: () => number;
}
export interface RequestOptions {
  signal?: AbortSignal;
}
type ListOptions = RequestOptions & { cursor?: string };

export interface AtlosClient {
  readonly baseUrl: string;
  listIncidents(search?: IncidentSearch, opts?: ListOptions): Promise<Page<Incident>>;
  /** Every page; date sorts are refused (their cursor breaks on incidents without a date). */
  iterateIncidents(search?: IterableIncidentSearch, opts?: RequestOptions): AsyncGenerator<Incident>;
  listSourceMaterial(opts?: ListOptions): Promise<Page<SourceMaterial>>;
  iterateSourceMaterial(opts?: RequestOptions): AsyncGenerator<SourceMaterial>;
  getSourceMaterial(id: string, opts?: RequestOptions): Promise<SourceMaterial>;
  createSourceMaterial(
    slug: string,
    body: { url?: string; archive: boolean },
    opts?: RequestOptions,
  ): Promise<SourceMaterial>;
  setMetadata(id: string, namespace: string, metadata: unknown, opts?: RequestOptions): Promise<SourceMaterial>;
  uploadFile(
    id: string,
    file: { blob: Blob; fileName: string; title?: string },
    opts?: RequestOptions,
  ): Promise<SourceMaterial>;
  createIncident(attributes: NewIncident, opts?: RequestOptions): Promise<Incident>;
  listUpdates(filter?: { slug?: string }, opts?: ListOptions): Promise<Page<Update>>;
  iterateUpdates(filter?: { slug?: string }, opts?: RequestOptions): AsyncGenerator<Update>;
  addComment(slug: string, message: string, opts?: RequestOptions): Promise<void>;
  updateAttribute(
    slug: string,
    attribute: string,
    value: unknown,
    message?: string,
    opts?: RequestOptions,
  ): Promise<void>;
}

const API = '/api/v2';

/** Throws AtlosError `insecure_origin` for a non-https non-local base URL, `invalid_token` for an unusable token. */
export function createAtlosClient(options: AtlosClientOptions): AtlosClient {
  const checked = checkAtlosOrigin(options.baseUrl);
  if (!checked.ok) throw new AtlosError('insecure_origin');
  // A token is URL-safe base64 (docs/atlos-api-behaviour.md §1.3); whitespace or control characters cannot be sent in a header.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  if (!options.token || /[\s\x00-\x1f\x7f]/.test(options.token)) throw new AtlosError('invalid_token');
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const transport: Transport = {
    origin: checked.origin,
    token: options.token,
    // Called detached: `transport.fetch(…)` on a native fetch would throw "Illegal invocation".
    fetch: (input, init) => fetchImpl(input, init),
    retries: options.retries ?? 3,
    sleep: options.sleep ?? sleep,
    random: options.random ?? Math.random,
  };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const uploadTimeoutMs = options.uploadTimeoutMs ?? 600_000;

  async function call<S extends z.ZodType>(
    schema: S,
    spec: Omit<RequestSpec, 'timeoutMs'> & { timeoutMs?: number },
  ): Promise<z.output<S>> {
    const body = await sendRequest(transport, { timeoutMs, ...spec });
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const where = parsed.error.issues
        .slice(0, 3)
        .map((i) => i.path.join('.') || '(body)')
        .join(', ');
      throw new AtlosError('unexpected', { detail: `(Unexpected fields: ${where}.)`, cause: parsed.error });
    }
    return parsed.data;
  }
  const segment = (value: string, what: string) => {
    if (!value) throw new AtlosError('not_found', { detail: `(No ${what} given.)` });
    // URL parsing resolves `.`/`..` segments (even percent-encoded), which would call another route.
    if (value === '.' || value === '..') throw new AtlosError('not_found', { detail: `(Not a valid ${what}.)` });
    return encodeURIComponent(value);
  };
  const versionId = (id: string) => {
    // A non-UUID id makes Atlos crash with a 500 (docs/atlos-api-behaviour.md §2.4); say what is wrong instead.
    if (!isUuid(id)) throw new AtlosError('not_found', { detail: '(A source material id is a UUID.)' });
    return id.toLowerCase();
  };
  const withCursor = (query: URLSearchParams, cursor: string | undefined) => {
    // An empty cursor is a cursor error at Atlos (docs/atlos-api-behaviour.md §3.5); absent means "first page".
    if (cursor !== undefined) query.set('cursor', cursor);
    return query;
  };
  const updatesQuery = (filter: { slug?: string } | undefined) => {
    const query = new URLSearchParams();
    if (filter?.slug !== undefined) query.set('slug', filter.slug);
    return query;
  };

  const client: AtlosClient = {
    baseUrl: checked.origin,
    listIncidents: (search, opts = {}) =>
      call(IncidentPageSchema, {
        method: 'GET',
        path: `${API}/incidents`,
        query: withCursor(incidentSearchParams(search), opts.cursor),
        idempotent: true,
        isList: true,
        signal: opts.signal,
      }),
    iterateIncidents: (search, opts = {}) => {
      // Also at run time: a caller that is not TypeScript-checked must not walk into Atlos's 500.
      if (search?.sort && NON_ITERABLE_SORTS.has(search.sort)) {
        throw new RangeError(
          `Sort "${search.sort}" cannot be followed page by page: Atlos's cursor breaks on incidents without a date. Use listIncidents for one page, or another sort.`,
        );
      }
      return paginate((cursor) => client.listIncidents(search, { ...opts, cursor }));
    },
    listSourceMaterial: (opts = {}) =>
      call(SourceMaterialPageSchema, {
        method: 'GET',
        path: `${API}/source_material`,
        query: withCursor(new URLSearchParams(), opts.cursor),
        idempotent: true,
        isList: true,
        signal: opts.signal,
      }),
    iterateSourceMaterial: (opts = {}) => paginate((cursor) => client.listSourceMaterial({ ...opts, cursor })),
    getSourceMaterial: async (id, opts = {}) =>
      (
        await call(successResultSchema(SourceMaterialSchema), {
          method: 'GET',
          path: `${API}/source_material/${versionId(id)}`,
          idempotent: true,
          signal: opts.signal,
        })
      ).result,
    createSourceMaterial: async (slug, body, opts = {}) => {
      // `archive=true` without a URL crashes Atlos (docs/atlos-api-behaviour.md §2.5).
      if (body.archive && !body.url)
        throw new AtlosError('validation', { fieldErrors: { url: 'A URL is required to archive.' } });
      const json: Record<string, string> = {};
      if (body.url !== undefined) json.url = body.url;
      // Only the exact string "true" requests archival; a JSON boolean is ignored (docs/atlos-api-behaviour.md §2.5).
      if (body.archive) json.archive = 'true';
      return (
        await call(successResultSchema(SourceMaterialSchema), {
          method: 'POST',
          path: `${API}/source_material/new/${segment(slug, 'incident')}`,
          json,
          idempotent: false,
          signal: opts.signal,
        })
      ).result;
    },
    setMetadata: async (id, namespace, metadata, opts = {}) =>
      // Replaces the whole namespace, so repeating it cannot duplicate anything: safe to retry.
      (
        await call(successResultSchema(SourceMaterialSchema), {
          method: 'POST',
          path: `${API}/source_material/metadata/${versionId(id)}/${segment(namespace, 'namespace')}`,
          json: { metadata },
          idempotent: true,
          signal: opts.signal,
        })
      ).result,
    uploadFile: async (id, file, opts = {}) => {
      const form = new FormData();
      // A File carries its name through every FormData implementation (happy-dom drops the third argument).
      const name = uploadFileName(file.fileName, file.blob.type);
      form.append('file', new File([file.blob], name, { type: file.blob.type }));
      if (file.title !== undefined) form.append('title', file.title);
      return (
        await call(successResultSchema(SourceMaterialSchema), {
          method: 'POST',
          path: `${API}/source_material/upload/${versionId(id)}`,
          form,
          timeoutMs: uploadTimeoutMs,
          idempotent: false,
          signal: opts.signal,
        })
      ).result;
    },
    createIncident: async (attributes, opts = {}) =>
      (
        await call(successResultSchema(IncidentSchema), {
          method: 'POST',
          path: `${API}/incidents/new`,
          json: newIncidentBody(attributes),
          idempotent: false,
          signal: opts.signal,
        })
      ).result,
    listUpdates: (filter, opts = {}) =>
      call(UpdatePageSchema, {
        method: 'GET',
        path: `${API}/updates`,
        query: withCursor(updatesQuery(filter), opts.cursor),
        idempotent: true,
        isList: true,
        signal: opts.signal,
      }),
    iterateUpdates: (filter, opts = {}) => paginate((cursor) => client.listUpdates(filter, { ...opts, cursor })),
    addComment: async (slug, message, opts = {}) => {
      await call(SuccessSchema, {
        method: 'POST',
        path: `${API}/add_comment/${segment(slug, 'incident')}`,
        json: { message },
        idempotent: false,
        signal: opts.signal,
      });
    },
    updateAttribute: async (slug, attribute, value, message, opts = {}) => {
      const json: Record<string, unknown> = { value };
      if (message !== undefined) json.message = message;
      await call(SuccessSchema, {
        method: 'POST',
        path: `${API}/update/${segment(slug, 'incident')}/${segment(attribute, 'attribute')}`,
        json,
        idempotent: false,
        signal: opts.signal,
      });
    },
  };
  return client;
}
