import { describe, expect, it, vi } from 'vitest';
import {
  handleTrustedMessages,
  isTrustedSender,
  UntrustedSenderError,
  type OnMessage,
  type SenderLike,
} from './trusted-sender';

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

describe('handleTrustedMessages', () => {
  type Listener = (message: { sender: SenderLike; data: unknown }) => Promise<unknown>;
  interface Protocol {
    greet(data: { name: string }): string;
    count(): number;
  }
  function setup() {
    const listeners = new Map<string, Listener>();
    const onMessage = ((name: string, listener: Listener) => {
      listeners.set(name, listener);
      return () => listeners.delete(name);
    }) as unknown as OnMessage<Protocol>;
    const greet = vi.fn(({ name }: { name: string }) => `hello ${name}`);
    const remove = handleTrustedMessages<Protocol>({
      onMessage,
      trusted: (sender) => isTrustedSender(sender, id, base),
      handlers: { greet, count: async () => 3 },
    });
    return { listeners, greet, remove };
  }

  it('answers our own pages with the handler’s value', async () => {
    const { listeners } = setup();
    await expect(
      listeners.get('greet')!({ sender: { id, url: `${base}popup.html` }, data: { name: 'Ana' } }),
    ).resolves.toBe('hello Ana');
    await expect(
      listeners.get('count')!({ sender: { id, url: `${base}options.html` }, data: undefined }),
    ).resolves.toBe(3);
  });

  it('refuses a content script and another extension without calling the handler', async () => {
    const { listeners, greet } = setup();
    const greetListener = listeners.get('greet')!;
    await expect(greetListener({ sender: { id, url: 'https://evil.example/' }, data: { name: 'x' } })).rejects.toThrow(
      UntrustedSenderError,
    );
    await expect(
      greetListener({ sender: { id: 'other', url: `${base}popup.html` }, data: { name: 'x' } }),
    ).rejects.toThrow('Refused: not sent by an extension page.');
    expect(greet).not.toHaveBeenCalled();
  });

  it('removes every listener it added', () => {
    const { listeners, remove } = setup();
    expect([...listeners.keys()].sort()).toEqual(['count', 'greet']);
    remove();
    expect(listeners.size).toBe(0);
  });
});
