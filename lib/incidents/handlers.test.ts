import { describe, expect, it, vi } from 'vitest';
import { isTrustedSender, UntrustedSenderError } from '../trusted-sender';
import { registerIncidentsHandlers } from './handlers';
import type { IncidentsService } from './service';

type Callback = (message: { sender: unknown; data: unknown }) => Promise<unknown>;

function setup() {
  const callbacks = new Map<string, Callback>();
  const onMessage = vi.fn((name: string, callback: Callback) => {
    callbacks.set(name, callback);
    return () => callbacks.delete(name);
  });
  const searchIncidents = vi.fn(async () => []);
  const service = { searchIncidents, createIncident: vi.fn(async () => ({ ok: true })) } as unknown as IncidentsService;
  const remove = registerIncidentsHandlers({
    onMessage: onMessage as never,
    service,
    trusted: (sender) => isTrustedSender(sender, 'ext', 'chrome-extension://ext/'),
  });
  return { callbacks, searchIncidents, remove };
}

describe('registerIncidentsHandlers', () => {
  it('answers the extension’s own pages', async () => {
    const { callbacks, searchIncidents } = setup();
    await callbacks.get('searchIncidents')!({
      sender: { id: 'ext', url: 'chrome-extension://ext/popup.html' },
      data: { query: 'x' },
    });
    expect(searchIncidents).toHaveBeenCalledWith({ query: 'x' });
  });

  it('refuses content scripts (same id, web page URL) and other extensions', async () => {
    const { callbacks, searchIncidents } = setup();
    const search = callbacks.get('searchIncidents')!;
    await expect(search({ sender: { id: 'ext', url: 'https://evil.example/' }, data: { query: 'x' } })).rejects.toThrow(
      UntrustedSenderError,
    );
    await expect(
      search({ sender: { id: 'other', url: 'chrome-extension://other/popup.html' }, data: { query: 'x' } }),
    ).rejects.toThrow(UntrustedSenderError);
    expect(searchIncidents).not.toHaveBeenCalled();
  });

  it('registers every handler and removes them again', () => {
    const { callbacks, remove } = setup();
    expect([...callbacks.keys()].sort()).toEqual(['createIncident', 'searchIncidents']);
    remove();
    expect(callbacks.size).toBe(0);
  });
});
