/**
 * servedDocument: the page Chrome's service worker serves holds exactly the saved HTML in `#app`
 * (not the prerendered form), the start state it was rendered from (round-tripping through the
 * parser, however it is spelled), the saved language and direction, no render-blocking `expect`
 * link and a deferred pre-paint script; and nothing is served (null) for a shell that does not
 * fit, or a packaged page not laid out as the build writes it. One case runs the real prerender.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstPaintOrder, prerenderPopup } from '../../scripts/prerender-popup';
import { SHELL_VERSION } from './saved-shell';
import { packagedBuild, PREPAINT_SCRIPT, servedDocument } from './served-document';

/** As WXT leaves attribute values (linkedom writes `<` and `>` in them as they are). */
const attribute = (value: string) => value.replaceAll('&', '&amp;').replaceAll("'", '&#39;');

/** popup.html laid out as scripts/prerender-popup.ts writes it, around `appHtml`. */
function packagedPage(appHtml = '<main><h1>Send to Atlos</h1></main>', build: string | null = 'abc123', script = true) {
  const messages = attribute(
    JSON.stringify({ 'Send to Atlos': 'popup_title', 'Say "hi" & go': 'popup_x', 'Settings > <b>': 'popup_y' }),
  );
  return `<!DOCTYPE html>
<html>
  <head>
    <meta charset="utf-8">
    <title>Send to Atlos</title>
    <link rel="expect" href="#popup-modules" blocking="render" />
  </head>
  <body>
    <div id="app"${build ? ` data-build="${build}"` : ''} data-messages='${messages}'>${appHtml}</div>
    ${script ? PREPAINT_SCRIPT : ''}
    <template id="popup-modules"><script type="module" crossorigin src="/chunks/popup.js"></script></template>
  </body>
</html>`;
}

const start = {
  boot: null,
  initial: [{ slug: 'K7Q2ZP', description: 'He said "<b>x</b>" & left $& $\' </div>' }],
  selected: null,
};
const html = '<main class="popup"><div><ul role="listbox"><li role="option">K7Q2ZP</li></ul></div></main>';
const saved = (over: Record<string, unknown> = {}) => ({
  version: SHELL_VERSION,
  locale: 'en',
  dir: 'ltr',
  language: 'en-US',
  build: 'abc123',
  start,
  html,
  ...over,
});

const parse = (page: string) => new DOMParser().parseFromString(page, 'text/html');

describe('servedDocument', () => {
  it('puts the saved HTML in #app instead of the prerendered form, with the start state and locale', () => {
    const page = servedDocument(packagedPage(), saved(), 'en-US')!;
    const app = parse(page).getElementById('app')!;
    expect(app.innerHTML).toBe(html);
    expect(page).not.toContain('<h1>Send to Atlos</h1>');
    expect(app.dataset.shell).toBe('served');
    expect(app.dataset.locale).toBe('en');
    expect(app.dataset.build).toBe('abc123');
    expect(JSON.parse(app.dataset.messages!)).toEqual({
      'Send to Atlos': 'popup_title',
      'Say "hi" & go': 'popup_x',
      'Settings > <b>': 'popup_y',
    });
    expect(JSON.parse(app.dataset.start!)).toEqual(start);
    // The open tag stays one tag: quotes, `<` and `>` of the state are escaped in the attribute.
    const added = page.slice(page.indexOf(' data-shell="served"'), page.indexOf('<main'));
    expect(added.match(/[<>"]/g)).toEqual(['"', '"', '"', '"', '"', '"', '>']);
  });

  it.each([
    ['uk', 'ltr', 'uk'],
    ['ar', 'rtl', 'ar'],
    ['pt_BR', 'ltr', 'pt-BR'],
  ])('sets <html lang dir> for locale %s', (locale, dir, lang) => {
    const page = servedDocument(packagedPage(), saved({ locale, dir }), 'en-US')!;
    expect(page).toContain(`<html lang="${lang}" dir="${dir}">`);
    const doc = parse(page);
    expect([doc.documentElement.lang, doc.documentElement.dir]).toEqual([lang, dir]);
    expect(doc.getElementById('app')!.dataset.locale).toBe(locale);
  });

  it('drops the render-blocking expect link and defers the pre-paint script; keeps the rest', () => {
    const page = servedDocument(packagedPage(), saved(), 'en-US')!;
    const doc = parse(page);
    expect(doc.querySelector('link[rel="expect"]')).toBeNull();
    expect(page).not.toContain('blocking="render"');
    const scripts = [...doc.body.querySelectorAll(':scope > script')];
    expect(scripts.map((s) => [s.getAttribute('src'), s.hasAttribute('defer')])).toEqual([
      ['/popup-prepaint.js', true],
    ]);
    expect(doc.querySelector('template#popup-modules')).not.toBeNull();
    expect(doc.title).toBe('Send to Atlos');
  });

  it('keeps the splice when the saved HTML has closing divs or the pre-paint script as text', () => {
    const tricky = '<div><p>&lt;/div&gt; &lt;script src="/popup-prepaint.js"&gt;&lt;/script&gt;</p></div><div></div>';
    const page = servedDocument(packagedPage(), saved({ html: tricky }), 'en-US')!;
    const doc = parse(page);
    expect(doc.getElementById('app')!.innerHTML).toBe(tricky);
    expect(doc.body.querySelectorAll(':scope > script[defer]')).toHaveLength(1);
  });

  it.each<[string, string, unknown, string]>([
    ['another build', packagedPage(), saved({ build: 'def456' }), 'en-US'],
    ['another browser language', packagedPage(), saved(), 'fr-FR'],
    ['another version', packagedPage(), saved({ version: SHELL_VERSION - 1 }), 'en-US'],
    ['null', packagedPage(), null, 'en-US'],
    ['a string', packagedPage(), JSON.stringify(saved()), 'en-US'],
    ['no html', packagedPage(), saved({ html: undefined }), 'en-US'],
    ['a bad dir', packagedPage(), saved({ dir: 'auto' }), 'en-US'],
    ['no start', packagedPage(), saved({ start: null }), 'en-US'],
    ['a packaged page without data-build', packagedPage(undefined, null), saved(), 'en-US'],
    ['a packaged page without the pre-paint script', packagedPage(undefined, 'abc123', false), saved(), 'en-US'],
  ])('serves nothing for %s', (_, packaged, value, language) => {
    expect(servedDocument(packaged, value, language)).toBeNull();
  });

  it('splices into the page the real prerender writes', async () => {
    const root = process.cwd();
    const shell = await prerenderPopup(root);
    const index = readFileSync(join(root, 'entrypoints/popup/index.html'), 'utf8');
    const app =
      `<div id="app" data-build="0123456789abcdef" data-messages='${attribute(JSON.stringify(shell.messages))}'>` +
      `${shell.html}</div>\n    ${PREPAINT_SCRIPT}`;
    const packaged = firstPaintOrder(index.replace('<div id="app"></div>', app), new Map());
    expect(packagedBuild(packaged)).toBe('0123456789abcdef');
    expect(packaged).toContain('blocking="render"');
    const page = servedDocument(packaged, saved({ build: '0123456789abcdef' }), 'en-US')!;
    const doc = parse(page);
    expect(doc.getElementById('app')!.innerHTML).toBe(html);
    expect(JSON.parse(doc.getElementById('app')!.dataset.start!)).toEqual(start);
    expect(page).not.toContain(shell.html);
    expect(doc.querySelector('link[rel="expect"]')).toBeNull();
    expect(doc.querySelector('script[src="/popup-prepaint.js"]')!.hasAttribute('defer')).toBe(true);
  });
});
