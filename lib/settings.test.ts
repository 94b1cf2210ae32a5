import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_CAPTURE_DEFAULTS,
  MB,
  captureDefaultsItem,
  getCaptureDefaults,
  namespaceProblem,
  normalizeCaptureDefaults,
  setCaptureDefaults,
} from './settings';

beforeEach(() => fakeBrowser.reset());

describe('capture defaults', () => {
  it('start with everything on, namespace browser_capture, 250 MB and batches of at most 50', async () => {
    expect(await getCaptureDefaults()).toEqual({
      archive: true,
      viewportScreenshot: true,
      fullPageScreenshot: true,
      pageArchive: true,
      originalMedia: true,
      metadataNamespace: 'browser_capture',
      maxMediaBytes: 250 * MB,
      batchSizeCap: 50,
    });
  });

  it('keep the batch size cap between 1 and 200', () => {
    const cap = (batchSizeCap: unknown) => normalizeCaptureDefaults({ batchSizeCap }).batchSizeCap;
    expect([cap(0), cap(12.7), cap(500), cap('20'), cap(Number.NaN)]).toEqual([1, 12, 200, 50, 50]);
  });

  it('are stored in storage.local as version 1', async () => {
    await setCaptureDefaults({ ...DEFAULT_CAPTURE_DEFAULTS, archive: false });
    const stored = await fakeBrowser.storage.local.get(['captureDefaults', 'captureDefaults$']);
    expect(stored.captureDefaults).toMatchObject({ archive: false });
    expect(stored.captureDefaults$).toEqual({ v: 1 });
    expect((await getCaptureDefaults()).archive).toBe(false);
  });

  it('fill fields missing from a value saved before versioning or edited by hand', async () => {
    await fakeBrowser.storage.local.set({
      captureDefaults: { archive: false, metadataNamespace: 'a/b', maxMediaBytes: -3 },
    });
    expect(await getCaptureDefaults()).toEqual({
      ...DEFAULT_CAPTURE_DEFAULTS,
      archive: false,
    });
  });

  it('never store an unusable namespace', async () => {
    await setCaptureDefaults({ ...DEFAULT_CAPTURE_DEFAULTS, metadataNamespace: 'page_info' });
    expect((await captureDefaultsItem.getValue()).metadataNamespace).toBe('browser_capture');
    expect(normalizeCaptureDefaults(null)).toEqual(DEFAULT_CAPTURE_DEFAULTS);
  });
});

describe('namespaceProblem', () => {
  it('accepts ordinary names', () => {
    expect(namespaceProblem('browser_capture')).toBeNull();
    expect(namespaceProblem('team-a capture')).toBeNull();
  });
  it('names what is wrong', () => {
    expect(namespaceProblem('  ')).toBe('empty');
    expect(namespaceProblem('a/b')).toBe('slash');
    expect(namespaceProblem('x'.repeat(101))).toBe('too_long');
    for (const key of [
      'auto_archive_successful',
      'crawl_successful',
      'page_info',
      'content_info',
      'is_likely_authwalled',
    ]) {
      expect(namespaceProblem(key)).toBe('reserved');
    }
  });
});
