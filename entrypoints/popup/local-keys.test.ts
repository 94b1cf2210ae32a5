import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { connectionsItem } from '@/lib/connections/store';
import { pinnedIncidentsItem } from '@/lib/incidents/pinned';
import { recentIncidentsItem } from '@/lib/incidents/recent';
import { captureDefaultsItem } from '@/lib/settings';
import { POPUP_STORAGE_KEYS, readPopupData, saveChoices, updatePinned, type LocalArea } from './local-keys';

const area = () => fakeBrowser.storage.local as unknown as LocalArea;
const option = (slug: string) => ({
  connectionId: 'c1',
  projectCode: 'CIV',
  projectName: 'Civilian harm',
  slug,
  description: `Incident ${slug}`,
  status: null,
  incidentUrl: `https://atlos.example/incidents/${slug}`,
});

beforeEach(() => fakeBrowser.reset());

describe('popup storage keys', () => {
  it('are the keys of the items that own the data, with their fallbacks', async () => {
    expect(POPUP_STORAGE_KEYS.connections).toBe(connectionsItem.key);
    expect(POPUP_STORAGE_KEYS.recent).toBe(recentIncidentsItem.key);
    expect(POPUP_STORAGE_KEYS.pinned).toBe(pinnedIncidentsItem.key);
    expect(POPUP_STORAGE_KEYS.captureDefaults).toBe(captureDefaultsItem.key);
    const empty = await readPopupData(area());
    expect([empty.connections, empty.recent, empty.pinned]).toEqual([
      connectionsItem.fallback,
      recentIncidentsItem.fallback,
      pinnedIncidentsItem.fallback,
    ]);
    expect(empty.choices).toBeNull();
  });

  it('reads what the items wrote, and the items read what the popup writes', async () => {
    const recent = [{ connectionId: 'c1', slug: 'K7Q2ZP', usedAt: '2026-11-27T10:00:00.000Z' }];
    await recentIncidentsItem.setValue(recent);
    await pinnedIncidentsItem.setValue([option('AAAAAA')]);
    const read = await readPopupData(area());
    expect(read.recent).toEqual(recent);
    expect(read.pinned).toEqual([option('AAAAAA')]);

    const next = await updatePinned(area(), (list) => [option('BBBBBB'), ...list]);
    expect(next.map((o) => o.slug)).toEqual(['BBBBBB', 'AAAAAA']);
    expect(await pinnedIncidentsItem.getValue()).toEqual(next);

    const choices = { archive: false, viewportScreenshot: true, fullPageScreenshot: true };
    await saveChoices(area(), choices);
    expect((await readPopupData(area())).choices).toEqual(choices);
  });
});
