/** `popup-prepaint.js`: the popup's first frame before its app loads (see popup/prepaint.ts). */
import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { prepaint } from './popup/prepaint';

export default defineUnlistedScript(() => {
  prepaint(document, localStorage, (key) => browser.i18n.getMessage(key as never));
});
