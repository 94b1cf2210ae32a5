import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  ALL_SITES_ORIGINS,
  allSitesChoiceItem,
  hasAllSitesAccess,
  originPattern,
  requestAllSitesAccess,
  requestInstanceAccess,
} from './permissions';
import { fakePermissions } from './testing/fakes';

beforeEach(() => fakeBrowser.reset());

describe('permissions', () => {
  it('asks for an instance by scheme and host (ports are not part of match patterns in Firefox)', () => {
    expect(originPattern('https://platform.atlos.org')).toBe('https://platform.atlos.org/*');
    expect(originPattern('http://127.0.0.1:4000')).toBe('http://127.0.0.1/*');
  });

  it('requests the instance pattern', async () => {
    const permissions = fakePermissions();
    expect(await requestInstanceAccess(permissions, 'https://gap.atlos.org')).toBe(true);
    expect([...permissions.granted]).toEqual(['https://gap.atlos.org/*']);
  });

  it('remembers the answer to the all-sites offer', async () => {
    const permissions = fakePermissions([], false);
    expect(await allSitesChoiceItem.getValue()).toBe('unasked');
    expect(await requestAllSitesAccess(permissions)).toBe(false);
    expect(await allSitesChoiceItem.getValue()).toBe('declined');
    expect(await hasAllSitesAccess(permissions)).toBe(false);
    permissions.answer = true;
    expect(await requestAllSitesAccess(permissions)).toBe(true);
    expect(await allSitesChoiceItem.getValue()).toBe('granted');
    expect([...permissions.granted]).toEqual(ALL_SITES_ORIGINS);
    expect(await hasAllSitesAccess(permissions)).toBe(true);
  });

  it('offers <all_urls>, the only pattern that lets tabs.captureVisibleTab work without a fresh click', async () => {
    expect(ALL_SITES_ORIGINS).toEqual(['<all_urls>']);
    // Granted http + https patterns (the old offer) are not all sites: the offer is made again.
    expect(await hasAllSitesAccess(fakePermissions(['https://*/*', 'http://*/*']))).toBe(false);
    const permissions = fakePermissions();
    void requestAllSitesAccess(permissions);
    expect(permissions.requests).toEqual([{ origins: ['<all_urls>'] }]);
  });
});
