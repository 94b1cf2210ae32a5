import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// happy-dom replaces the global URL, so resolve from the project root (vitest's cwd).
const css = readFileSync(resolve(process.cwd(), 'entrypoints/options/style.css'), 'utf8');

describe('options page CSS', () => {
  it('uses logical properties only, so right-to-left locales lay out correctly', () => {
    expect(css).not.toMatch(/(margin|padding|border)-(left|right)\b/);
    expect(css).not.toMatch(/(^|[\s;{])(left|right)\s*:/m);
    expect(css).not.toMatch(/text-align:\s*(left|right)/);
    expect(css).not.toMatch(/float:\s*(left|right)/);
  });

  it('has a dark scheme and a visible focus ring', () => {
    expect(css).toContain('@media (prefers-color-scheme: dark)');
    expect(css).toMatch(/:focus-visible\s*{[^}]*outline:\s*3px solid/);
  });
});
