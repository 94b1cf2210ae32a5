/**
 * popup.html with the last opening already in it: the packaged page (the build's prerendered form)
 * with `#app`'s content replaced by the saved HTML, the page's language and direction set, and the
 * state the HTML was rendered from in `data-start`, for the app to hydrate with. A page that needs
 * no script to show the recent incidents needs nothing to hold its first frame for, so the
 * `<link rel="expect" blocking="render">` the packaged page waits with is left out, and the
 * pre-paint script, which here only starts the app after that frame, is deferred: the parser does
 * not stop for its fetch.
 */
import { fittingShell, SERVED, type SavedShell } from './saved-shell';

/** Written by scripts/prerender-popup.ts right after `#app`; the splice below relies on it. */
export const PREPAINT_SCRIPT = '<script src="/popup-prepaint.js"></script>';
/** `#app`'s open tag: quoted attributes, whose values may hold `>` (WXT writes them unescaped). */
const APP_OPEN_TAG = /<div id="app"(?:\s+[\w-]+=(?:"[^"]*"|'[^']*'))*\s*>/;
const RENDER_BLOCKING_EXPECT = /\s*<link rel="expect"[^>]*>/;

const escapeAttribute = (value: string) =>
  value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The `data-build` of the packaged popup.html, or null when it has none (a dev build). */
export function packagedBuild(packaged: string): string | null {
  return /<div id="app" data-build="([0-9a-f]+)"/.exec(packaged)?.[1] ?? null;
}

/**
 * The page to serve, or null when the saved shell does not fit this build and browser language or
 * the packaged page is not laid out as the build writes it (then the packaged page is served).
 */
export function servedDocument(packaged: string, saved: unknown, language: string): string | null {
  const build = packagedBuild(packaged);
  const shell: SavedShell | null = build ? fittingShell(saved, { build, language }) : null;
  if (!shell) return null;
  const openTag = APP_OPEN_TAG.exec(packaged);
  const htmlTag = /<html[^>]*>/.exec(packaged);
  if (!openTag || !htmlTag) return null;
  const appStart = openTag.index;
  const openEnd = appStart + openTag[0].length;
  const appEnd = packaged.lastIndexOf('</div>', packaged.indexOf(PREPAINT_SCRIPT));
  if (appEnd < openEnd) return null;
  const lang = shell.locale.replace('_', '-');
  const open =
    `${openTag[0].slice(0, -1).trimEnd()} data-shell="${SERVED}" data-locale="${escapeAttribute(shell.locale)}"` +
    ` data-start="${escapeAttribute(JSON.stringify(shell.start))}">`;
  const page = packaged.slice(0, appStart) + open + shell.html + packaged.slice(appEnd);
  return page
    .replace(htmlTag[0], `<html lang="${escapeAttribute(lang)}" dir="${shell.dir}">`)
    .replace(RENDER_BLOCKING_EXPECT, '')
    .replace(PREPAINT_SCRIPT, PREPAINT_SCRIPT.replace('<script ', '<script defer '));
}
