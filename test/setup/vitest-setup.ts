/**
 * Shared setup for every vitest file.
 * - IndexedDB: happy-dom has none; fake-indexeddb provides a real implementation in memory.
 * - i18n: WXT's fake browser does not implement `browser.i18n`, so `getMessage` is served from
 *   the same `locales/en.yml` the build compiles, with Chrome's `$1` substitution rules.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateChromeMessages, parseMessagesText } from '@wxt-dev/i18n/build';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// happy-dom replaces the global URL, so resolve from the project root (vitest's cwd).
const localeFile = resolve(process.cwd(), 'locales/en.yml');
const messages = generateChromeMessages(parseMessagesText(readFileSync(localeFile, 'utf8'), 'YAML'));

function getMessage(key: string, substitutions?: string | string[]): string {
  const entry = messages[key];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : ([] as string[]).concat(substitutions);
  return entry.message.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
}

Object.assign(fakeBrowser, {
  i18n: {
    getMessage,
    getUILanguage: () => 'en',
    detectLanguage: async () => ({ isReliable: true, languages: [] }),
    getAcceptLanguages: async () => ['en'],
  },
});
