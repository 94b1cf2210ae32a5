import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './trusted-sender';

const id = 'abcdefghijklmnop';
const base = `chrome-extension://${id}/`;

describe('isTrustedSender', () => {
  it('accepts our own pages', () => {
    expect(isTrustedSender({ id, url: `${base}popup.html?tabId=3` }, id, base)).toBe(true);
  });
  it('refuses a content script running in a web page', () => {
    expect(isTrustedSender({ id, url: 'https://evil.example/' }, id, base)).toBe(false);
  });
  it('refuses other extensions and senders without a URL', () => {
    expect(isTrustedSender({ id: 'other', url: `${base}popup.html` }, id, base)).toBe(false);
    expect(isTrustedSender({ id }, id, base)).toBe(false);
  });
  it('refuses a look-alike URL that only starts with our scheme', () => {
    expect(isTrustedSender({ id, url: `chrome-extension://${id}evil/` }, id, base)).toBe(false);
  });
});
