import { describe, expect, it } from 'vitest';
import { inspectTabUrl } from './capturability';

describe('inspectTabUrl', () => {
  it('captures ordinary web pages', () => {
    expect(inspectTabUrl('https://example.org/news/1', false)).toEqual({ capturable: true, urlOnlyPossible: true });
    expect(inspectTabUrl('http://127.0.0.1:8080/', false)).toEqual({ capturable: true, urlOnlyPossible: true });
  });

  it.each([
    'chrome://settings',
    'about:blank',
    'about:preferences',
    'edge://flags',
    'chrome-search://local-ntp',
    'devtools://devtools/x',
  ])('refuses the browser page %s without a URL-only option', (url) => {
    const result = inspectTabUrl(url, true);
    expect(result.capturable).toBe(false);
    expect(result.urlOnlyPossible).toBe(false);
    expect(result.reason).toMatch(/Browser pages/);
  });

  it.each(['chrome-extension://abc/popup.html', 'moz-extension://1234/options.html'])(
    'refuses extension page %s',
    (url) => {
      expect(inspectTabUrl(url, true)).toMatchObject({
        capturable: false,
        urlOnlyPossible: false,
        reason: expect.stringMatching(/extensions/),
      });
    },
  );

  it.each([
    'https://chromewebstore.google.com/detail/x/abc',
    'https://chrome.google.com/webstore/detail/abc',
    'https://addons.mozilla.org/en-US/firefox/addon/x/',
    'https://microsoftedge.microsoft.com/addons/detail/x',
  ])('refuses the add-on store %s but offers URL-only', (url) => {
    expect(inspectTabUrl(url, false)).toMatchObject({
      capturable: false,
      urlOnlyPossible: true,
      reason: expect.stringMatching(/add-on store/),
    });
  });

  it('does not mistake other Google pages for the store', () => {
    expect(inspectTabUrl('https://chrome.google.com/other', false).capturable).toBe(true);
  });

  it('refuses PDFs in the viewer and offers URL-only', () => {
    expect(inspectTabUrl('https://example.org/report.PDF?x=1', false)).toMatchObject({
      capturable: false,
      urlOnlyPossible: true,
      reason: expect.stringMatching(/PDF/),
    });
  });

  it('captures file: only with file access, never URL-only', () => {
    expect(inspectTabUrl('file:///home/me/page.html', false)).toMatchObject({
      capturable: false,
      urlOnlyPossible: false,
      reason: expect.stringMatching(/Allow access to file URLs/),
    });
    expect(inspectTabUrl('file:///home/me/page.html', true)).toEqual({ capturable: true, urlOnlyPossible: false });
  });

  it('refuses view-source but offers URL-only for the page behind it', () => {
    expect(inspectTabUrl('view-source:https://example.org/', false)).toMatchObject({
      capturable: false,
      urlOnlyPossible: true,
      reason: expect.stringMatching(/source view/),
    });
  });

  it('refuses missing or unparsable URLs and data: pages', () => {
    expect(inspectTabUrl(undefined, true)).toMatchObject({ capturable: false, urlOnlyPossible: false });
    expect(inspectTabUrl('not a url', true)).toMatchObject({ capturable: false, urlOnlyPossible: false });
    expect(inspectTabUrl('data:text/html,hi', true)).toMatchObject({ capturable: false, urlOnlyPossible: false });
  });
});

describe('a tab whose address the browser hides', () => {
  it('says the extension cannot see the tab and how to give it access, not that it is no web page', () => {
    const verdict = inspectTabUrl(undefined, true);
    expect(verdict.reason).toMatch(/cannot see this tab/);
    expect(verdict.reason).toMatch(/toolbar button|all sites/);
    expect(verdict.reason).not.toMatch(/not a web page/);
  });
});
