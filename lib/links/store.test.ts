import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { isLinksKey, readLinks, saveLinks, type SessionArea } from './store';

const area = () => fakeBrowser.storage.session as unknown as SessionArea;
const value = {
  pageUrl: 'https://news.example/',
  tabId: 4,
  links: [{ url: 'https://a.example/', text: 'A', position: 1 }],
  skipped: 0,
  truncated: false,
};

describe('links in storage.session', () => {
  beforeEach(() => fakeBrowser.reset());

  it('saves under a random key and reads it back', async () => {
    const key = await saveLinks(area(), value);
    expect(isLinksKey(key)).toBe(true);
    expect(await readLinks(area(), key)).toMatchObject(value);
    expect(await readLinks(area(), crypto.randomUUID())).toBeNull();
  });

  it('refuses keys that are not its own', async () => {
    expect(await readLinks(area(), '../connections')).toBeNull();
    expect(isLinksKey(null)).toBe(false);
  });

  it('drops lists older than a few hours when saving a new one', async () => {
    const old = await saveLinks(area(), value, new Date('2026-01-01T00:00:00Z'));
    const fresh = await saveLinks(area(), value, new Date('2026-01-01T12:00:00Z'));
    expect(await readLinks(area(), old)).toBeNull();
    expect(await readLinks(area(), fresh)).not.toBeNull();
  });
});
