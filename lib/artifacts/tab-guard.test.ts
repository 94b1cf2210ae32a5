import { beforeEach, describe, expect, it } from 'vitest';
import type { InjectionResult, ScriptInjection, TabLike } from './deps';
import { createTabGuard, newCaptureNonce } from './tab-guard';

const START: TabLike = { id: 7, windowId: 3, url: 'https://example.org/a#top', title: 'A', active: true };

function fakeTabs(tab: () => TabLike | null) {
  return {
    tabs: {
      get: async () => {
        const current = tab();
        if (!current) throw new Error('No tab with id: 7.');
        return current;
      },
      update: async () => {},
      captureVisibleTab: async () => '',
    },
    // Runs injected functions against this (happy-dom) page, as the browser would in the tab.
    scripting: {
      executeScript: async (injection: ScriptInjection): Promise<InjectionResult[]> => [
        { frameId: 0, result: await (injection.func as (...a: unknown[]) => unknown)(...(injection.args ?? [])) },
      ],
    },
  };
}

beforeEach(() => {
  delete (globalThis as Record<string, unknown>).__atlosCaptureNonce;
});

describe('createTabGuard', () => {
  it('passes while the tab, window, address (fragment aside) and document stay the same', async () => {
    let tab: TabLike = START;
    const guard = createTabGuard(
      fakeTabs(() => tab),
      7,
      START,
      newCaptureNonce(),
    );
    expect(await guard.mark()).toBe(true);
    tab = { ...START, url: 'https://example.org/a#comments' };
    await expect(guard.check({ needActive: true })).resolves.toBeUndefined();
  });

  it('names what changed: closed, moved, switched away, navigated, another document', async () => {
    let tab: TabLike | null = START;
    const guard = createTabGuard(
      fakeTabs(() => tab),
      7,
      START,
      newCaptureNonce(),
    );
    await guard.mark();
    const failure = async (next: TabLike | null, needActive = true) => {
      tab = next;
      return guard.check({ needActive }).then(
        () => 'passed',
        (error: Error) => error.message,
      );
    };
    expect(await failure(null)).toBe('the tab was closed during the capture');
    expect(await failure({ ...START, windowId: 4 })).toMatch(/moved to another window/);
    expect(await failure({ ...START, active: false })).toMatch(/switched to another tab/);
    expect(await failure({ ...START, active: false }, false)).toBe('passed'); // captureTab does not need it active
    expect(await failure({ ...START, url: 'https://example.org/b' })).toMatch(/went to another address/);
    (globalThis as Record<string, unknown>).__atlosCaptureNonce = {
      nonce: 'someone else',
      root: document.documentElement,
    };
    expect(await failure(START)).toMatch(/replaced its content/);
  });

  it('a page that cannot be scripted is still checked by tab and address', async () => {
    let tab: TabLike = START;
    const deps = fakeTabs(() => tab);
    deps.scripting.executeScript = async () => Promise.reject(new Error('Cannot access contents of the page'));
    const guard = createTabGuard(deps, 7, START, newCaptureNonce());
    expect(await guard.mark()).toBe(false);
    await expect(guard.check({ needActive: true })).resolves.toBeUndefined();
    tab = { ...START, url: 'https://example.org/elsewhere' };
    await expect(guard.check({ needActive: true })).rejects.toThrow(/another address/);
  });
});
