/**
 * @vitest-environment-options {"settings": {"handleDisabledFileLoadingAsSuccess": true}}
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterFirstFrame, APP_MODULES_ID, prepaint, startApp } from './prepaint';
import { SHELL_STORAGE_KEY, SHELL_VERSION } from '@/lib/popup-shell/saved-shell';

const AR: Record<string, string> = {
  '@@ui_locale': 'ar',
  '@@bidi_dir': 'rtl',
  popup_incidentLabel: 'الحادثة',
  popup_incidentPlaceholder: 'ابحث',
};
const EN: Record<string, string> = { '@@ui_locale': 'en', '@@bidi_dir': 'ltr' };

function page(): Document {
  document.documentElement.removeAttribute('dir');
  document.body.innerHTML = `<div id="app" data-build="b1" data-messages='{"Incident":"popup_incidentLabel","Search":"popup_incidentPlaceholder"}'><label>Incident</label><input placeholder="Search"><p>Incidental</p></div>`;
  return document;
}
const store = (value: unknown) => ({
  getItem: (key: string) => (key === SHELL_STORAGE_KEY ? JSON.stringify(value) : null),
});
const saved = (locale: string, build = 'b1', dir = 'ltr', language = 'en-US') => ({
  version: SHELL_VERSION,
  locale,
  dir,
  language,
  build,
  start: { boot: null, initial: [], selected: null },
  html: '<main><ul role="listbox"><li role="option">CIV-K7Q2ZP</li></ul></main>',
});

afterEach(() => {
  document.body.innerHTML = '';
  document.head.innerHTML = '';
});

/** Fails the test when called: the saved form must paint without asking chrome.i18n. */
const noMessages = (key: string): string => {
  throw new Error(`chrome.i18n asked for ${key}`);
};

describe('prepaint', () => {
  it('paints the saved opening state for the same browser language, without asking chrome.i18n', () => {
    const doc = page();
    prepaint(doc, store(saved('en')), noMessages, 'en-US');
    expect(doc.querySelectorAll('[role="option"]')).toHaveLength(1);
    expect(doc.getElementById('app')!.dataset.shell).toBe('saved');
    expect([doc.documentElement.dir, doc.documentElement.lang]).toEqual(['ltr', 'en']);
  });

  it('takes direction and language from the saved state', () => {
    const doc = page();
    prepaint(doc, store(saved('ar', 'b1', 'rtl', 'ar')), noMessages, 'ar');
    expect(doc.getElementById('app')!.dataset.shell).toBe('saved');
    expect([doc.documentElement.dir, doc.documentElement.lang]).toEqual(['rtl', 'ar']);
  });

  it('translates the prerendered form in place when nothing fits, and sets direction and language', () => {
    const doc = page();
    prepaint(doc, store(saved('en')), (key) => AR[key] ?? '', 'ar'); // saved in English: not for an Arabic browser
    expect(doc.getElementById('app')!.dataset.shell).toBe('prerendered');
    expect(doc.querySelector('label')!.textContent).toBe('الحادثة');
    expect(doc.querySelector('input')!.placeholder).toBe('ابحث');
    expect(doc.querySelector('p')!.textContent).toBe('Incidental'); // only whole strings of the form
    expect([doc.documentElement.dir, doc.documentElement.lang]).toEqual(['rtl', 'ar']);
  });

  it('leaves a page the service worker served alone: no change, no chrome.i18n, no localStorage', () => {
    const doc = page();
    const app = doc.getElementById('app')!;
    app.dataset.shell = 'served';
    doc.documentElement.dir = 'ltr'; // page() removes it again
    const before = doc.documentElement.outerHTML;
    const getItem = vi.fn(() => JSON.stringify(saved('en')));
    const getMessage = vi.fn((key: string) => AR[key] ?? '');
    prepaint(doc, { getItem }, getMessage, 'en-US');
    expect(doc.documentElement.outerHTML).toBe(before);
    expect(getItem).not.toHaveBeenCalled();
    expect(getMessage).not.toHaveBeenCalled();
  });

  it('keeps the prerendered form when the saved state is unreadable, or from another version or build', () => {
    for (const bad of ['{not json', { ...saved('en'), version: SHELL_VERSION + 1 }, saved('en', 'an older build')]) {
      const doc = page();
      prepaint(doc, typeof bad === 'string' ? { getItem: () => bad } : store(bad), (key) => EN[key] ?? '', 'en-US');
      expect(doc.getElementById('app')!.dataset.shell).toBe('prerendered');
      expect(doc.querySelector('label')!.textContent).toBe('Incident');
    }
  });
});

describe('startApp', () => {
  it('starts the module script and preloads kept inert in the template, once', () => {
    // A document without a window: what is started is not fetched here.
    const doc = document.implementation.createHTMLDocument('popup');
    doc.body.innerHTML =
      `<div id="app"></div><template id="${APP_MODULES_ID}">` +
      '<script type="module" crossorigin src="/chunks/popup.js"></script>' +
      '<link rel="modulepreload" crossorigin href="/chunks/shared.js"></template>';
    expect(doc.querySelectorAll('script, link')).toHaveLength(0); // inert: in the template's content only
    startApp(doc);
    const script = doc.head.querySelector('script')!;
    expect([script.type, script.getAttribute('src'), script.hasAttribute('crossorigin')]).toEqual([
      'module',
      '/chunks/popup.js',
      true,
    ]);
    expect(doc.head.querySelector('link')?.getAttribute('rel')).toBe('modulepreload');
    expect(doc.getElementById(APP_MODULES_ID)).toBeNull();
    startApp(doc);
    expect(doc.head.querySelectorAll('script')).toHaveLength(1);
  });
});

describe('afterFirstFrame', () => {
  it('runs the task once, in a task after the first animation frame', () => {
    vi.useFakeTimers();
    try {
      const frames: FrameRequestCallback[] = [];
      const timers = {
        requestAnimationFrame: (callback: FrameRequestCallback) => frames.push(callback),
        setTimeout: (handler: () => void, ms: number) => setTimeout(handler, ms),
      } as unknown as Pick<Window, 'requestAnimationFrame' | 'setTimeout'>;
      const task = vi.fn();
      afterFirstFrame(timers, task, 250);
      vi.advanceTimersByTime(10);
      expect(task).not.toHaveBeenCalled(); // not before the frame
      frames.shift()!(0);
      expect(task).not.toHaveBeenCalled(); // nor inside it
      vi.advanceTimersByTime(0);
      expect(task).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(500);
      expect(task).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('runs the task after a while when no frame comes (a page not shown)', () => {
    vi.useFakeTimers();
    try {
      const timers = {
        requestAnimationFrame: () => 0,
        setTimeout: (handler: () => void, ms: number) => setTimeout(handler, ms),
      } as unknown as Pick<Window, 'requestAnimationFrame' | 'setTimeout'>;
      const task = vi.fn();
      afterFirstFrame(timers, task, 250);
      vi.advanceTimersByTime(249);
      expect(task).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(task).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
