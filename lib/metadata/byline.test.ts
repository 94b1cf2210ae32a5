import { Window as HappyWindow } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { dateInUrl, findPageByline, findPageDate } from './byline';

function doc(body: string, url = 'https://news.example.org/a') {
  const window = new HappyWindow({ url });
  window.document.write(`<html><body>${body}</body></html>`);
  return window.document as unknown as Document;
}

describe('findPageByline', () => {
  it('reads microdata, rel=author (with its profile link) and byline classes', () => {
    expect(findPageByline(doc('<p itemprop="author" itemscope><span itemprop="name">Dan Goodin</span></p>'))).toEqual({
      name: 'Dan Goodin',
      url: null,
    });
    expect(findPageByline(doc('<p>Story by <a rel="author" href="/author/jane-doe">Jane Doe</a></p>'))).toEqual({
      name: 'Jane Doe',
      url: 'https://news.example.org/author/jane-doe',
    });
    expect(findPageByline(doc('<div class="article-byline">Par Sébastien Farcis</div>'))!.name).toBe(
      'Sébastien Farcis',
    );
  });

  it('takes the name from the author link of a long author box', () => {
    const box =
      '<li itemprop="author"><a href="/journaliste/martin-untersinger/"><img alt=" "></a> ' +
      '<a href="/journaliste/martin-untersinger/" class="gras">Martin Untersinger</a> (avec Damien Leloup et Morgane Tual) ' +
      '<span>Journaliste au Monde</span> <span>Suivre <a href="/journaliste/martin-untersinger/">Aller sur la page de ce journaliste</a> ' +
      '<a href="https://twitter.com/martin_u">Suivre ce journaliste sur twitter</a></span></li>';
    expect(findPageByline(doc(`<p itemprop="author"></p><ul>${box}</ul>`))).toEqual({
      name: 'Martin Untersinger',
      url: 'https://news.example.org/journaliste/martin-untersinger/',
    });
  });

  it('reads a plain "By …" line', () => {
    expect(findPageByline(doc('<h1>Headline</h1><p>By Olena Kovalenko</p><p>Text.</p>'))!.name).toBe('Olena Kovalenko');
  });

  it('skips long author boxes (a biography is not a name) and templates', () => {
    const bio = `<div class="author">${'Jane Doe writes about courts and prisons. '.repeat(10)}</div>`;
    expect(findPageByline(doc(`${bio}<template><p class="byline">By Ghost Writer</p></template>`))).toBeNull();
  });

  it('ignores commenters, related-article rails and page furniture', () => {
    const body =
      '<article><h1>Headline</h1><p>Text.</p></article>' +
      '<aside class="related"><p class="byline">By Other Writer</p></aside>' +
      '<section id="comments"><span class="comment-author-name">Reader One</span><p>By Reader Two</p></section>' +
      '<footer><p class="author">Site Owner</p></footer>';
    expect(findPageByline(doc(body))).toBeNull();
  });

  it('takes a "By" line only when it reads as names', () => {
    expect(findPageByline(doc('<p>By Clicking here you agree to the terms</p>'))).toBeNull();
    expect(findPageByline(doc('<p>By Jane Doe and John von Roe</p>'))!.name).toBe('Jane Doe and John von Roe');
  });

  it('never returns a URL as a name', () => {
    expect(findPageByline(doc('<a rel="author" href="/a">https://news.example.org/author/jane</a>'))).toBeNull();
  });
});

describe('findPageDate and dateInUrl', () => {
  it('reads time[pubdate], datePublished microdata and the byline time', () => {
    expect(findPageDate(doc('<time pubdate datetime="2024-05-01T10:00:00Z">May 1</time>'))).toBe(
      '2024-05-01T10:00:00Z',
    );
    expect(findPageDate(doc('<span itemprop="datePublished" content="2024-05-02">2 May</span>'))).toBe('2024-05-02');
    expect(findPageDate(doc('<p class="byline">Jane <time datetime="2024-05-03">3 May</time></p>'))).toBe('2024-05-03');
    expect(findPageDate(doc('<footer><time datetime="2020-01-01">comment</time></footer>'))).toBeNull();
  });

  it('finds a day in the common permalink forms and rejects impossible days', () => {
    expect(dateInUrl('http://www.washingtonpost.com/world/x/2015/03/18/00202e76_story.html')).toBe('2015-03-18');
    expect(dateInUrl('http://www.france24.com/en/20150512-bangladesh-third-blogger')).toBe('2015-05-12');
    expect(dateInUrl('https://example.org/2015/02/30/x')).toBeNull();
    expect(dateInUrl('https://example.org/product/12345678-x')).toBeNull();
    expect(dateInUrl('not a url')).toBeNull();
  });
});
