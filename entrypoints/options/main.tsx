import { i18n } from '#i18n';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { App } from './App';
import { createOptionsApi } from './api';
import './style.css';

// Right-to-left locales flip the whole page; the CSS uses logical properties only.
document.documentElement.dir = i18n.t('@@bidi_dir');
document.documentElement.lang = browser.i18n.getUILanguage();
document.title = i18n.t('options_title');

render(<App api={createOptionsApi()} />, document.getElementById('app')!);
