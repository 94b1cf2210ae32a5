import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// happy-dom replaces the global URL, so resolve from the project root (vitest's cwd).
const read = (file: string) => readFileSync(resolve(process.cwd(), file), 'utf8');
const css = read('entrypoints/options/style.css');

describe('options page CSS', () => {
  // The verify page adds its own rules to this stylesheet.
  it.each(['entrypoints/options/style.css', 'entrypoints/verify/verify.css'])(
    '%s uses logical properties only, so right-to-left locales lay out correctly',
    (file) => {
      const rules = read(file);
      expect(rules).not.toMatch(/(margin|padding|border)-(left|right)\b/);
      expect(rules).not.toMatch(/(^|[\s;{])(left|right)\s*:/m);
      expect(rules).not.toMatch(/text-align:\s*(left|right)/);
      expect(rules).not.toMatch(/float:\s*(left|right)/);
    },
  );

  it('has a dark scheme and a visible focus ring', () => {
    expect(css).toContain('@media (prefers-color-scheme: dark)');
    expect(css).toMatch(/:focus-visible\s*{[^}]*outline:\s*3px solid/);
  });
});
