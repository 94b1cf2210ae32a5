import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onMessage, removeAllListeners, sendMessage } from '../messaging';
import { registerHandlers } from './handlers';
import { registerConnections } from './register';
import type { ConnectionsService } from './service';

/** The fake browser has no permissions API: give it one with events we can fire. */
function stubPermissions() {
  const removed: (() => void)[] = [];
  const added: (() => void)[] = [];
  Object.assign(fakeBrowser, {
    permissions: {
      contains: vi.fn(async () => false),
      request: vi.fn(async () => false),
      onRemoved: { addListener: (cb: () => void) => removed.push(cb) },
      onAdded: { addListener: (cb: () => void) => added.push(cb) },
    },
  });
  return { removed, added };
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => removeAllListeners());

describe('connection message handlers', () => {
  it('refuse messages that do not come from an extension page (a content script, a forged sender)', async () => {
    const events = stubPermissions();
    const setAccessLevel = vi.fn(async () => undefined);
    Object.assign(fakeBrowser.storage.local, { setAccessLevel });
    registerConnections(fakeBrowser as never, onMessage);
    // The fake browser's sender has no URL, like a message whose origin cannot be trusted.
    await expect(sendMessage('listConnections', undefined)).rejects.toThrow(/not sent by an extension page/);
    await expect(sendMessage('connect', { baseUrl: 'https://platform.atlos.org', token: 'x' })).rejects.toThrow(
      /Refused/,
    );
    expect(setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
    expect(events.removed).toHaveLength(1);
    expect(events.added).toHaveLength(1);
  });

  it('answer trusted senders from the service', async () => {
    const service: ConnectionsService = {
      list: vi.fn(async () => []),
      connect: vi.fn(async () => ({ ok: false as const, error: { kind: 'invalid_token', message: 'no' } })),
      replaceToken: vi.fn(),
      disconnect: vi.fn(async () => undefined),
      recheck: vi.fn(async () => null),
      syncPermissions: vi.fn(),
    };
    const senders: unknown[] = [];
    registerHandlers(service, (sender) => (senders.push(sender), true), onMessage);
    expect(await sendMessage('listConnections', undefined)).toEqual([]);
    expect(await sendMessage('connect', { baseUrl: 'https://a.example', token: 't' })).toEqual({
      ok: false,
      error: { kind: 'invalid_token', message: 'no' },
    });
    await sendMessage('disconnect', { connectionId: 'c' });
    expect(service.disconnect).toHaveBeenCalledWith({ connectionId: 'c' });
    expect(senders).toHaveLength(3);
  });
});
