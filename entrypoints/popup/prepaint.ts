/**
 * Runs before the popup's first paint, from a classic script at the end of `popup.html`'s body
 * (MV3 pages allow no inline script; https://developer.chrome.com/docs/extensions/reference/manifest/content-security-policy).
 * Synchronous and small: sets the page direction and language, then either paints the form the
 * last opening saved (shell.ts: recent and pinned incidents, last-used choices) or translates the
 * prerendered English form in place. The app then hydrates whichever is there.
 */
import { readSavedShell } from './shell';

type GetMessage = (key: string) => string;

/** English text → message key, for the strings of the prerendered form (written by the build). */
export type ShellMessages = Record<string, string>;

export function prepaint(doc: Document, store: Pick<Storage, 'getItem'>, getMessage: GetMessage): void {
  const locale = getMessage('@@ui_locale');
  doc.documentElement.dir = getMessage('@@bidi_dir') || 'ltr';
  doc.documentElement.lang = locale.replace('_', '-');
  const root = doc.getElementById('app');
  if (!root) return;
  const saved = readSavedShell(store, locale, root.dataset.build ?? '');
  if (saved) {
    // Markup this extension's own popup rendered (save-shell.tsx); only its pages can write there.
    // Parsed in an inert document (nothing in it runs), then moved in.
    const parsed = new DOMParser().parseFromString(saved.html, 'text/html');
    root.replaceChildren(...parsed.body.childNodes);
    root.dataset.shell = 'saved';
    return;
  }
  root.dataset.shell = 'prerendered';
  if (!locale.startsWith('en')) translate(root, JSON.parse(root.dataset.messages ?? '{}') as ShellMessages, getMessage);
}

const TRANSLATED_ATTRIBUTES = ['placeholder', 'aria-label', 'title'];

export function translate(root: HTMLElement, messages: ShellMessages, getMessage: GetMessage): void {
  const local = (english: string) => {
    const key = messages[english];
    return key ? getMessage(key) || english : english;
  };
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue ?? '';
    if (messages[text]) node.nodeValue = local(text);
  }
  for (const attribute of TRANSLATED_ATTRIBUTES) {
    for (const element of root.querySelectorAll(`[${attribute}]`)) {
      element.setAttribute(attribute, local(element.getAttribute(attribute)!));
    }
  }
}
