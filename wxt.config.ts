import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { prerenderPopupPlugin } from './scripts/prerender-popup';

/** Chrome MV3 and Firefox MV3 from one code base; `--mode e2e` adds test-only access. */
export default defineConfig({
  imports: false,
  // Separate output folders let parallel test runs build without clobbering each other.
  outDir: process.env.ATLOS_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/i18n/module'],
  // The popup's form is in popup.html itself, painted before any script (scripts/prerender-popup.ts).
  vite: () => ({ plugins: [preact(), prerenderPopupPlugin(import.meta.dirname)] }),
  zip: {
    excludeSources: ['test/**', '.ci/**', 'docs/screenshots/**', '**/*.test.ts', '**/*.test.tsx', 'test-results/**', 'playwright-report/**', 'bench-results/**'],
  },
  manifest: ({ browser, mode }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'storage',
      'unlimitedStorage',
      'contextMenus',
      'activeTab',
      'scripting',
      'alarms',
      'notifications',
      ...(browser === 'firefox' ? [] : ['pageCapture']),
    ],
    // Test builds get every origin so dispatched (not real) clicks can capture; see test/README.md.
    // `npm start` (mode sandbox) pre-grants only the local stand-in, so connecting needs no prompt.
    host_permissions:
      mode === 'e2e' ? ['<all_urls>'] : mode === 'sandbox' ? ['http://127.0.0.1/*', 'http://localhost/*'] : [],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: '__MSG_actionTitle__' },
    commands: {
      'capture-to-last-incident': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_commandCaptureLast__',
      },
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+A' },
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'capture@atlos.org',
              // 140 (ESR 140): the first release that reads `data_collection_permissions`, which AMO
              // requires for new add-ons; everything else we use (MV3 `optional_host_permissions`, 128;
              // `storage.session`, 115; `tabs.captureTab` with `rect`, 59) is older.
              // https://extensionworkshop.com/documentation/develop/firefox-builtin-data-consent/
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
    ...(mode === 'e2e' && browser === 'firefox'
      ? { web_accessible_resources: [{ resources: ['popup.html', 'options.html'], matches: ['<all_urls>'] }] }
      : {}),
  }),
});
