/**
 * `npm start`: the sandbox a newcomer runs first.
 *
 * 1. Starts the local Atlos stand-in with sample data (127.0.0.1:4010) and the fixture pages (127.0.0.1:4020).
 * 2. Builds the extension in `sandbox` mode: the production manifest plus pre-granted access to 127.0.0.1 and
 *    localhost, so connecting to the stand-in needs no permission prompt (wxt.config.ts).
 * 3. With a display: opens Chromium with the extension loaded (profile kept in .sandbox/profile), connects it to
 *    the stand-in with the CIV edit token, and opens a fixture article to capture.
 *    Without a display: says so and prints how to load the build by hand.
 * Everything stops with Ctrl-C (or when the browser window is closed).
 *
 * Env: SANDBOX_PORT (4010), SANDBOX_PAGES_PORT (4020), SANDBOX_INCIDENTS (2000), CHROMIUM_PATH, SANDBOX_NO_BROWSER=1.
 */
import { chromium, type BrowserContext } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStandin, type Standin } from '../standin/server.ts';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import { connectSandbox } from './connect.ts';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const OUT_DIR = resolve(ROOT, process.env.ATLOS_OUT_DIR ?? '.output');
const CHROME_BUILD = join(OUT_DIR, 'chrome-mv3-sandbox');
const FIREFOX_BUILD = join(OUT_DIR, 'firefox-mv3-sandbox');
const PROFILE_DIR = join(ROOT, '.sandbox/profile');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const port = Number(process.env.SANDBOX_PORT ?? 4010);
const pagesPort = Number(process.env.SANDBOX_PAGES_PORT ?? 4020);
const incidents = Number(process.env.SANDBOX_INCIDENTS ?? 2000);

function wxt(args: string[]): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(join(ROOT, 'node_modules/.bin/wxt'), args, {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? ok() : fail(new Error(`wxt ${args.join(' ')} exited with ${code}`))));
  });
}

function printStandin(standin: Standin, pages: FixtureServer): void {
  console.log(`\nAtlos stand-in: ${standin.url}  (API ${standin.url}/api/v2, ${incidents} sample incidents)`);
  console.log(
    `Projects: ${Object.values(standin.projects)
      .map((p) => `${p.code} "${p.name}"`)
      .join(', ')}`,
  );
  console.log('Tokens (paste one into the options page, "API token"):');
  for (const [name, value] of Object.entries(standin.tokens)) {
    const permissions = standin.tokenPermissions[name as keyof typeof standin.tokenPermissions];
    console.log(`  ${name.padEnd(12)} ${value}  ${permissions}`);
  }
  console.log(
    `Sample incidents: ${standin.known.civSlugs
      .slice(0, 5)
      .map((s) => `CIV-${s}`)
      .join(' ')} …`,
  );
  console.log(`Pages to capture: ${pages.url}/article.html (and the rest of test/fixtures/pages/)`);
  console.log(`Stand-in control: ${standin.url}/__standin/state, ${standin.url}/__standin/requests`);
}

function printManualLoad(standin: Standin): void {
  const rel = (p: string) => relative(process.cwd(), p) || '.';
  console.log(`
Load the extension by hand:
  Chromium / Chrome: open chrome://extensions, turn on "Developer mode", "Load unpacked", pick ${rel(CHROME_BUILD)}
  Firefox:           open about:debugging#/runtime/this-firefox, "Load Temporary Add-on…", pick ${rel(join(FIREFOX_BUILD, 'manifest.json'))}
                     (in Firefox, grant the add-on access to 127.0.0.1 when asked)
Then in the extension's settings: Atlos URL = ${standin.url}, API token = ${standin.tokens.civEdit} (civEdit), Connect.`);
}

async function openBrowser(standin: Standin, pages: FixtureServer): Promise<BrowserContext> {
  mkdirSync(PROFILE_DIR, { recursive: true });
  const context = await chromium.launchPersistentContext(PROFILE_DIR, {
    executablePath: CHROMIUM_PATH,
    headless: false,
    viewport: null,
    args: [
      `--disable-extensions-except=${CHROME_BUILD}`,
      `--load-extension=${CHROME_BUILD}`,
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-sync',
      '--window-size=1280,900',
    ],
  });
  const worker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith('chrome-extension://') }));
  const extensionId = new URL(worker.url()).host;
  const article = context.pages()[0] ?? (await context.newPage());
  await article.goto(`${pages.url}/article.html`);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  try {
    const message = await connectSandbox(options, standin);
    console.log(message);
  } catch (error) {
    console.log(`Could not connect automatically (${error instanceof Error ? error.message.split('\n')[0] : error}).`);
    console.log(
      `Connect by hand in the open settings tab: Atlos URL ${standin.url}, API token ${standin.tokens.civEdit}.`,
    );
  }
  await article.bringToFront();
  console.log('\nChromium is open with Atlos Capture loaded: right-click the article, or use the toolbar button.');
  return context;
}

async function main(): Promise<void> {
  const standin = await startStandin({ port, incidents });
  const pages = await startFixtureServer({ port: pagesPort });
  let context: BrowserContext | null = null;
  let stopping = false;
  const stop = async (code = 0): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await context?.close().catch(() => {});
    await Promise.allSettled([standin.close(), pages.close()]);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  console.log('Building the extension (sandbox mode: production build + access to 127.0.0.1 and localhost)…');
  await wxt(['build', '--mode', 'sandbox']);
  await wxt(['build', '-b', 'firefox', '--mv3', '--mode', 'sandbox']);
  printStandin(standin, pages);

  if (!process.env.DISPLAY || process.env.SANDBOX_NO_BROWSER) {
    console.log(
      process.env.DISPLAY
        ? '\nSANDBOX_NO_BROWSER is set: not opening a browser.'
        : '\nNo display (DISPLAY is not set): cannot open a browser window here.',
    );
    printManualLoad(standin);
  } else {
    context = await openBrowser(standin, pages);
    context.on('close', () => {
      console.log('Browser closed; stopping the stand-in.');
      void stop();
    });
  }
  console.log('\nPress Ctrl-C to stop.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
