/**
 * Chromium profile set-up done before launch, through the profile's own `Default/Preferences` file:
 * - the unpacked extension's id, known from its folder (Chromium derives it from the path);
 * - the toolbar button pinned (`extensions.pinned_extensions`), so xdotool can click it;
 * - optional permissions recorded as granted: THE STATE AFTER A PERSON ACCEPTED the prompts
 *   (Chromium writes exactly these lists when the prompt is accepted). Only for permissions the
 *   manifest declares as optional; the real prompts are tested in permissions.headed.spec.ts.
 *   Chromium resets host grants when it first installs the extension, so grants are written after
 *   a first launch (see `launchExtensionContext` in ../fixtures.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Grants {
  /** Host match patterns, e.g. `<all_urls>` (the all-sites offer) or `http://127.0.0.1/*` (an instance). */
  origins?: string[];
  /** API permissions, e.g. `pageCapture`. */
  permissions?: string[];
}

/** The all-sites offer, the instance and the page archive all accepted. */
export const ACCEPTED_ALL: Grants = { origins: ['<all_urls>'], permissions: ['pageCapture'] };

/** Chromium's id for an unpacked extension: SHA-256 of its absolute path, first 32 hex digits mapped to a–p. */
export function unpackedExtensionId(extDir: string): string {
  const hex = createHash('sha256').update(resolve(extDir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

function preferencesFile(userDataDir: string): string {
  return join(userDataDir, 'Default', 'Preferences');
}

function editPreferences(userDataDir: string, edit: (prefs: Record<string, any>) => void): void {
  const file = preferencesFile(userDataDir);
  mkdirSync(join(userDataDir, 'Default'), { recursive: true });
  const prefs = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  edit(prefs);
  writeFileSync(file, JSON.stringify(prefs));
}

/** Pins the extension's toolbar button (it then sits left of the puzzle-piece button). */
export function pinInProfile(userDataDir: string, extensionId: string): void {
  editPreferences(userDataDir, (prefs) => {
    prefs.extensions ??= {};
    prefs.extensions.pinned_extensions = [extensionId];
  });
}

/** Records `grants` as accepted in a profile whose browser is closed and has installed the extension. */
export function grantInProfile(userDataDir: string, extensionId: string, grants: Grants): void {
  editPreferences(userDataDir, (prefs) => {
    const settings = prefs.extensions?.settings?.[extensionId];
    if (!settings) throw new Error(`grantInProfile(): extension ${extensionId} is not installed in ${userDataDir}`);
    for (const key of ['active_permissions', 'granted_permissions', 'runtime_granted_permissions']) {
      const set = (settings[key] ??= { api: [], explicit_host: [], manifest_permissions: [], scriptable_host: [] });
      set.api = [...new Set([...(set.api ?? []), ...(grants.permissions ?? [])])];
      set.explicit_host = [...new Set([...(set.explicit_host ?? []), ...(grants.origins ?? [])])];
    }
    settings.withholding_permissions = false;
  });
}

export function hasGrants(grants: Grants | null | undefined): grants is Grants {
  return !!grants && ((grants.origins?.length ?? 0) > 0 || (grants.permissions?.length ?? 0) > 0);
}
