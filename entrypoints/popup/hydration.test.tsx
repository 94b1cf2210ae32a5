/**
 * The first frame is the real form, and taking it over keeps what the person already did: the
 * form prerendered (and painted, or served by the worker, with the saved opening state) is hydrated, not replaced, and
 * focus, caret, typed text, the comment and ticked boxes survive hydration and storage answering.
 */
import { cleanup, waitFor } from '@testing-library/preact';
import { hydrate, render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import { renderShell } from './render-shell';
import { shellHtml } from './save-shell';
import { SHELL_VERSION } from '../../lib/popup-shell/saved-shell';
import { servedDocument } from '../../lib/popup-shell/served-document';
import { EMPTY_START, paintedStart, readTypedState, shellStart, type PopupStart } from './shell';
import { choices, connection, fakeApi, lastUsed } from './testing/fake-api';

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

const boot = {
  connections: [connection],
  recent: [],
  pinned: [lastUsed],
  choices: { ...choices, fullPageScreenshot: true },
  extras: { pageArchive: true, originalMedia: true },
};
const saved: PopupStart = shellStart(boot, [lastUsed], lastUsed);

/** As popup-prepaint.js paints: the build's HTML for the empty start, the saved HTML for a saved one. */
function paint(start: PopupStart): HTMLElement {
  const root = document.createElement('div');
  root.id = 'app';
  root.innerHTML = start === EMPTY_START ? renderShell(start) : shellHtml(start);
  document.body.append(root);
  return root;
}

describe('popup hydration', () => {
  it('paints the form with the saved recent incidents and choices, before any app code runs', () => {
    const root = paint(saved);
    const box = root.querySelector<HTMLInputElement>('[role="combobox"]')!;
    expect(root.querySelector('label[for="incident-input"]')?.textContent).toBe('Incident');
    expect(box.value).toBe('CIV-K7Q2ZP · Shelling of the central market');
    expect([...root.querySelectorAll('[role="option"]')].map((o) => o.textContent)).toEqual([
      expect.stringContaining('CIV-K7Q2ZP'),
    ]);
    expect(
      [...root.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].map((c) => [c.name, c.checked]),
    ).toEqual([
      ['archive', true],
      ['viewportScreenshot', true],
      ['fullPageScreenshot', true],
    ]);
    expect(root.innerHTML).not.toContain('abcd'); // no token hint outside extension storage
  });

  it('keeps focus, caret, typed text, the comment and ticked boxes when the app takes over', async () => {
    const root = paint(saved);
    const box = root.querySelector<HTMLInputElement>('[role="combobox"]')!;
    const comment = root.querySelector<HTMLTextAreaElement>('textarea[name="comment"]')!;
    const archive = root.querySelector<HTMLInputElement>('input[name="archive"]')!;
    // The person types into the painted form before the script has run.
    comment.value = 'Seen on the news';
    archive.checked = false;
    box.focus();
    box.value = 'shel';
    box.setSelectionRange(2, 2);

    const { api } = fakeApi();
    hydrate(<App api={api} start={saved} typed={readTypedState(root)} />, root);

    // The same elements, untouched: nothing was re-created or reset.
    expect(root.querySelector('[role="combobox"]')).toBe(box);
    expect(document.activeElement).toBe(box);
    expect(box.value).toBe('shel');
    expect([box.selectionStart, box.selectionEnd]).toEqual([2, 2]);
    // What was typed is searched as if typed now.
    await waitFor(() => expect(box.getAttribute('aria-expanded')).toBe('true'));
    // Storage answers (remembering other choices and the last-used incident): the person's input stays.
    await waitFor(() => expect(api.cachedIncidents).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(box.value).toBe('shel');
    expect([box.selectionStart, box.selectionEnd]).toEqual([2, 2]);
    expect(document.activeElement).toBe(box);
    expect(comment.value).toBe('Seen on the news');
    expect(archive.checked).toBe(false);
    expect(root.querySelector('textarea[name="comment"]')).toBe(comment);
    render(null, root);
  });

  it('hydrates the prerendered empty form and then fills it from storage', async () => {
    const root = paint(EMPTY_START);
    const box = root.querySelector<HTMLInputElement>('[role="combobox"]')!;
    const { api } = fakeApi();
    hydrate(<App api={api} start={EMPTY_START} typed={readTypedState(root)} />, root);
    expect(root.querySelector('[role="combobox"]')).toBe(box);
    await waitFor(() => expect(box.value).toBe('CIV-K7Q2ZP · Shelling of the central market'));
    // Then it keeps the state for the next opening's first frame.
    await waitFor(() => expect(api.saveShell).toHaveBeenCalled());
    const next = vi.mocked(api.saveShell).mock.calls.at(-1)![0];
    expect(next.selected?.slug).toBe('K7Q2ZP');
    expect(next.boot?.connections.every((c) => c.tokenHint === '')).toBe(true);
    render(null, root);
  });

  it('hydrates a page the service worker served with the state it carries, keeping what was typed', async () => {
    const packaged =
      '<!DOCTYPE html><html><head></head><body><div id="app" data-build="b1">' +
      renderShell(EMPTY_START) +
      '</div>\n    <script src="/popup-prepaint.js"></script></body></html>';
    const shell = { version: SHELL_VERSION, build: 'b1', language: 'en-US', locale: 'en', dir: 'ltr' as const };
    const page = servedDocument(packaged, { ...shell, start: saved, html: shellHtml(saved) }, 'en-US')!;
    const served = new DOMParser().parseFromString(page, 'text/html').getElementById('app')!;
    const root = document.importNode(served, true);
    document.body.append(root);
    const box = root.querySelector<HTMLInputElement>('[role="combobox"]')!;
    box.focus();
    box.value = 'mark';
    box.setSelectionRange(4, 4);

    // The state travelled through an HTML attribute and JSON: it must still match the markup.
    const start = paintedStart(root, { getItem: () => null }, 'en')!;
    expect(start).toEqual(saved);
    const { api } = fakeApi();
    hydrate(<App api={api} start={start} typed={readTypedState(root)} />, root);
    expect(root.querySelector('[role="combobox"]')).toBe(box);
    await waitFor(() => expect(api.cachedIncidents).toHaveBeenCalled());
    expect(box.value).toBe('mark');
    expect([box.selectionStart, box.selectionEnd]).toEqual([4, 4]);
    expect(document.activeElement).toBe(box);
    render(null, root);
  });
});
