/**
 * Storage keys the popup reads directly for its first paint. The connection list is read by key
 * rather than through `connectionsItem` (lib/connections/store.ts): importing that module would
 * put the whole background-side store into the popup's chunk. local-keys.test.ts keeps them equal.
 */
import type { ConnectionSummary } from '@/lib/connections/protocol';

export const connectionsStorageItem = {
  key: 'local:connections' as const,
  options: { fallback: [] as ConnectionSummary[] },
};
