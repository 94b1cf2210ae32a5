import { describe, expect, it } from 'vitest';
import { normalizeSlug, parseIncidentReference } from './slug.ts';

describe('normalizeSlug (docs/atlos-api-behaviour.md §2.1)', () => {
  it.each([
    ['abc123', 'ABC123'],
    [' abc123 ', 'ABC123'],
    ['CIV-abc123', 'ABC123'],
    ['XYZ-ABC123', 'ABC123'],
    ['ATL-ABC123', 'ATL-ABC123'],
    ['atl-abc123', 'ABC123'],
    ['ABC123', 'ABC123'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeSlug(input)).toBe(expected);
  });
});

describe('parseIncidentReference', () => {
  it('reads a bare slug in any case', () => {
    expect(parseIncidentReference('abc123')).toEqual({ slug: 'ABC123' });
  });
  it('reads the display form CODE-SLUG', () => {
    expect(parseIncidentReference('civ-abc123')).toEqual({ slug: 'ABC123', projectCode: 'CIV' });
    expect(parseIncidentReference('CIV-ABC123')).toEqual({ slug: 'ABC123', projectCode: 'CIV' });
  });
  it('keeps legacy ATL- slugs literal', () => {
    expect(parseIncidentReference('ATL-ABC123')).toEqual({ slug: 'ATL-ABC123' });
  });
  it('reads incident page URLs with trailing paths and queries', () => {
    expect(parseIncidentReference('https://platform.atlos.org/incidents/ABC123')).toEqual({
      slug: 'ABC123',
      origin: 'https://platform.atlos.org',
    });
    expect(parseIncidentReference('https://gap.atlos.org/incidents/CIV-abc123/detail?tab=updates#x')).toEqual({
      slug: 'ABC123',
      projectCode: 'CIV',
      origin: 'https://gap.atlos.org',
    });
    expect(parseIncidentReference('  http://localhost:4000/incidents/K7Q2ZP/  ')).toEqual({
      slug: 'K7Q2ZP',
      origin: 'http://localhost:4000',
    });
  });
  it.each([
    '',
    'abc12',
    'abc1234',
    'TOOLONG-ABC123',
    'CIV-',
    'hello world',
    'https://platform.atlos.org/projects/abc',
    'https://platform.atlos.org/incidents/',
    'https://platform.atlos.org/incidents/not-a-slug-at-all',
    'ftp://platform.atlos.org/incidents/ABC123',
  ])('rejects %j', (input) => {
    expect(parseIncidentReference(input)).toBeNull();
  });
});
