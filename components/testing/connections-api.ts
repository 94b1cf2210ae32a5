/** For component tests: the real connections service over a scripted Atlos and fake permissions. */
import { createConnectionsService } from '@/lib/connections/service';
import { createConnectionStore } from '@/lib/connections/store';
import { createTokenVault } from '@/lib/connections/vault';
import { originPattern } from '@/lib/connections/permissions';
import { BRD, CIV, fakeAtlos, fakePermissions } from '@/lib/connections/testing/fakes';
import type { ConnectionsApi } from '../connections-api';

let n = 0;

export function testConnectionsApi(options: { grant?: boolean } = {}) {
  const atlos = fakeAtlos({ civ1: CIV, civ2: CIV, brd: BRD, empty: null });
  const permissions = fakePermissions([], options.grant ?? true);
  const store = createConnectionStore({ vault: createTokenVault(`component-${++n}`) });
  const service = createConnectionsService({ store, permissions, createClient: atlos.factory });
  const requested: string[] = [];
  const api: ConnectionsApi = {
    list: () => service.list(),
    connect: (i) => service.connect(i),
    replaceToken: (i) => service.replaceToken(i),
    disconnect: (i) => service.disconnect(i),
    recheck: (i) => service.recheck(i),
    requestInstanceAccess: (origin) => {
      requested.push(origin);
      return permissions.request({ origins: [originPattern(origin)] });
    },
  };
  return { api, atlos, permissions, store, service, requested };
}
