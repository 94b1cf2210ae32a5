/**
 * Renders the popup's opening state to HTML for the next opening's first frame (shell.ts), with
 * Preact's own `render` into a detached element (no server renderer in the popup's bundle). It is
 * unmounted at once, before any effect runs; the inert API would do nothing anyway.
 */
import { render } from 'preact';
import { App } from './App';
import { inertApi } from './inert-api';
import type { PopupStart } from './shell';

export function shellHtml(start: PopupStart, doc: Document = document): string {
  const root = doc.createElement('div');
  render(<App api={inertApi} start={start} />, root);
  // Live state Preact sets as properties becomes markup, as the parser reads it back.
  for (const input of root.querySelectorAll('input')) {
    if (input.type === 'checkbox') input.toggleAttribute('checked', input.checked);
    else input.setAttribute('value', input.value);
  }
  for (const area of root.querySelectorAll('textarea')) area.textContent = area.value;
  const html = root.innerHTML;
  render(null, root);
  return html;
}
