/**
 * Tokens cannot leak: a script injected into a web page (isolated-world content script and the
 * page's own main world) cannot read a token from any storage or obtain one by messaging the
 * background, and every request that carries a token goes to its own instance only.
 */
import type { Request } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { connectProject } from './helpers/connect.ts';

/** What an attacker's script tries, in whichever world it runs. Returns everything it could read. */
async function attack(extensionId: string): Promise<Record<string, unknown>> {
  const chrome = (globalThis as any).chrome;
  const out: Record<string, unknown> = {};
  const attempt = async (name: string, run: () => Promise<unknown>) => {
    try {
      out[name] = await run();
    } catch (error) {
      out[name] = `threw: ${String(error)}`;
    }
  };
  await attempt('storage.local', () => chrome.storage.local.get(null));
  await attempt('storage.sync', () => chrome.storage.sync.get(null));
  await attempt('storage.session', () => chrome.storage.session.get(null));
  await attempt('indexedDB.databases', () => indexedDB.databases());
  await attempt(
    'indexedDB.vault',
    () =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open('atlos-vault');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const names = [...db.objectStoreNames];
          if (!names.includes('tokens')) return resolve({ stores: names });
          const all = db.transaction('tokens').objectStore('tokens').getAll();
          all.onsuccess = () => resolve(all.result);
          all.onerror = () => reject(all.error);
        };
      }),
  );
  // Forged messages in @webext-core/messaging's format, as if sent by the options page.
  const forged = (type: string, data: unknown) => ({ id: 1, type, data, timestamp: Date.now() });
  const send = (message: unknown) =>
    chrome.runtime.id ? chrome.runtime.sendMessage(message) : chrome.runtime.sendMessage(extensionId, message);
  await attempt('message.listConnections', () => send(forged('listConnections', undefined)));
  await attempt('message.connect', () => send(forged('connect', { baseUrl: 'https://evil.example', token: 'x' })));
  await attempt('message.replaceToken', () => send(forged('replaceToken', { connectionId: 'any', token: 'x' })));
  return out;
}

test('a script injected into a web page cannot obtain a token', async ({
  context,
  worker,
  extensionId,
  openOptions,
  standin,
  fixtureServer,
  tabIdOf,
}) => {
  const options = await openOptions();
  await connectProject(options, { url: standin.url, token: standin.tokens.civEdit });
  await connectProject(options, { url: standin.url, token: standin.tokens.brdEdit });
  const secrets = [standin.tokens.civEdit, standin.tokens.brdEdit];

  const page = await context.newPage();
  await page.goto(`${fixtureServer.url}/article.html`);
  const tabId = await tabIdOf(page);

  // 1. A content script (isolated world: the extension's APIs, the page's origin and process).
  const [isolated] = await worker.evaluate(
    async ({ tabId, fn, extensionId }) => {
      const attackFn = new Function(`return (${fn})`)();
      return (globalThis as any).chrome.scripting.executeScript({
        target: { tabId },
        func: attackFn,
        args: [extensionId],
      });
    },
    { tabId, fn: attack.toString(), extensionId },
  );
  const fromContentScript = (isolated as { result: Record<string, unknown> }).result;

  // 2. The web page's own script (main world).
  const fromPage = await page.evaluate(async ({ fn, extensionId }) => new Function(`return (${fn})`)()(extensionId), {
    fn: attack.toString(),
    extensionId,
  });

  for (const [world, result] of [
    ['content script', fromContentScript],
    ['page', fromPage],
  ] as const) {
    const text = JSON.stringify(result);
    for (const token of secrets) {
      expect(text, `${world} read a token`).not.toContain(token);
      expect(text, `${world} read part of a token`).not.toContain(token.slice(0, 16));
    }
  }
  // The isolated world tried for real: storage.local is closed to it, messages are refused.
  expect(String(fromContentScript['storage.local'])).toMatch(/threw: .*not allowed/i);
  expect(JSON.stringify(fromContentScript['message.listConnections'])).toContain(
    'Refused: not sent by an extension page',
  );
  expect(JSON.stringify(fromContentScript['message.connect'])).toContain('Refused');
  // No database of the extension is visible from the page's origin (a fresh empty one at most).
  expect(JSON.stringify(fromContentScript['indexedDB.vault'])).toBe('{"stores":[]}');
  // The page cannot even reach the extension.
  expect(String(fromPage['message.listConnections'])).toMatch(/^threw:/);

  // The connections are intact after the forged messages.
  await options.reload();
  await expect(options.getByRole('group', { name: /·/ })).toHaveCount(2);
});

test('requests carrying a token go only to their own instance', async ({
  context,
  openOptions,
  standin,
  fixtureServer,
}) => {
  const withToken: { url: string; auth: string }[] = [];
  const everything: Request[] = [];
  const record = async (request: Request) => {
    everything.push(request);
    const headers = await request.allHeaders();
    const auth = headers.authorization;
    if (auth) withToken.push({ url: request.url(), auth });
    // Nowhere else may a token hide: not in the URL, not in a body sent to another origin.
    const body = request.postData() ?? '';
    for (const token of [standin.tokens.civEdit, standin.tokens.brdEdit]) {
      if ((request.url().includes(token) || body.includes(token)) && new URL(request.url()).origin !== standin.url) {
        withToken.push({ url: request.url(), auth: 'token in url or body' });
      }
    }
  };
  context.on('request', (request) => void record(request));

  const options = await openOptions();
  await connectProject(options, { url: standin.url, token: standin.tokens.civEdit });
  await connectProject(options, { url: standin.url, token: standin.tokens.brdEdit });
  // Replacing a token with itself re-validates it: more requests with tokens.
  const civ = options.getByRole('group', { name: new RegExp(standin.projects.civ.name) });
  await civ.getByRole('button', { name: 'Replace token' }).click();
  await civ.getByLabel('New API token').fill(standin.tokens.civEdit);
  await civ.getByRole('button', { name: 'Save token' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Token replaced' })).toBeVisible();

  // Browsing other sites meanwhile sends them nothing of ours.
  const page = await context.newPage();
  await page.goto(`${fixtureServer.url}/article.html`);
  await page.waitForLoadState('networkidle');

  // The worker's requests are seen (proving this check can fail), and each went to the instance.
  await expect.poll(() => withToken.length).toBeGreaterThanOrEqual(6);
  for (const { url, auth } of withToken) {
    expect(new URL(url).origin, `token sent to ${url}`).toBe(standin.url);
    expect([`Bearer ${standin.tokens.civEdit}`, `Bearer ${standin.tokens.brdEdit}`]).toContain(auth);
  }
  // The servers agree: the instance saw only its tokens, the other site saw no Authorization header at all.
  expect(
    standin.control.requests().every((r) => r.authorization === null || r.authorization.startsWith('Bearer ')),
  ).toBe(true);
  expect(fixtureServer.requests.length).toBeGreaterThan(0);
  expect(fixtureServer.requests.filter((r) => r.headers.authorization !== undefined)).toEqual([]);
  expect(everything.length).toBeGreaterThan(withToken.length);
});
