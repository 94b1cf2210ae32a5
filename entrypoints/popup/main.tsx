import { i18n } from '#i18n';
import { render } from 'preact';
import '../../components/ui.css';
import { createPopupApi } from './api';
import { App } from './App';

// Right-to-left locales flip the whole layout; the CSS uses logical properties only.
document.documentElement.dir = i18n.t('@@bidi_dir');
document.documentElement.lang = i18n.t('@@ui_locale').replace('_', '-');
render(<App api={createPopupApi(window.location)} />, document.getElementById('app')!);
