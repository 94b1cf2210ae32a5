import { i18n } from '#i18n';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createKeyStore } from '@/lib/custody/key-store';
import { downloader } from '@/lib/custody/verify-atlos';
import { sendMessage } from '@/lib/messaging';
import type { TimestampSignatureChecker } from '@/lib/custody/timestamp-signature';
import { App } from './App';
import '../options/style.css';
import './verify.css';

document.documentElement.dir = i18n.t('@@bidi_dir');
document.documentElement.lang = browser.i18n.getUILanguage();
document.title = i18n.t('verify_title');

const params = new URLSearchParams(location.search);
const keys = createKeyStore();
// The timestamp check (the CLI's own) is loaded on this page only, when a capture has a token: its own chunk.
const checkTimestampSignature: TimestampSignatureChecker = async (...args) =>
  (await import('@/lib/custody/timestamp-signature')).checkTimestampSignature(...args);

render(
  <App
    connectionId={params.get('connection') ?? ''}
    sourceMaterialId={params.get('sm') ?? ''}
    deps={{
      sourceMaterial: (connectionId, sourceMaterialId) =>
        sendMessage('custodySourceMaterial', { connectionId, sourceMaterialId }),
      fingerprints: async () => (await keys.publicKeys()).map((k) => k.fingerprint),
      download: downloader((input, init) => fetch(input, init)),
      checkTimestampSignature,
      tsaCertificateArea: browser.storage.local,
    }}
  />,
  document.getElementById('app')!,
);
