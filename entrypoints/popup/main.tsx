import { i18n } from '#i18n';
import { hydrate, render } from 'preact';
import '@/components/ui.css';
import '@/components/batch.css';
import { createPopupApi } from './api';
import { App } from './App';
import { setLanguage } from './prepaint';
import { EMPTY_START, paintedStart, readTypedState } from './shell';

// The form is on screen (prerendered, or the last opening's, served or painted: shell.ts) and
// popup-prepaint.js started this script; hydrate it with the state it was rendered from.
const root = document.getElementById('app')!;
const locale = i18n.t('@@ui_locale');
const painted = paintedStart(root, localStorage, locale);
if (!painted) {
  // Painted for another UI locale with the same browser language: start afresh.
  setLanguage(document, locale, i18n.t('@@bidi_dir') || 'ltr');
  root.replaceChildren();
}
const start = painted ?? EMPTY_START;
const app = <App api={createPopupApi(window.location)} start={start} typed={readTypedState(root)} />;
// The links of a selection (a chooser window, useBatchUi.ts) lay out another form than the painted one.
const batchChooser = new URLSearchParams(window.location.search).has('links');
if (root.firstElementChild && !batchChooser) hydrate(app, root);
else {
  root.replaceChildren();
  // No prerendered markup (e.g. `wxt dev`), the saved one was not for this locale, or another form.
  render(app, root);
}
