import { afterEach, describe, expect, it } from 'vitest';
import { prepaint } from './prepaint';
import { SHELL_STORAGE_KEY, SHELL_VERSION } from './shell';

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
const saved = (locale: string, build = 'b1') => ({
  version: SHELL_VERSION,
  locale,
  build,
  start: { boot: null, initial: [], selected: null },
  html: '<main><ul role="listbox"><li role="option">CIV-K7Q2ZP</li></ul></main>',
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('prepaint', () => {
  it('paints the saved opening state for the same locale', () => {
    const doc = page();
    prepaint(doc, store(saved('en')), (key) => EN[key] ?? '');
    expect(doc.querySelectorAll('[role="option"]')).toHaveLength(1);
    expect(doc.getElementById('app')!.dataset.shell).toBe('saved');
    expect(doc.documentElement.dir).toBe('ltr');
  });

  it('translates the prerendered form in place when nothing fits, and sets direction and language', () => {
    const doc = page();
    prepaint(doc, store(saved('en')), (key) => AR[key] ?? ''); // saved in English: not for an Arabic browser
    expect(doc.getElementById('app')!.dataset.shell).toBe('prerendered');
    expect(doc.querySelector('label')!.textContent).toBe('الحادثة');
    expect(doc.querySelector('input')!.placeholder).toBe('ابحث');
    expect(doc.querySelector('p')!.textContent).toBe('Incidental'); // only whole strings of the form
    expect([doc.documentElement.dir, doc.documentElement.lang]).toEqual(['rtl', 'ar']);
  });

  it('keeps the prerendered form when the saved state is unreadable, or from another version or build', () => {
    for (const bad of ['{not json', { ...saved('en'), version: SHELL_VERSION + 1 }, saved('en', 'an older build')]) {
      const doc = page();
      prepaint(doc, typeof bad === 'string' ? { getItem: () => bad } : store(bad), (key) => EN[key] ?? '');
      expect(doc.getElementById('app')!.dataset.shell).toBe('prerendered');
      expect(doc.querySelector('label')!.textContent).toBe('Incident');
    }
  });
});
