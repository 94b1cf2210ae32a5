import { i18n } from '#i18n';
import { hydrate, render } from 'preact';
import '@/components/ui.css';
import '@/components/batch.css';
import { createPopupApi } from './api';
import { App } from './App';
import { setLanguage } from './prepaint';
import { EMPTY_START, readSavedShell, readTypedState } from './shell';

// popup-prepaint.js has already painted the form (prerendered, or the HTML the last opening saved)
// and started this script; hydrate it with the state it was rendered from.
const root = document.getElementById('app')!;
const locale = i18n.t('@@ui_locale');
const saved = readSavedShell(localStorage, { build: root.dataset.build ?? '', locale });
if (root.dataset.shell === 'saved' && !saved) {
  // Painted for another UI locale with the same browser language (prepaint.ts): start afresh.
  setLanguage(document, locale, i18n.t('@@bidi_dir') || 'ltr');
  root.replaceChildren();
}
const start = root.dataset.shell === 'saved' && saved ? saved.start : EMPTY_START;
const app = <App api={createPopupApi(window.location)} start={start} typed={readTypedState(root)} />;
// The links of a selection (a chooser window, useBatchUi.ts) lay out another form than the painted one.
const batchChooser = new URLSearchParams(window.location.search).has('links');
if (root.firstElementChild && !batchChooser) hydrate(app, root);
else {
  root.replaceChildren();
  // No prerendered markup (e.g. `wxt dev`), the saved one was not for this locale, or another form.
  render(app, root);
}
