import { describe, expect, it } from 'vitest';
import { askForPageCaptureInClick, hasPageCapture } from './page-capture-permission';
import { fakePermissions } from './testing/fakes';

describe('asking for pageCapture in the Capture click', () => {
  it('asks synchronously (inside the gesture) when the capture saves an archive in Chrome', async () => {
    const permissions = fakePermissions([], true);
    const answer = askForPageCaptureInClick({ permissions: () => permissions, isFirefox: false, wantsArchive: true });
    expect(permissions.requests).toEqual([{ permissions: ['pageCapture'] }]); // before any await
    expect(await answer).toBe(true);
    expect(await hasPageCapture(permissions)).toBe(true);
  });

  it('reports a declined prompt as false and leaves the permission missing', async () => {
    const permissions = fakePermissions([], false);
    expect(
      await askForPageCaptureInClick({ permissions: () => permissions, isFirefox: false, wantsArchive: true }),
    ).toBe(false);
    expect(await hasPageCapture(permissions)).toBe(false);
  });

  it('does not ask in Firefox (no pageCapture there) or when no archive is wanted', async () => {
    const permissions = fakePermissions([], true);
    expect(
      await askForPageCaptureInClick({ permissions: () => permissions, isFirefox: true, wantsArchive: true }),
    ).toBe(false);
    expect(
      await askForPageCaptureInClick({ permissions: () => permissions, isFirefox: false, wantsArchive: false }),
    ).toBe(false);
    expect(permissions.requests).toEqual([]);
  });

  it('never throws when the browser has no permissions API', async () => {
    const missing = () => {
      throw new Error('permissions is not implemented');
    };
    expect(await askForPageCaptureInClick({ permissions: missing, isFirefox: false, wantsArchive: true })).toBe(false);
  });

  it('never rejects, even when the browser throws or rejects', async () => {
    const throwing = {
      ...fakePermissions(),
      request: () => {
        throw new Error('no gesture');
      },
    };
    expect(await askForPageCaptureInClick({ permissions: () => throwing, isFirefox: false, wantsArchive: true })).toBe(
      false,
    );
    const rejecting = { ...fakePermissions(), request: () => Promise.reject(new Error('refused')) };
    expect(await askForPageCaptureInClick({ permissions: () => rejecting, isFirefox: false, wantsArchive: true })).toBe(
      false,
    );
  });
});
