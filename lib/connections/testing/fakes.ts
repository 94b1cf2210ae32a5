/**
 * Fakes for unit tests of lib/connections (the fake browser has no `permissions`; the Atlos
 * client is replaced by a scripted one here, and exercised for real in test/integration).
 */
import type { AtlosClient } from '@/lib/atlos/client';
import { AtlosError, type AtlosErrorKind } from '@/lib/atlos/errors';
import type { ClientFactory } from '../connect';
import type { PermissionSet, PermissionsApi } from '../permissions';
import type { ProjectInfo } from '../protocol';

/** Origins (match patterns) and API permissions granted; `request` answers with `answer` and is recorded. */
export function fakePermissions(granted: string[] = [], answer = true) {
  const set = new Set(granted);
  const api = {
    granted: set,
    answer,
    requests: [] as PermissionSet[],
    async contains({ origins = [], permissions = [] }: PermissionSet) {
      return origins.every((o) => set.has(o) || set.has('<all_urls>')) && permissions.every((p) => set.has(p));
    },
    request(request: PermissionSet) {
      // Recorded synchronously: a real request must be made before the click handler's first await.
      api.requests.push(request);
      if (api.answer) [...(request.origins ?? []), ...(request.permissions ?? [])].forEach((o) => set.add(o));
      return Promise.resolve(api.answer);
    },
  };
  return api satisfies PermissionsApi;
}

export interface FakeInstance {
  /** token → project (null: valid token, project without incidents). */
  tokens: Map<string, ProjectInfo | null>;
  /** Make every request fail with this kind. */
  failWith?: AtlosErrorKind;
  /** Every client created, with the base URL and token it got. */
  created: { baseUrl: string; token: string }[];
}

export function fakeAtlos(tokens: Record<string, ProjectInfo | null>): FakeInstance & { factory: ClientFactory } {
  const instance: FakeInstance = { tokens: new Map(Object.entries(tokens)), created: [] };
  const check = (token: string) => {
    if (instance.failWith) throw new AtlosError(instance.failWith);
    if (!instance.tokens.has(token)) throw new AtlosError('invalid_token', { status: 401 });
    return instance.tokens.get(token) ?? null;
  };
  const factory: ClientFactory = ({ baseUrl, token }) => {
    instance.created.push({ baseUrl, token });
    const client: Partial<AtlosClient> = {
      baseUrl,
      async listSourceMaterial() {
        check(token);
        return { results: [], next: null, previous: null };
      },
      async listIncidents() {
        const project = check(token);
        const results = project ? [{ slug: 'ABC123', attr_description: 'x', project } as never] : [];
        return { results, next: null, previous: null };
      },
    };
    return client as AtlosClient;
  };
  return Object.assign(instance, { factory });
}

export const CIV: ProjectInfo = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'Civilian Harm Monitor',
  code: 'CIV',
};
export const BRD: ProjectInfo = { id: '22222222-2222-4222-8222-222222222222', name: 'Border Watch', code: 'BRD' };
