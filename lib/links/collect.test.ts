import { describe, expect, it } from 'vitest';
import { readSelectionLinks, type LinksScripting } from './collect';

describe('readSelectionLinks', () => {
  it('injects into the clicked frame at once and normalises the answer', async () => {
    const injections: unknown[] = [];
    const scripting: LinksScripting = {
      async executeScript(injection) {
        injections.push(injection);
        return [
          {
            result: {
              pageUrl: 'https://n.example/',
              truncated: false,
              links: [
                { href: 'https://a.example/#x', text: 'A' },
                { href: 'javascript:x()', text: 'J' },
              ],
            },
          },
        ];
      },
    };
    const found = await readSelectionLinks(scripting, 5, 2);
    expect(injections).toMatchObject([{ target: { tabId: 5, frameIds: [2] }, injectImmediately: true }]);
    expect(found.links).toEqual([{ url: 'https://a.example/', text: 'A', position: 1 }]);
    expect(found.skipped).toBe(1);
  });

  it('gives up after its time limit with a message a person can read', async () => {
    const scripting: LinksScripting = { executeScript: () => new Promise(() => {}) };
    await expect(readSelectionLinks(scripting, 5, 0, 50)).rejects.toThrow(/Could not read the links/);
  });

  it('says so when the page gives no answer or the browser refuses', async () => {
    await expect(readSelectionLinks({ executeScript: async () => [] }, 5, 0)).rejects.toThrow(
      'Could not read the links in the selection: the page did not answer.',
    );
    const refused: LinksScripting = {
      executeScript: async () => {
        throw new Error('Cannot access contents of the page.');
      },
    };
    await expect(readSelectionLinks(refused, 5, 0)).rejects.toThrow('Cannot access contents of the page.');
  });
});
