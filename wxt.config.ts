import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { prerenderPopupPlugin } from './scripts/prerender-popup';

/**
 * Chrome MV3 and Firefox MV3 from one code base. `--mode e2e` builds the same manifest (same permissions,
 * checked by test/e2e/manifest.spec.ts) plus hooks the tests use to observe and drive; `--mode sandbox`
 * (`npm start`) pre-grants only the local stand-in. What each permission allows: docs/permissions.md.
 */
export default defineConfig({
  imports: false,
  // Separate output folders let parallel test runs build without clobbering each other.
  outDir: process.env.ATLOS_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/i18n/module'],
  // The popup's form is in popup.html itself, painted before any script (scripts/prerender-popup.ts).
  vite: () => ({ plugins: [preact(), prerenderPopupPlugin(import.meta.dirname)] }),
  zip: {
    excludeSources: [
      'test/**',
      '.ci/**',
      'docs/screenshots/**',
      '**/*.test.ts',
      '**/*.test.tsx',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
      '**/testing/**',
    ],
  },
  manifest: ({ browser, mode }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'unlimitedStorage', 'contextMenus', 'activeTab', 'scripting', 'alarms', 'notifications'],
    // MHTML archives (Chrome only): asked for at the first capture that saves one, so the install prompt
    // does not say "read and change all your data" (lib/connections/page-capture-permission.ts).
    ...(browser === 'firefox' ? {} : { optional_permissions: ['pageCapture'] }),
    host_permissions: mode === 'sandbox' ? ['http://127.0.0.1/*', 'http://localhost/*'] : [],
    // `<all_urls>`, not `https://*/*` + `http://*/*`: tabs.captureVisibleTab (Chrome, Firefox) and
    // tabs.captureTab (Firefox) accept only `<all_urls>` or an activeTab grant.
    // https://developer.chrome.com/docs/extensions/reference/api/tabs#method-captureVisibleTab
    // https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/tabs/captureTab
    optional_host_permissions: ['<all_urls>'],
    action: { default_title: '__MSG_actionTitle__' },
    commands: {
      'capture-to-last-incident': {
        // Firefox on Linux and Windows gives Alt+Shift+S to its menu bar ("Hi_s_tory" opens, the command
        // never fires: docs/browser-facts.md §5), so Firefox suggests Alt+Shift+C (no menu uses C).
        suggested_key: { default: browser === 'firefox' ? 'Alt+Shift+C' : 'Alt+Shift+S' },
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
    // Test-only, to DRIVE Firefox: BiDi cannot navigate to moz-extension:// pages unless they are web accessible.
    ...(mode === 'e2e' && browser === 'firefox'
      ? {
          web_accessible_resources: [
            { resources: ['popup.html', 'options.html', 'verify.html'], matches: ['<all_urls>'] },
          ],
        }
      : {}),
  }),
});
