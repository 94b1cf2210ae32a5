import { i18n } from '#i18n';
import { hydrate, render } from 'preact';
import '@/components/ui.css';
import '@/components/batch.css';
import { createPopupApi } from './api';
import { App } from './App';
import { EMPTY_START, readSavedShell, readTypedState } from './shell';

// popup-prepaint.js has already set `dir`/`lang` and painted the form (prerendered, or the HTML
// the last opening saved); hydrate it with the state it was rendered from.
const root = document.getElementById('app')!;
const saved = readSavedShell(localStorage, i18n.t('@@ui_locale'), root.dataset.build ?? '');
const start = root.dataset.shell === 'saved' && saved ? saved.start : EMPTY_START;
const app = <App api={createPopupApi(window.location)} start={start} typed={readTypedState(root)} />;
// The links of a selection (a chooser window, useBatchUi.ts) lay out another form than the painted one.
const batchChooser = new URLSearchParams(window.location.search).has('links');
if (root.firstElementChild && !batchChooser) hydrate(app, root);
else {
  root.textContent = '';
  render(app, root); // no prerendered markup (e.g. `wxt dev`), or another form
}
