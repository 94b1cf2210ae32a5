import { describe, expect, it } from 'vitest';
import { BOUNDS } from './bounds';
import { authorUrl, cleanName, looksLikeUrl, stripMarkup } from './names';

describe('looksLikeUrl', () => {
  it.each([
    'http://www.liberation.fr/auteur/2005-afp',
    'https://example.org',
    '//cdn.example.org/a',
    '/auteur/2005-afp',
    'www.example.org',
    'example.com/jane',
    'mailto:desk@example.org',
  ])('%s is a URL', (value) => expect(looksLikeUrl(value)).toBe(true));

  it.each(['Jane Doe', 'AFP', 'Reuters/AFP', 'J.R.R. Tolkien', 'AC/DC', '肖春芳', 'devindra'])('%s is not', (value) =>
    expect(looksLikeUrl(value)).toBe(false),
  );
});

describe('cleanName', () => {
  it('drops "By" in the languages that print it, the trailer after a separator, and markup', () => {
    expect(cleanName('By JEFFREY GETTLEMAN')).toBe('JEFFREY GETTLEMAN');
    expect(cleanName('Par Sébastien Farcis')).toBe('Sébastien Farcis');
    expect(cleanName('Von Hans Müller | 12.03.2024')).toBe('Hans Müller');
    expect(cleanName('Nicolas Perriault —')).toBe('Nicolas Perriault');
    expect(cleanName('di Mario Rossi')).toBe('Mario Rossi');
    expect(cleanName('<b>Olena</b> <i>Kovalenko</i>')).toBe('Olena Kovalenko');
  });

  it('keeps a lowercase particle that is part of the name', () => {
    expect(cleanName('von der Leyen')).toBe('von der Leyen');
    expect(cleanName('di Stefano')).toBe('di Stefano');
  });

  it('returns null for a URL, for nothing but punctuation, and bounds the length', () => {
    expect(cleanName('http://www.liberation.fr/auteur/2005-afp')).toBeNull();
    expect(cleanName(' — | ')).toBeNull();
    expect(cleanName(null)).toBeNull();
    expect(cleanName('A'.repeat(5_000))!.length).toBe(BOUNDS.name);
  });
});

describe('stripMarkup and authorUrl', () => {
  it('removes tags (even unclosed) and decodes the common entities', () => {
    expect(stripMarkup('a<script>x</script>b &amp; c<img src=x')).toBe('a x b & c ');
  });

  it('makes profile links absolute and refuses other schemes', () => {
    expect(authorUrl('/author/dan-goodin/', 'https://arstechnica.com/a/b')).toBe(
      'https://arstechnica.com/author/dan-goodin/',
    );
    expect(authorUrl('javascript:alert(1)', 'https://example.org/')).toBeNull();
    expect(authorUrl('Jane Doe', 'https://example.org/')).toBeNull();
  });
});
