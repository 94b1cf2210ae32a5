import { describe, expect, it } from 'vitest';
import { classifyDuplicates, sameSourceUrl } from './duplicates';
import { option } from './testing/data';

describe('sameSourceUrl', () => {
  it('ignores the fragment, a trailing slash and host case, but not the query', () => {
    expect(sameSourceUrl('https://Example.org/post/1#comments', 'https://example.org/post/1')).toBe(true);
    expect(sameSourceUrl('https://example.org/post/1/', 'https://example.org/post/1')).toBe(true);
    expect(sameSourceUrl('https://example.org:443/a', 'https://example.org/a')).toBe(true);
    expect(sameSourceUrl('https://example.org/watch?v=1', 'https://example.org/watch?v=2')).toBe(false);
    expect(sameSourceUrl('https://example.org/a', 'http://example.org/a')).toBe(false);
    expect(sameSourceUrl('not a url', 'not a url')).toBe(true);
  });
});

describe('classifyDuplicates', () => {
  const url = 'https://example.org/post/1';
  const chosen = option('AAAAAA', 'chosen', { sourceUrls: [] });
  const other = option('BBBBBB', 'other', { sourceUrls: ['https://example.org/post/1#x'] });
  const similar = option('CCCCCC', 'only a longer URL', { sourceUrls: ['https://example.org/post/10'] });

  it('reports other incidents holding the URL, not those that merely contain it as text', () => {
    const report = classifyDuplicates(url, [other, similar], chosen);
    expect(report.inChosen).toBe(false);
    expect(report.elsewhere.map((o) => o.slug)).toEqual(['BBBBBB']);
  });

  it('says when the chosen incident already holds the URL, from its own sources or from the search', () => {
    expect(classifyDuplicates(url, [], { ...chosen, sourceUrls: [url] }).inChosen).toBe(true);
    const found = { ...chosen, sourceUrls: [url] };
    const report = classifyDuplicates(url, [found, other], { connectionId: 'c1', slug: 'AAAAAA' });
    expect(report.inChosen).toBe(true);
    expect(report.elsewhere.map((o) => o.slug)).toEqual(['BBBBBB']);
  });

  it('treats the same slug on another connection as elsewhere', () => {
    const twin = { ...chosen, connectionId: 'c2', sourceUrls: [url] };
    const report = classifyDuplicates(url, [twin], chosen);
    expect(report.inChosen).toBe(false);
    expect(report.elsewhere).toEqual([twin]);
  });

  it('reports nothing without a chosen incident holding it and no matches', () => {
    expect(classifyDuplicates(url, [], null)).toEqual({ url, inChosen: false, elsewhere: [] });
  });
});
