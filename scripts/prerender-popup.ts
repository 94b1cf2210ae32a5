/**
 * Build step: `popup.html` carries its form prerendered (entrypoints/popup/render-shell.tsx, the
 * same App the page hydrates), in English, with the map from each English string to its message
 * key so popup-prepaint.js can translate it before the first paint; and the classic script
 * `popup-prepaint.js` itself (entrypoints/popup/prepaint-main.ts), which runs before first paint.
 * A Vite plugin, added in wxt.config.ts.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateChromeMessages, parseMessagesText } from '@wxt-dev/i18n/build';
import { tsImport } from 'tsx/esm/api';
import { build, type Plugin, type Rollup } from 'vite';
import { APP_MODULES_ID } from '../entrypoints/popup/prepaint';
import { PREPAINT_SCRIPT } from '../lib/popup-shell/served-document';

const APP_DIV = '<div id="app"></div>';

/** Renders the popup's form with English messages; returns its HTML and the messages it used. */
export async function prerenderPopup(root: string): Promise<{ html: string; messages: Record<string, string> }> {
  const english = generateChromeMessages(parseMessagesText(readFileSync(join(root, 'locales/en.yml'), 'utf8'), 'YAML'));
  const messages: Record<string, string> = {};
  const getMessage = (key: string, subs?: string[]) => {
    if (key === '@@bidi_dir') return 'ltr';
    if (key === '@@ui_locale') return 'en';
    let text = english[key]?.message ?? '';
    if (subs?.length)
      subs.forEach((sub, i) => {
        text = text.replaceAll(`$${i + 1}`, sub);
      });
    else if (text) messages[text] = key;
    return text;
  };
  // `@wxt-dev/browser` picks `chrome` when there is no extension `browser` (it is read on import).
  // Storage items defined by imported modules read their value at once: that read never answers.
  const global = globalThis as { chrome?: unknown };
  const previous = global.chrome;
  const pending = () => new Promise(() => undefined);
  const area = { get: pending, set: pending, remove: pending, onChanged: { addListener() {}, removeListener() {} } };
  global.chrome = {
    i18n: { getMessage },
    runtime: {},
    storage: { local: area, session: area, sync: area, managed: area, onChanged: area.onChanged },
  };
  try {
    const module = (await tsImport(
      join(root, 'entrypoints/popup/render-shell.tsx'),
      import.meta.url,
    )) as typeof import('../entrypoints/popup/render-shell');
    const { EMPTY_START } = (await tsImport(
      join(root, 'entrypoints/popup/shell.ts'),
      import.meta.url,
    )) as typeof import('../entrypoints/popup/shell');
    return { html: module.renderShell(EMPTY_START), messages };
  } finally {
    global.chrome = previous;
  }
}

/** popup-prepaint.js: prepaint-main.ts as one small classic script (an IIFE, no module, no wrapper). */
export async function bundlePrepaint(root: string): Promise<string> {
  const result = (await build({
    configFile: false,
    logLevel: 'silent',
    root,
    build: {
      write: false,
      minify: true,
      lib: { entry: join(root, 'entrypoints/popup/prepaint-main.ts'), formats: ['iife'], name: 'atlosPopupPrepaint' },
    },
  })) as Rollup.RollupOutput[] | Rollup.RollupOutput;
  const [output] = Array.isArray(result) ? result : [result];
  const chunk = output!.output.find((file) => file.type === 'chunk');
  if (!chunk) throw new Error('popup-prepaint.js: the bundle has no code');
  return chunk.code;
}

const attribute = (value: string) => value.replaceAll('&', '&amp;').replaceAll("'", '&#39;');

const isPopup = (filename: string) => /entrypoints\/popup\/index\.html$/.test(filename);

/**
 * Nothing may hold up the pre-paint script: its stylesheet is inlined (a classic script waits for
 * pending stylesheets, https://html.spec.whatwg.org/multipage/semantics.html#interactions-of-styling-and-scripting),
 * and the app's module script and its preloads wait, inert in a `<template>`, until the pre-paint
 * script has painted and starts them (entrypoints/popup/prepaint.ts `startApp`): fetched at once,
 * those files would compete with its own fetch. Extension pages may hold inline styles: the
 * default CSP restricts scripts and objects only
 * (https://developer.chrome.com/docs/extensions/reference/manifest/content-security-policy).
 *
 * Rendering waits until the template, after the pre-paint script, is parsed
 * (`<link rel="expect" blocking="render">`,
 * https://html.spec.whatwg.org/multipage/links.html#link-type-expect): otherwise the browser may
 * paint the prerendered form while the script loads, then paint again, and the frame people see
 * first, the one with their recent incidents, comes later. Browsers without it ignore the link.
 */
export function firstPaintOrder(html: string, stylesheets: Map<string, string>): string {
  let out = html.replace(/\s*<link rel="stylesheet"[^>]*href="\/([^"]+)"[^>]*>/g, (link, file: string) => {
    const css = stylesheets.get(file);
    return css === undefined ? link : `\n    <style>${css}</style>`;
  });
  const modules: string[] = [];
  out = out.replace(/\s*<(script type="module"[^>]*><\/script|link rel="modulepreload"[^>]*)>/g, (tag) => {
    modules.push(tag.trim());
    return '';
  });
  if (!modules.length) return out;
  const expect = `<link rel="expect" href="#${APP_MODULES_ID}" blocking="render" />`;
  const inert = `<template id="${APP_MODULES_ID}">${modules.join('')}</template>`;
  return out.replace('</head>', `  ${expect}\n  </head>`).replace(PREPAINT_SCRIPT, `${PREPAINT_SCRIPT}\n    ${inert}`);
}

export function prerenderPopupPlugin(root: string): Plugin[] {
  return [
    prerenderPlugin(root),
    {
      name: 'atlos:popup-first-paint-order',
      transformIndexHtml: {
        order: 'post',
        handler(html, context) {
          if (!isPopup(context.filename) || !context.bundle) return html;
          const stylesheets = new Map<string, string>();
          for (const file of Object.values(context.bundle)) {
            if (file.type === 'asset' && file.fileName.endsWith('.css'))
              stylesheets.set(file.fileName, String(file.source));
          }
          // Names the code that renders the form: HTML saved by other code is not painted
          // (entrypoints/popup/shell.ts). A hash, not a time, so that builds stay reproducible.
          const code = Object.values(context.bundle)
            .filter((file) => file.type === 'chunk')
            .map((file) => `${file.fileName}\n${file.code}`)
            .sort();
          const build = createHash('sha256').update(code.join('\n')).digest('hex').slice(0, 16);
          return firstPaintOrder(html.replace('<div id="app"', `<div id="app" data-build="${build}"`), stylesheets);
        },
      },
    },
  ];
}

function prerenderPlugin(root: string): Plugin {
  let popupInThisBuild = false;
  return {
    name: 'atlos:prerender-popup',
    async generateBundle() {
      if (!popupInThisBuild) return;
      this.emitFile({ type: 'asset', fileName: 'popup-prepaint.js', source: await bundlePrepaint(root) });
    },
    transformIndexHtml: {
      order: 'pre',
      async handler(html, context) {
        if (!isPopup(context.filename)) return html;
        popupInThisBuild = true;
        if (!html.includes(APP_DIV)) throw new Error(`entrypoints/popup/index.html must contain ${APP_DIV}`);
        const shell = await prerenderPopup(root);
        const app =
          `<div id="app" data-messages='${attribute(JSON.stringify(shell.messages))}'>${shell.html}</div>` +
          `\n    ${PREPAINT_SCRIPT}`;
        return html.replace(APP_DIV, app);
      },
    },
  };
}
