/** Injected in Firefox for the page archive: a single-file HTML snapshot (lib/artifacts/page/snapshot.ts). */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { holdPayload } from '../lib/artifacts/page/payloads';
import { snapshotDocument, type SnapshotOptions } from '../lib/artifacts/page/snapshot';

export default defineUnlistedScript(() => {
  Object.assign(globalThis, {
    __atlosSnapshot: async (options: SnapshotOptions) =>
      holdPayload(new TextEncoder().encode(await snapshotDocument(document, options))),
  });
});
