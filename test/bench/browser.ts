/**
 * Real Chromium with the built extension (docs/browser-facts.md §6 flags), the way the e2e tests
 * start it, plus a raw CDP connection to the browser for what Playwright does not expose for a
 * service worker (heap usage).
 */
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from './figures.ts';
import { ACCEPTED_ALL, grantInProfile, unpackedExtensionId } from '../e2e/helpers/profile.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  userDataDir: string;
  /** ws:// address of the browser's DevTools endpoint (for raw CDP). */
  cdpUrl: string;
  close(): Promise<void>;
}

export async function launchWithExtension(extDir: string): Promise<ExtensionBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'atlos-bench-profile-'));
  // The e2e build has the production permissions: install once, then record the prompts as accepted
  // (the state after a person allowed them; test/e2e/helpers/profile.ts), so Connect needs no prompt.
  const install = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`, '--no-first-run'],
  });
  if (!install.serviceWorkers().length) await install.waitForEvent('serviceworker', { timeout: 20_000 });
  await install.close();
  grantInProfile(userDataDir, unpackedExtensionId(extDir), ACCEPTED_ALL);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    args: [
      '--no-sandbox',
      `--disable-extensions-except=${extDir}`,
      `--load-extension=${extDir}`,
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
      '--lang=en-US',
      '--remote-debugging-port=0', // besides Playwright's pipe: raw CDP to the service worker target
    ],
  });
  const isOurs = (w: Worker) => w.url().startsWith('chrome-extension://');
  const worker =
    context.serviceWorkers().find(isOurs) ??
    (await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 20_000 }));
  const [port, path] = readFileSync(join(userDataDir, 'DevToolsActivePort'), 'utf8').trim().split('\n');
  return {
    context,
    worker,
    userDataDir,
    extensionId: new URL(worker.url()).host,
    cdpUrl: `ws://127.0.0.1:${port}${path}`,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The tab id Chrome gave `page` (the popup gets it as `?tabId=`). */
export async function tabIdOf(worker: Worker, page: Page): Promise<number> {
  const url = page.url();
  const id = await worker.evaluate(async (target: string) => {
    const tabs = await (globalThis as any).chrome.tabs.query({});
    return tabs.find((t: { url?: string; id?: number }) => t.url === target)?.id as number | undefined;
  }, url);
  if (id === undefined) throw new Error(`no tab with url ${url}`);
  return id;
}

/** Connects a project through the options page (the connections helper's `connectProject`). */
export async function connectThroughOptions(browser: ExtensionBrowser, url: string, token: string): Promise<string> {
  const helper = await import('../e2e/helpers/connect.ts');
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await helper.connectProject(page as never, { url, token });
  await page.close();
  const stored = await browser.worker.evaluate(() => (globalThis as any).chrome.storage.local.get('connections'));
  const id = (stored as { connections?: { id: string }[] }).connections?.[0]?.id;
  if (!id) throw new Error('connected, but no connection in storage.local `connections`');
  return id;
}

/** Minimal CDP client over the browser WebSocket, with flattened sessions for attached targets. */
export interface CdpClient {
  send<T = any>(method: string, params?: object, sessionId?: string): Promise<T>;
  close(): void;
}

export async function connectCdp(url: string): Promise<CdpClient> {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error(`CDP: cannot connect to ${url}`)), { once: true });
  });
  let next = 0;
  const waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
    const pending = message.id === undefined ? undefined : waiting.get(message.id);
    if (!pending) return;
    waiting.delete(message.id!);
    if (message.error) pending.reject(new Error(`CDP: ${message.error.message}`));
    else pending.resolve(message.result);
  });
  return {
    send: (method, params = {}, sessionId) =>
      new Promise((resolve, reject) => {
        const id = ++next;
        waiting.set(id, { resolve, reject });
        socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
      }),
    close: () => socket.close(),
  };
}

/** Attaches to the extension's service worker target; returns the session id. */
export async function attachToWorker(cdp: CdpClient, extensionId: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const { targetInfos } = await cdp.send<{ targetInfos: { targetId: string; type: string; url: string }[] }>(
      'Target.getTargets',
    );
    const target = targetInfos.find(
      (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
    );
    if (target) {
      const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', {
        targetId: target.targetId,
        flatten: true,
      });
      return sessionId;
    }
    await sleep(250);
  }
  throw new Error('service worker target not found over CDP');
}
