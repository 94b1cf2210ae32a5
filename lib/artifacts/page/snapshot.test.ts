import { describe, expect, it } from 'vitest';
import { isScriptUrl } from './inert';
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
    expect(html).not.toContain('<base');
    expect(html).toContain(
      `<head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; form-action 'none'"><meta charset="utf-8">`,
    );
    expect(html).toContain('color: red');
    expect(fetches).toEqual(['https://img.test/small.png', 'https://img.test/big.png']);
    // The live page is untouched.
    expect(document.querySelector('script')).not.toBeNull();
    expect((document.getElementById('t') as HTMLInputElement).value).toBe('typed secret');
  });

  it('drops frames, plugins, refresh, SVG animation, the live base, script URLs however spelt, hidden values and editable text', async () => {
    document.head.innerHTML = `<base href="https://live.example/"><meta http-equiv="refresh" content="0; url=https://live.example/"><link rel="preconnect" href="https://live.example">`;
    document.body.innerHTML = `
      <iframe src="https://live.example/frame"></iframe><iframe srcdoc="<p>inner</p>"></iframe><frameset><frame src="x"></frameset>
      <object data="https://live.example/o.swf"><img src="fallback.png"></object><embed src="https://live.example/e.swf">
      <a id="tab" href="java	script:alert(1)">t</a><a id="nl" href=" java
script:alert(2)">n</a><a id="ctl" href="javascript:alert(3)">c</a>
      <a id="rel" href="/story">story</a><a id="frag" href="#top">top</a>
      <svg><a id="svga"><animate attributeName="href" values="javascript:alert(4)"/><set attributeName="href" to="javascript:alert(5)"/><text>x</text></a></svg>
      <form action="https://live.example/post"><input type="hidden" name="csrf" value="tok-123"></form>
      <div contenteditable="true">typed reply to the source</div>`;
    const html = await snapshotDocument(
      document,
      options,
      (async () => new Response('', { status: 404 })) as unknown as typeof fetch,
    );
    expect(html).not.toMatch(
      /<iframe|<frame|srcdoc|<object|<embed|refresh|<base|preconnect|<animate|<set |javascript|tok-123|typed reply/i,
    );
    expect(html).toContain('href="https://live.example/story"');
    expect(html).toContain('href="#top"');
    expect(html).toMatch(/<a id="tab">t<\/a>/);
  });

  it('normalises URLs the way a browser reads them before checking the scheme', () => {
    expect(isScriptUrl('java\tscript:alert(1)')).toBe(true);
    expect(isScriptUrl('  JaVaScRiPt:alert(1)')).toBe(true);
    expect(isScriptUrl('java&#x09;script&colon;alert(1)')).toBe(true);
    expect(isScriptUrl('jav&#97;script:alert(1)')).toBe(true);
    expect(isScriptUrl('\u0000vbscript:msgbox')).toBe(true);
    expect(isScriptUrl('https://example.org/javascript:x')).toBe(false);
    expect(isScriptUrl('/path')).toBe(false);
  });
});
