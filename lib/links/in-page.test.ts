import { afterEach, describe, expect, it } from 'vitest';
import { linksInSelection } from './in-page';
import { normaliseSelectionLinks } from './normalise';

function selectContents(element: Element) {
  const range = document.createRange();
  range.selectNodeContents(element);
  const selection = document.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
}

afterEach(() => {
  document.getSelection()?.removeAllRanges();
  document.body.innerHTML = '';
});

describe('linksInSelection (runs in the page)', () => {
  it('reads the links inside the selection only, resolved, in document order', () => {
    document.body.innerHTML = `
      <a id="before" href="/outside">Outside</a>
      <div id="results">
        <a href="/post/1">  Post
          one </a>
        <p>text <a href="https://other.example/x#frag">Other</a></p>
        <a href="javascript:alert(1)">Run</a>
        <a>no href</a>
        <a href="post/3"><img alt="pic"></a>
      </div>
      <a id="after" href="/after">After</a>`;
    selectContents(document.getElementById('results')!);
    const answer = linksInSelection(1000, 300, 4096);
    const base = document.baseURI;
    expect(answer.links).toEqual([
      { href: new URL('/post/1', base).href, text: 'Post one' },
      { href: 'https://other.example/x#frag', text: 'Other' },
      { href: 'javascript:alert(1)', text: 'Run' },
      { href: new URL('post/3', base).href, text: '' },
    ]);
    expect(answer.truncated).toBe(false);
    expect(answer.pageUrl).toBe(location.href);
    // The extension then keeps only the web addresses, without fragments.
    const kept = normaliseSelectionLinks(answer).links.map((l) => l.url);
    expect(kept).toEqual([new URL('/post/1', base).href, 'https://other.example/x', new URL('post/3', base).href]);
  });

  it('counts the link the selection sits inside', () => {
    document.body.innerHTML = '<p><a id="a" href="https://a.example/">A long link text</a></p>';
    const text = document.getElementById('a')!.firstChild!;
    const range = document.createRange();
    range.setStart(text, 2);
    range.setEnd(text, 6);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
    expect(linksInSelection(10, 300, 4096).links).toEqual([{ href: 'https://a.example/', text: 'A long link text' }]);
  });

  it('stops at the bound and says so (1,000 links of 1,200)', () => {
    document.body.innerHTML = `<div id="list">${Array.from(
      { length: 1200 },
      (_, i) => `<a href="https://a.example/p/${i}">Post ${i}</a>`,
    ).join(' ')}</div>`;
    selectContents(document.getElementById('list')!);
    const answer = linksInSelection(1000, 300, 4096);
    expect(answer.links).toHaveLength(1000);
    expect(answer.links[999]!.href).toBe('https://a.example/p/999');
    expect(answer.truncated).toBe(true);
  });

  it('bounds text and URLs the page controls', () => {
    document.body.innerHTML = `<div id="x"><a href="https://a.example/${'p'.repeat(9000)}">${'t'.repeat(9000)}</a></div>`;
    selectContents(document.getElementById('x')!);
    const [link] = linksInSelection(10, 300, 4096).links;
    expect(link!.text).toHaveLength(300);
    expect(link!.href.length).toBeLessThanOrEqual(4096);
  });

  it('answers nothing without a selection, and ignores links inside nested frames', () => {
    expect(linksInSelection(10, 300, 4096).links).toEqual([]);
    document.body.innerHTML = `<div id="x"><a href="https://a.example/top">Top</a>
      <iframe srcdoc="<a href='https://b.example/inner'>Inner</a>"></iframe></div>`;
    selectContents(document.getElementById('x')!);
    expect(linksInSelection(10, 300, 4096).links.map((l) => l.href)).toEqual(['https://a.example/top']);
  });
});
