/**
 * Checks the translations in locales/*.yml against the English source (locales/en.yml), which the
 * build compiles into `_locales/<locale>/messages.json` (via @wxt-dev/i18n). Chrome and Firefox
 * fall back to English per key, so a missing key is not fatal at runtime, but a stale key, a
 * lost `$1` placeholder, or an empty message would show a broken string to the user.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessagesText, SUPPORTED_LOCALES, type ParsedMessage } from '@wxt-dev/i18n/build';

// happy-dom replaces the global URL, so resolve from the project root (vitest's cwd).
const LOCALES_DIR = resolve(process.cwd(), 'locales');
const SOURCE_LOCALE = 'en';
/** The languages Atlos investigators work in that we ship; a file that disappears should fail here. */
const EXPECTED_TRANSLATIONS = ['ar', 'es', 'uk'];

function readMessages(locale: string): Map<string, string> {
  const text = readFileSync(resolve(LOCALES_DIR, `${locale}.yml`), 'utf8');
  const parsed: ParsedMessage[] = parseMessagesText(text, 'YAML');
  const messages = new Map<string, string>();
  for (const entry of parsed) {
    const key = entry.key.join('_');
    // The parser adds Chrome's predefined messages (`@@bidi_dir`, …); they are not in our files.
    if (key.startsWith('@@')) continue;
    // Our files are flat `key: value`; plural or nested messages would need their own checks.
    if (entry.type !== 'simple')
      throw new Error(`${locale}.yml: ${key} is a ${entry.type} message, expected a plain string`);
    messages.set(key, entry.message);
  }
  return messages;
}

/** `$1`, `$2`… in order of number, each once (Chrome's positional substitutions). */
function placeholdersOf(message: string): string[] {
  return [...new Set(message.match(/\$\d/g) ?? [])].sort();
}

/** Text that must survive translation verbatim: addresses, schemes and identifiers a person types or sees elsewhere. */
function verbatimTokensOf(message: string): string[] {
  const tokens =
    message.match(/https?:\/\/[a-z0-9.:/-]*[a-z0-9/]|127\.0\.0\.1|localhost|SHA-256|\b[a-z]+_[a-z_]+\b/g) ?? [];
  return [...new Set(tokens)];
}

const translationLocales = readdirSync(LOCALES_DIR)
  .filter((file) => extname(file) === '.yml')
  .map((file) => basename(file, '.yml'))
  .filter((locale) => locale !== SOURCE_LOCALE)
  .sort();

const english = readMessages(SOURCE_LOCALE);

describe('locales', () => {
  it('ships the expected translations', () => {
    expect(translationLocales).toEqual(expect.arrayContaining(EXPECTED_TRANSLATIONS));
  });

  it('English has no empty messages', () => {
    const empty = [...english].filter(([, message]) => message.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  describe.each(translationLocales)('%s', (locale) => {
    const translated = readMessages(locale);

    it('is a locale the browsers support', () => {
      expect(SUPPORTED_LOCALES.has(locale)).toBe(true);
    });

    it('has no keys that English lacks (stale or misspelt keys)', () => {
      const stale = [...translated.keys()].filter((key) => !english.has(key));
      expect(stale).toEqual([]);
    });

    it('has no empty messages', () => {
      const empty = [...translated].filter(([, message]) => message.trim() === '').map(([key]) => key);
      expect(empty).toEqual([]);
    });

    it('keeps the same $N placeholders as English', () => {
      const mismatched = [...translated]
        .filter(([key]) => english.has(key))
        .filter(([key, message]) => placeholdersOf(message).join() !== placeholdersOf(english.get(key)!).join())
        .map(
          ([key, message]) =>
            `${key}: ${placeholdersOf(message).join(' ')} ≠ ${placeholdersOf(english.get(key)!).join(' ')}`,
        );
      expect(mismatched).toEqual([]);
    });

    it('keeps addresses and identifiers verbatim', () => {
      const lost = [...translated]
        .filter(([key]) => english.has(key))
        .flatMap(([key, message]) =>
          verbatimTokensOf(english.get(key)!)
            .filter((token) => !message.includes(token))
            .map((token) => `${key}: ${token}`),
        );
      expect(lost).toEqual([]);
    });

    it('has every English key', () => {
      const missing = [...english.keys()].filter((key) => !translated.has(key));
      expect(missing).toEqual([]);
    });
  });
});
