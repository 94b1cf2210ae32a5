// ESLint (flat config). Besides the usual TypeScript checks it enforces the floors of
// docs/ARCHITECTURE.md: a module may import its own floor or lower floors, never a higher one,
// and no import cycle. `npm run lint`; `npm test` runs it as the `lint` suite.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Highest floor first. Paths are relative to the repository root; a folder stands for everything
 * in it. Keep in step with the table in docs/ARCHITECTURE.md.
 */
export const FLOORS = [
  { name: 'entry points', paths: ['entrypoints'] },
  { name: 'components', paths: ['components'] },
  {
    name: 'menus, commands and messaging',
    paths: ['lib/menus', 'lib/commands.ts', 'lib/messaging.ts', 'lib/chooser-window.ts'],
  },
  { name: 'capture', paths: ['lib/capture'] },
  {
    name: 'features',
    paths: [
      'lib/connections',
      'lib/incidents',
      'lib/artifacts',
      'lib/custody',
      'lib/batch',
      'lib/links',
      'lib/popup-shell',
    ],
  },
  { name: 'services', paths: ['lib/atlos', 'lib/metadata', 'lib/settings.ts', 'lib/trusted-sender.ts'] },
  { name: 'domain', paths: ['lib/domain'] },
];

/** One zone per floor: its files may not import anything on a floor above it. */
export function floorZones(floors = FLOORS) {
  return floors.slice(1).map((floor, index) => {
    const above = floors.slice(0, index + 1);
    return {
      target: floor.paths.map((p) => `./${p}`),
      from: above.flatMap((f) => f.paths.map((p) => `./${p}`)),
      message:
        `Floor rule (docs/ARCHITECTURE.md): the ${floor.name} floor may not import from a higher floor ` +
        `(${above.map((f) => f.name).join(', ')}). Move the shared piece down (e.g. to lib/domain) or pass it in as a dependency.`,
    };
  });
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.output/**',
      '.output-*/**',
      '.wxt/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
      'public/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,ts,tsx}'],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node, ...globals.webextensions },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ alwaysTryTypes: true, project: './tsconfig.json' })],
    },
    rules: {
      // The code base's choices: `any` at a few typed boundaries (browser globals in tests, messaging
      // generics), `_name` for a deliberately unused value.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { args: 'none', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-empty-function': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
    },
  },
  {
    // Playwright fixtures take their dependencies by destructuring, `async ({}, use) => …` when none.
    files: ['test/**/*.ts'],
    rules: { 'no-empty-pattern': 'off', '@typescript-eslint/no-empty-object-type': 'off' },
  },
  {
    // Production code keeps to its floor. Tests and test support (`*.test.ts`, `testing/`) may wire
    // real modules of several floors together.
    files: ['lib/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'entrypoints/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', '**/testing/**'],
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: floorZones() }],
    },
  },
);
