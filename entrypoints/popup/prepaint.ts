/**
 * Runs before the popup's first paint, from a classic script at the end of `popup.html`'s body
 * (MV3 pages allow no inline script; https://developer.chrome.com/docs/extensions/reference/manifest/content-security-policy).
 * Synchronous and small: unless Chrome's service worker served the page with the last opening
 * already in it (lib/popup-shell/serve-popup.ts), either paints the form the last opening saved (shell.ts: recent and
 * pinned incidents, last-used choices) with its language and direction, or translates the
 * prerendered English form in place. Then it starts the app (`startApp`), which hydrates
 * whichever is there, once the first frame is out. docs/popup-startup.md walks through the path.
 */
import { readSavedShell, SERVED } from '../../lib/popup-shell/saved-shell';

type GetMessage = (key: string) => string;

/** English text → message key, for the strings of the prerendered form (written by the build). */
export type ShellMessages = Record<string, string>;

/** Holds the app's module script and preloads, inert until `startApp` (scripts/prerender-popup.ts). */
export const APP_MODULES_ID = 'popup-modules';

/**
 * `language` is `navigator.language`: the saved form is painted when it matches, without asking
 * `chrome.i18n` (whose first call in a fresh page fetches the extension's messages, on the
 * critical path); `getMessage` is called only for the prerendered form.
 */
export function prepaint(
  doc: Document,
  store: Pick<Storage, 'getItem'>,
  getMessage: GetMessage,
  language: string,
): void {
  const root = doc.getElementById('app');
  // Served by the service worker with the last opening in it (lib/popup-shell/serve-popup.ts).
  if (!root || root.dataset.shell === SERVED) return;
  const saved = readSavedShell(store, { build: root.dataset.build ?? '', language });
  if (saved) {
    setLanguage(doc, saved.locale, saved.dir);
    // Markup this extension's own popup rendered (save-shell.tsx); only its pages can write there.
    // Parsed in an inert document (nothing in it runs), then moved in.
    const parsed = new DOMParser().parseFromString(saved.html, 'text/html');
    root.replaceChildren(...parsed.body.childNodes);
    root.dataset.shell = 'saved';
    return;
  }
  const locale = getMessage('@@ui_locale');
  setLanguage(doc, locale, getMessage('@@bidi_dir') || 'ltr');
  root.dataset.shell = 'prerendered';
  if (!locale.startsWith('en')) translate(root, JSON.parse(root.dataset.messages ?? '{}') as ShellMessages, getMessage);
}

export function setLanguage(doc: Document, locale: string, dir: string): void {
  doc.documentElement.dir = dir;
  doc.documentElement.lang = locale.replace('_', '-');
}

/**
 * Starts the app's module script and its preloads. The build keeps them in an inert `<template>`
 * so that their fetches (several files) do not compete with this script's own, which holds up
 * the first frame; the app only hydrates what is already on screen.
 */
export function startApp(doc: Document): void {
  const template = doc.getElementById(APP_MODULES_ID);
  if (!(template instanceof HTMLTemplateElement)) return;
  for (const inert of [...template.content.children]) {
    // A fresh element: a script cloned from a template would not run.
    const live = doc.createElement(inert.localName);
    for (const { name, value } of inert.attributes) live.setAttribute(name, value);
    doc.head.append(live);
  }
  template.remove();
}

type Timers = Pick<Window, 'requestAnimationFrame' | 'setTimeout'>;

/**
 * Runs `task` once the first frame is out: starting the module scripts takes the main thread for
 * a while (tens of ms on a busy machine, measured with `npm run bench`), which must not delay
 * that frame. A page that is not shown gets no animation frames, hence the timer as well.
 */
export function afterFirstFrame(timers: Timers, task: () => void, latestMs = 250): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    task();
  };
  timers.requestAnimationFrame(() => timers.setTimeout(once, 0));
  timers.setTimeout(once, latestMs);
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
