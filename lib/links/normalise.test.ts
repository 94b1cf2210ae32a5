import { describe, expect, it } from 'vitest';
import { linkKey, normaliseLinkUrl, normaliseSelectionLinks } from './normalise';

const page = 'https://news.example/results?q=convoy';

describe('normaliseLinkUrl', () => {
  it('keeps http(s) addresses, absolute and without the fragment', () => {
    expect(normaliseLinkUrl('https://a.example/post/1#comments')).toBe('https://a.example/post/1');
    expect(normaliseLinkUrl('/post/2?x=1#top', page)).toBe('https://news.example/post/2?x=1');
    expect(normaliseLinkUrl('  HTTP://A.EXAMPLE:80/p  ')).toBe('http://a.example/p');
  });

  it('refuses what Atlos cannot archive', () => {
    for (const raw of [
      'javascript:alert(1)',
      ' JavaScript:void(0)',
      'mailto:a@example.org',
      'data:text/html,hi',
      'blob:https://a.example/1',
      'ftp://a.example/f',
      'file:///etc/passwd',
      'about:blank',
      'http://',
      '',
      '#section',
    ])
      expect(normaliseLinkUrl(raw), raw).toBeNull();
  });

  it('resolves a fragment-only link against the page to the page itself', () => {
    expect(normaliseLinkUrl('#section', page)).toBe(page);
  });
});

describe('linkKey', () => {
  it('folds a trailing slash without a query, not the query', () => {
    expect(linkKey('https://a.example/p/')).toBe(linkKey('https://a.example/p'));
    expect(linkKey('https://a.example/p?x=1')).not.toBe(linkKey('https://a.example/p?x=2'));
    expect(linkKey('https://a.example/')).toBe('https://a.example/');
  });
});

describe('normaliseSelectionLinks', () => {
  it('deduplicates by normalised URL, keeping the first text, and numbers the links kept', () => {
    const result = normaliseSelectionLinks({
      pageUrl: page,
      truncated: false,
      links: [
        { href: 'https://a.example/one', text: '  First   post ' },
        { href: 'javascript:void(0)', text: 'Menu' },
        { href: 'https://A.example/one/#c', text: 'First post again' },
        { href: 'https://a.example/two', text: '' },
        { href: 'mailto:x@example.org', text: 'Mail' },
        { href: 'https://a.example:443/one', text: 'Third copy' },
      ],
    });
    expect(result.links).toEqual([
      { url: 'https://a.example/one', text: 'First post', position: 1 },
      { url: 'https://a.example/two', text: '', position: 2 },
    ]);
    expect(result.skipped).toBe(2);
    expect(result.truncated).toBe(false);
    expect(result.pageUrl).toBe(page);
  });

  it('bounds what a hostile page answers', () => {
    const links = Array.from({ length: 1500 }, (_, i) => ({
      href: `https://a.example/p/${i}`,
      text: 'x'.repeat(5000),
    }));
    links.push({ href: `https://a.example/${'y'.repeat(10_000)}`, text: 'long' });
    const result = normaliseSelectionLinks({ pageUrl: page, truncated: false, links });
    expect(result.links).toHaveLength(1000);
    expect(result.links[999]!.position).toBe(1000);
    expect(result.links.every((l) => l.text.length === 300)).toBe(true);
    expect(result.truncated).toBe(true);
  });

  it('leaves out URLs too long to send rather than cutting them', () => {
    const result = normaliseSelectionLinks({
      pageUrl: page,
      truncated: false,
      links: [{ href: `https://a.example/${'y'.repeat(5000)}`, text: 'long' }],
    });
    expect(result.links).toEqual([]);
    expect(result.skipped).toBe(1);
  });

  it('survives malformed answers', () => {
    const hostile = {
      pageUrl: 42,
      truncated: 'yes',
      links: [null, { href: 7, text: {} }, { href: 'https://ok.example/' }],
    };
    const result = normaliseSelectionLinks(hostile as never);
    expect(result.links).toEqual([{ url: 'https://ok.example/', text: '', position: 1 }]);
    expect(result.pageUrl).toBe('');
    expect(result.truncated).toBe(false);
    expect(normaliseSelectionLinks({ links: 'no' } as never).links).toEqual([]);
  });
});
