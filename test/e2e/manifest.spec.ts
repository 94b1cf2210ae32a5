/**
 * The browser suites run the `e2e` build: it must ask for exactly what the production build asks for.
 * The e2e mode may add only what tests use to observe and to drive the browser (the Firefox build lists
 * popup.html/options.html/verify.html as web accessible so a test can open them), never a permission.
 * Build first: `npm run build && npm run build:e2e` (test/run-all.ts does both).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, OUTPUT_DIR } from './fixtures.ts';

const PERMISSION_KEYS = [
  'permissions',
  'host_permissions',
  'optional_permissions',
  'optional_host_permissions',
] as const;

function readManifest(folder: string): Record<string, any> {
  const file = join(OUTPUT_DIR, folder, 'manifest.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build && npm run build:e2e\` first`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

function permissionsOf(manifest: Record<string, any>) {
  return Object.fromEntries(PERMISSION_KEYS.map((key) => [key, [...(manifest[key] ?? [])].sort()]));
}

for (const [production, e2e] of [
  ['chrome-mv3', 'chrome-mv3-e2e'],
  ['firefox-mv3', 'firefox-mv3-e2e'],
] as const) {
  test(`${e2e} asks for the same permissions as ${production}`, () => {
    const shipped = readManifest(production);
    const tested = readManifest(e2e);
    expect(permissionsOf(tested)).toEqual(permissionsOf(shipped));
    // Same commands (the shortcut tests press the shipped keys) and same content-script matches (none).
    expect(tested.commands).toEqual(shipped.commands);
    expect(tested.content_scripts ?? []).toEqual(shipped.content_scripts ?? []);
    // The only extra: web-accessible extension pages in the Firefox test build, so BiDi can open them.
    const { web_accessible_resources: exposed = [], ...rest } = tested;
    const { web_accessible_resources: shippedExposed = [], ...shippedRest } = shipped;
    expect(shippedExposed).toEqual([]);
    if (production === 'firefox-mv3') {
      expect(exposed.flatMap((entry: { resources: string[] }) => entry.resources).sort()).toEqual([
        'options.html',
        'popup.html',
        'verify.html',
      ]);
    } else {
      expect(exposed).toEqual([]);
    }
    expect(Object.keys(rest).sort()).toEqual(Object.keys(shippedRest).sort());
  });
}
