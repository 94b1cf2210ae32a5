import { describe, expect, it } from 'vitest';
import type { CaptureTarget } from './domain/capture-request';
import { chooserUrl, openChooserWindow, parseChooserParams } from './chooser-window';

const POPUP = 'chrome-extension://abc/popup.html';
const target: CaptureTarget = {
  kind: 'selection',
  url: 'https://news.example/a?b=1&c=2#x',
  pageUrl: 'https://news.example/a?b=1&c=2#x',
  selectionText: 'quote & “unquote” 100% + more',
  frameId: 3,
};

describe('chooser window', () => {
  it('opens the popup in a small popup window for the tab and target', async () => {
    const created: unknown[] = [];
    await openChooserWindow({ popupUrl: POPUP, createWindow: async (o) => void created.push(o) }, 12, target);
    expect(created).toEqual([{ url: chooserUrl(POPUP, 12, target), type: 'popup', width: 420, height: 640 }]);
  });

  it('writes tabId and the JSON target so the popup reads back exactly what was clicked', () => {
    const url = new URL(chooserUrl(POPUP, 12, target));
    expect(url.pathname).toBe('/popup.html');
    expect(url.searchParams.get('tabId')).toBe('12');
    expect(JSON.parse(url.searchParams.get('target')!)).toEqual(target);
    expect(parseChooserParams(url.search)).toEqual({ tabId: 12, target });
  });

  it('omits the target when there is none, and reads missing or malformed values as null', () => {
    expect(chooserUrl(POPUP, 5)).toBe(`${POPUP}?tabId=5`);
    expect(parseChooserParams('?tabId=5')).toEqual({ tabId: 5, target: null });
    expect(parseChooserParams('?tabId=x&target=%7Bnot-json')).toEqual({ tabId: null, target: null });
    const wrongKind = encodeURIComponent(JSON.stringify({ ...target, kind: 'tab' }));
    expect(parseChooserParams(`?tabId=1&target=${wrongKind}`).target).toBeNull();
  });
});
