/**
 * An in-memory Atlos for unit tests of the engine: incidents, source material, artifacts and
 * comments, newest-first lists with small pages, and scripted faults: a refusal or 5xx before the
 * server acts, a lost answer after it acted, or a call that hangs until aborted (a killed worker).
 * Two concurrent creations on one incident fail like the real one (empty 500, docs/atlos-api-behaviour.md §2.5).
 */
import { AtlosError } from '@/lib/atlos/errors';
import type { CaptureClient, SourceMaterial, Update } from '../client-port';

export type FakeOp = 'create' | 'upload' | 'metadata' | 'comment' | 'list' | 'get' | 'incidents' | 'updates';

export interface FakeFault {
  op: FakeOp;
  /** before: fails without acting; after: acts, then the answer is lost; hang: acts (or not) and never answers. */
  when: 'before' | 'after' | 'hang';
  error?: AtlosError;
  /** For hang: whether the server acted before hanging. */
  acted?: boolean;
  /** Only for creations with this archive flag. */
  archive?: boolean;
  times?: number;
  /** Called when the fault fires (e.g. to kill the engine). */
  onFire?: () => void;
}

interface FakeIncident {
  id: string;
  slug: string;
  deleted?: boolean;
  readOnly?: boolean;
}

let counter = 0;
const actor = (by: { tokenId: string } | { userId: string }) =>
  'tokenId' in by ? { user_id: null, api_token_id: by.tokenId } : { user_id: by.userId, api_token_id: null };
const uuid = () => {
  counter++;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
};

export function createFakeAtlos(options: { now: () => number; pageSize?: number; baseUrl?: string; tokenId?: string }) {
  let tokenId = options.tokenId ?? 'token-ours';
  const incidents: FakeIncident[] = [];
  const sourceMaterials: SourceMaterial[] = [];
  const updates: Update[] = [];
  const faults: FakeFault[] = [];
  const calls: Array<{ op: FakeOp; detail?: string }> = [];
  const inFlightCreates = new Map<string, number>();
  const pageSize = options.pageSize ?? 3;
  const stamp = () => new Date(options.now()).toISOString().slice(0, 19);
  let corruptNextUpload = false;

  function incident(slug: string): FakeIncident {
    const found = incidents.find((i) => i.slug === slug.toUpperCase());
    if (!found || found.deleted || found.readOnly)
      throw new AtlosError('not_found', { status: 401, serverMessage: 'incident not found or unauthorized' });
    return found;
  }

  async function act<T>(op: FakeOp, detail: { archive?: boolean }, work: () => T, signal?: AbortSignal): Promise<T> {
    calls.push({ op });
    await Promise.resolve();
    const fault = faults.find(
      (f) => f.op === op && (f.archive === undefined || f.archive === detail.archive) && (f.times ?? 1) > 0,
    );
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      fault.onFire?.();
      if (fault.when === 'before') throw fault.error ?? new AtlosError('server', { status: 500 });
      if (fault.when === 'after') {
        work();
        throw fault.error ?? new AtlosError('network');
      }
      if (fault.acted) work();
      return new Promise<T>((_, reject) => {
        const abort = () => reject(new AtlosError('aborted'));
        if (signal?.aborted) abort();
        signal?.addEventListener('abort', abort, { once: true });
      });
    }
    return work();
  }

  function page<T>(items: T[], cursor: string | undefined) {
    const start = cursor ? Number(cursor) : 0;
    const results = items.slice(start, start + pageSize);
    const next = start + pageSize < items.length ? String(start + pageSize) : null;
    return { results, next, previous: null };
  }
  const newestFirst = <T>(items: T[]) => items.slice().reverse();
  const clone = <T>(v: T): T => structuredClone(v);

  const client: CaptureClient = {
    baseUrl: options.baseUrl ?? 'https://atlos.test',
    listIncidents: (search, opts = {}) =>
      act(
        'incidents',
        {},
        () => {
          const q = (search?.query ?? '').toUpperCase();
          const found = incidents.filter((i) => !i.deleted && i.slug.includes(q));
          return page(
            found.map((i) => ({ id: i.id, slug: i.slug }) as never),
            opts.cursor,
          );
        },
        opts.signal,
      ),
    listSourceMaterial: (opts = {}) =>
      act('list', {}, () => page(newestFirst(sourceMaterials).map(clone), opts.cursor), opts.signal),
    getSourceMaterial: (id, opts = {}) =>
      act(
        'get',
        {},
        () => {
          const sm = sourceMaterials.find((s) => s.id === id);
          if (!sm) throw new AtlosError('not_found', { status: 401 });
          return clone(sm);
        },
        opts.signal,
      ),
    async createSourceMaterial(slug, body, opts = {}) {
      const key = slug.toUpperCase();
      inFlightCreates.set(key, (inFlightCreates.get(key) ?? 0) + 1);
      try {
        await new Promise((r) => setTimeout(r, 1));
        if ((inFlightCreates.get(key) ?? 0) > 1)
          throw new AtlosError('server', { status: 500, detail: 'scoped_id race' });
        return await act(
          'create',
          { archive: body.archive },
          () => {
            const target = incident(slug);
            const sm: SourceMaterial = {
              id: uuid(),
              incident_id: target.id,
              scoped_id: sourceMaterials.filter((s) => s.incident_id === target.id).length + 1,
              source_url: body.url ?? null,
              status: 'pending',
              upload_type: body.archive ? 'direct' : 'user_provided',
              visibility: 'visible',
              metadata: {},
              artifacts: [],
              inserted_at: stamp(),
              updated_at: stamp(),
            };
            sourceMaterials.push(sm);
            // Atlos records who made it: an upload_version update carrying the token's id.
            updates.push({
              id: uuid(),
              type: 'upload_version',
              media_id: target.id,
              media_version_id: sm.id,
              user_id: null,
              api_token_id: tokenId,
              explanation: null,
              inserted_at: stamp(),
            } as Update);
            return clone(sm);
          },
          opts.signal,
        );
      } finally {
        inFlightCreates.set(key, (inFlightCreates.get(key) ?? 1) - 1);
      }
    },
    setMetadata: (id, namespace, metadata, opts = {}) =>
      act(
        'metadata',
        {},
        () => {
          const sm = sourceMaterials.find((s) => s.id === id);
          if (!sm) throw new AtlosError('not_found', { status: 401 });
          sm.metadata = { ...sm.metadata, [namespace]: clone(metadata) };
          return clone(sm);
        },
        opts.signal,
      ),
    async uploadFile(id, file, opts = {}) {
      const bytes = new Uint8Array(await file.blob.arrayBuffer());
      const digest = Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
      return act(
        'upload',
        {},
        () => {
          const sm = sourceMaterials.find((s) => s.id === id);
          if (!sm) throw new AtlosError('not_found', { status: 401 });
          const hash = corruptNextUpload ? '0'.repeat(64) : digest;
          corruptNextUpload = false;
          sm.artifacts.push({
            id: uuid(),
            type: 'upload',
            title: file.title ?? null,
            file_hash_sha256: hash,
            file_size: bytes.length,
            mime_type: file.blob.type,
            access_url: null,
          });
          return clone(sm);
        },
        opts.signal,
      );
    },
    listUpdates: (filter, opts = {}) =>
      act(
        'updates',
        {},
        () => {
          const target = incidents.find((i) => i.slug === filter?.slug?.toUpperCase());
          return page(newestFirst(updates.filter((u) => u.media_id === target?.id)).map(clone), opts.cursor);
        },
        opts.signal,
      ),
    addComment: (slug, message, opts = {}) =>
      act(
        'comment',
        {},
        () => {
          const target = incident(slug);
          updates.push({
            id: uuid(),
            type: 'comment',
            media_id: target.id,
            explanation: message,
            user_id: null,
            api_token_id: tokenId,
            inserted_at: stamp(),
          } as Update);
        },
        opts.signal,
      ),
  };

  return {
    client,
    incidents,
    sourceMaterials,
    updates,
    faults,
    calls,
    addIncident(slug: string, extra: Partial<FakeIncident> = {}) {
      const created = { id: uuid(), slug, ...extra };
      incidents.push(created);
      return created;
    },
    /** A colleague (another token, or a person in the web app) adds source material to an incident. */
    addByOther(args: { slug: string; url: string; archive?: boolean; by: { tokenId: string } | { userId: string } }) {
      const target = incidents.find((i) => i.slug === args.slug)!;
      const sm: SourceMaterial = {
        id: uuid(),
        incident_id: target.id,
        scoped_id: sourceMaterials.filter((x) => x.incident_id === target.id).length + 1,
        source_url: args.url,
        status: 'pending',
        upload_type: args.archive ? 'direct' : 'user_provided',
        visibility: 'visible',
        metadata: {},
        artifacts: [],
        inserted_at: stamp(),
        updated_at: stamp(),
      };
      sourceMaterials.push(sm);
      updates.push({
        id: uuid(),
        type: 'upload_version',
        media_id: target.id,
        media_version_id: sm.id,
        ...actor(args.by),
        explanation: null,
        inserted_at: stamp(),
      } as Update);
      return sm;
    },
    /** A colleague's comment. */
    commentByOther(args: { slug: string; text: string; by: { tokenId: string } | { userId: string } }) {
      const target = incidents.find((i) => i.slug === args.slug)!;
      updates.push({
        id: uuid(),
        type: 'comment',
        media_id: target.id,
        explanation: args.text,
        ...actor(args.by),
        inserted_at: stamp(),
      } as Update);
    },
    /** The connection's token is replaced (a new token has a new id at Atlos). */
    replaceToken(id: string) {
      tokenId = id;
    },
    corruptNextUpload() {
      corruptNextUpload = true;
    },
    count: (op: FakeOp) => calls.filter((c) => c.op === op).length,
  };
}
