import { describe, expect, it } from 'vitest';
import { snapshotDocument } from './snapshot';

const options = { maxInlineBytes: 1000, maxImageBytes: 600, capturedAt: '2026-11-27T14:03:09.500Z' };

describe('snapshotDocument', () => {
  it('is inert, keeps no typed values or passwords, inlines images within budget, and says where it came from', async () => {
    document.head.innerHTML = '<title>Snap</title><style>p { color: red; }</style>';
    document.body.innerHTML = `
      <p onclick="steal()">Hello</p><a href="javascript:alert(1)">x</a>
      <script>window.evil = 1</script><noscript>no</noscript>
      <input id="t" value="served"><input id="pw" type="password" value="servedpw"><textarea id="n">served notes</textarea>
      <img id="small" src="https://img.test/small.png"><img id="big" src="https://img.test/big.png">`;
    (document.getElementById('t') as HTMLInputElement).value = 'typed secret';
    (document.getElementById('n') as HTMLTextAreaElement).value = 'typed notes';
    const fetches: string[] = [];
    const fakeFetch = (async (url: string) => {
      fetches.push(url);
      const size = url.includes('big') ? 800 : 3;
      return new Response(new Uint8Array(size).fill(65), { headers: { 'content-type': 'image/png' } });
    }) as unknown as typeof fetch;

    const html = await snapshotDocument(document, options, fakeFetch);

    expect(html.startsWith('<!DOCTYPE html>\n<!-- Saved by Atlos Capture from ')).toBe(true);
    expect(html).toContain('at 2026-11-27T14:03:09.500Z -->');
    expect(html).toContain('<p>Hello</p>');
    expect(html).not.toMatch(/onclick|<script|javascript:|<noscript/);
    expect(html).not.toContain('typed secret');
    expect(html).not.toContain('typed notes');
    expect(html).not.toContain('servedpw');
    expect(html).toContain('value="served"');
    expect(html).toContain('src="data:image/png;base64,QUFB"'); // the small image, inlined
    expect(html).toContain('src="https://img.test/big.png"'); // over the per-image bound: left as a link
    expect(html).toMatch(/<base href="[^"]+">/);
    expect(html).toContain('color: red');
    expect(fetches).toEqual(['https://img.test/small.png', 'https://img.test/big.png']);
    // The live page is untouched.
    expect(document.querySelector('script')).not.toBeNull();
    expect((document.getElementById('t') as HTMLInputElement).value).toBe('typed secret');
  });
});
