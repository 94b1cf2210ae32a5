/**
 * paintedStart: the app hydrates with the state the form on screen was painted from. Served by
 * the service worker: the state in `data-start`, only for the UI locale it was rendered in and
 * only when it reads back as a start state; painted by the pre-paint script: the saved shell in
 * `localStorage`, for this build and locale; prerendered: the empty start state.
 */
import { describe, expect, it, vi } from 'vitest';
import { SHELL_STORAGE_KEY, SHELL_VERSION } from '@/lib/popup-shell/saved-shell';
import { EMPTY_START, paintedStart, type PopupStart } from './shell';

const start = {
  boot: null,
  initial: [{ slug: 'K7Q2ZP', description: 'He said "<b>x</b>" & left' }],
  selected: null,
} as unknown as PopupStart;

function root(attributes: Record<string, string>): HTMLElement {
  const element = document.createElement('div');
  element.id = 'app';
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}
const served = (locale: string, data = JSON.stringify(start)) =>
  root({ 'data-build': 'b1', 'data-shell': 'served', 'data-locale': locale, 'data-start': data });

const saved = (over: Record<string, unknown> = {}) => ({
  version: SHELL_VERSION,
  locale: 'uk',
  dir: 'ltr',
  language: 'uk-UA',
  build: 'b1',
  start,
  html: '<main></main>',
  ...over,
});
const store = (value: unknown) => ({
  getItem: vi.fn((key: string) => (key === SHELL_STORAGE_KEY ? JSON.stringify(value) : null)),
});

describe('paintedStart', () => {
  it('takes a served page’s state from data-start, without reading localStorage', () => {
    const local = store(saved({ start: EMPTY_START }));
    expect(paintedStart(served('uk'), local, 'uk')).toEqual(start);
    expect(local.getItem).not.toHaveBeenCalled();
  });

  it('reads data-start as the parser decodes it from the served page', () => {
    const doc = new DOMParser().parseFromString(
      `<div id="app" data-shell="served" data-locale="en" data-start="${JSON.stringify(start)
        .replaceAll('&', '&amp;')
        .replaceAll('"', '&quot;')}"></div>`,
      'text/html',
    );
    expect(paintedStart(doc.getElementById('app')!, store(null), 'en')).toEqual(start);
  });

  it('renders afresh (null) a served page of another UI locale', () => {
    expect(paintedStart(served('uk'), store(saved()), 'ru')).toBeNull();
  });

  it.each(['{not json', 'null', '"a string"', '{"boot":null}', ''])(
    'renders afresh (null) a served page whose data-start is %j',
    (data) => {
      expect(paintedStart(served('uk', data), store(saved()), 'uk')).toBeNull();
    },
  );

  it('renders afresh (null) a served page without data-start', () => {
    const element = root({ 'data-shell': 'served', 'data-locale': 'uk' });
    expect(paintedStart(element, store(saved()), 'uk')).toBeNull();
  });

  it('takes a page painted from the saved shell’s state from localStorage, for its build and locale', () => {
    const painted = root({ 'data-build': 'b1', 'data-shell': 'saved' });
    expect(paintedStart(painted, store(saved()), 'uk')).toEqual(start);
    expect(paintedStart(painted, store(saved()), 'ru')).toBeNull();
    expect(paintedStart(painted, store(saved({ build: 'b0' })), 'uk')).toBeNull();
    expect(paintedStart(painted, { getItem: () => '{not json' }, 'uk')).toBeNull();
  });

  it('starts a prerendered page from the empty state', () => {
    const local = store(saved());
    expect(paintedStart(root({ 'data-build': 'b1', 'data-shell': 'prerendered' }), local, 'uk')).toBe(EMPTY_START);
    expect(paintedStart(root({ 'data-build': 'b1' }), local, 'uk')).toBe(EMPTY_START);
    expect(local.getItem).not.toHaveBeenCalled();
  });
});
