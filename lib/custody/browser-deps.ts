/** The custody dependencies of the capture engine in the extension's background. */
import type { CustodyDeps } from './capture-step.ts';
import { createKeyStore } from './key-store.ts';
import { activeTsaUrl } from './settings.ts';

export function createBrowserCustody(): CustodyDeps {
  const keys = createKeyStore();
  return {
    signingKey: () => keys.current(),
    timestampUrl: activeTsaUrl,
    // Detached like the Atlos client's: a native fetch called as a method of another object throws.
    fetch: (input, init) => fetch(input, init),
  };
}
