/**
 * `npm test`: every check in one go, each tool's output streamed, then a summary table and one last line
 * `N passed, M failed` (`, K skipped` when some were skipped). Exits non-zero if anything failed.
 *
 * Order: a check that the system has the browsers (stops at once with the install line if not), ESLint
 * (floors and cycles, docs/ARCHITECTURE.md) and the Prettier check, store builds + zips (Chrome, Firefox,
 * Firefox sources), e2e builds, type check, vitest (unit, integration, stand-in), web-ext lint of the Firefox
 * build, Playwright in headless Chromium, Playwright + puppeteer in Firefox ESR, and headed Chromium then headed
 * Firefox ESR under Xvfb (real right-clicks with xdotool).
 *
 * Run it through npm (`npm test`), so `node` is the Node 22 from node_modules/.bin.
 * Env: ONLY=vitest,e2e,… runs some suites (build, tsc, vitest, lint, format, e2e, firefox, headed);
 * `ONLY=lint,format,tsc,vitest` needs no browser at all. CI=true makes an Xvfb that does not start a failure
 * instead of a skip. RUN_ALL_STEP_TIMEOUT_MIN caps each step (default 30). CHROMIUM_PATH / FIREFOX_PATH
 * point at other browser binaries.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const BIN = join(ROOT, 'node_modules/.bin');
const REPORTS = join(ROOT, 'test-results/reports');
const IS_CI = process.env.CI === 'true' || process.env.CI === '1';
const ONLY = process.env.ONLY?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const ENV = {
  ...process.env,
  PATH: `${BIN}${delimiter}${process.env.PATH ?? ''}`,
  FORCE_COLOR: process.env.FORCE_COLOR ?? '1',
};

interface SuiteResult {
  suite: string;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
  note?: string;
}
const results: SuiteResult[] = [];

function banner(title: string): void {
  console.log(`\n${'='.repeat(100)}\n== ${title}\n${'='.repeat(100)}`);
}

// A stuck tool must not hang CI forever; the limit is per step (RUN_ALL_STEP_TIMEOUT_MIN, default 30).
const STEP_TIMEOUT_MS = Number(process.env.RUN_ALL_STEP_TIMEOUT_MIN ?? 30) * 60_000;

/** Runs a tool with its output streamed to ours; resolves with its exit code (signals count as failure). */
function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = ENV,
  timeoutMs = STEP_TIMEOUT_MS,
): Promise<number> {
  return new Promise((done) => {
    console.log(`$ ${command} ${args.join(' ')}`);
    const child = spawn(command, args, { cwd: ROOT, env, stdio: 'inherit' });
    // SIGINT first: Playwright and vitest then stop cleanly and still write their JSON reports.
    const timer = setTimeout(() => {
      console.error(`!! ${command} ran longer than ${timeoutMs / 60_000} min; stopping it`);
      child.kill('SIGINT');
      setTimeout(() => child.kill('SIGTERM'), 30_000).unref();
      setTimeout(() => child.kill('SIGKILL'), 60_000).unref();
    }, timeoutMs);
    child.on('error', (error) => {
      console.error(`!! could not start ${command}: ${error.message}`);
      clearTimeout(timer);
      done(127);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      done(code ?? 1);
    });
  });
}

function readJson(file: string): any {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function wanted(key: string): boolean {
  return !ONLY || ONLY.includes(key);
}

/** A step that is one test: it passes when the command exits 0. */
async function singleCheck(key: string, suite: string, command: string, args: string[]): Promise<boolean> {
  if (!wanted(key)) return true;
  banner(suite);
  const start = Date.now();
  const code = await run(command, args);
  results.push({
    suite,
    passed: code === 0 ? 1 : 0,
    failed: code === 0 ? 0 : 1,
    skipped: 0,
    seconds: (Date.now() - start) / 1000,
    note: code === 0 ? undefined : `exit code ${code}`,
  });
  return code === 0;
}

async function vitest(): Promise<void> {
  if (!wanted('vitest')) return;
  banner('vitest: unit, integration and stand-in tests');
  const report = join(REPORTS, 'vitest.json');
  rmSync(report, { force: true });
  const start = Date.now();
  const code = await run(join(BIN, 'vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  const json = readJson(report);
  let passed = json?.numPassedTests ?? 0;
  let failed = json?.numFailedTests ?? 0;
  const skipped = (json?.numPendingTests ?? 0) + (json?.numTodoTests ?? 0);
  // A file that fails to load has no test results of its own: count the file as one failure.
  const brokenFiles = (json?.testResults ?? []).filter(
    (file: any) => file.status === 'failed' && !(file.assertionResults ?? []).some((t: any) => t.status === 'failed'),
  ).length;
  failed += brokenFiles;
  let note = brokenFiles ? `${brokenFiles} file(s) failed to run` : undefined;
  if (code !== 0 && failed === 0) {
    failed = 1; // e.g. unhandled errors, a crashed worker, or no report at all
    note = `exit code ${code}${json ? '' : ', no JSON report'}`;
  }
  if (!json) passed = 0;
  results.push({ suite: 'vitest', passed, failed, skipped, seconds: (Date.now() - start) / 1000, note });
}

async function webExtLint(): Promise<void> {
  if (!wanted('lint')) return;
  banner('web-ext lint (Firefox build)');
  const start = Date.now();
  const outDir = resolve(ROOT, process.env.ATLOS_OUT_DIR ?? '.output');
  // `ONLY=lint` without `build` lints the sources; the Firefox build is linted only if one exists.
  if (!wanted('build') && !existsSync(join(outDir, 'firefox-mv3'))) {
    console.log('web-ext lint skipped: no Firefox build (run `npm run build`, or add `build` to ONLY)');
    results.push({ suite: 'web-ext lint', passed: 0, failed: 0, skipped: 1, seconds: 0, note: 'no Firefox build' });
    return;
  }
  const lint = spawnSync(
    join(BIN, 'web-ext'),
    ['lint', '--source-dir', join(outDir, 'firefox-mv3'), '--output', 'json'],
    {
      cwd: ROOT,
      env: ENV,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  let json: any = null;
  try {
    json = JSON.parse(lint.stdout);
  } catch {
    console.log(lint.stdout, lint.stderr);
  }
  for (const level of ['errors', 'warnings', 'notices'] as const) {
    for (const m of json?.[level] ?? []) {
      console.log(
        `${level.slice(0, -1).toUpperCase()} ${m.code} ${m.file ?? ''}${m.line ? `:${m.line}` : ''} — ${m.message}`,
      );
    }
  }
  const errors = json ? json.summary.errors : 1;
  console.log(
    json
      ? `web-ext lint: ${json.summary.errors} errors, ${json.summary.warnings} warnings, ${json.summary.notices} notices`
      : 'web-ext lint produced no report',
  );
  results.push({
    suite: 'web-ext lint',
    passed: errors === 0 ? 1 : 0,
    failed: errors === 0 ? 0 : 1,
    skipped: 0,
    seconds: (Date.now() - start) / 1000,
    note: json ? `${json.summary.errors} errors, ${json.summary.warnings} warnings` : 'no report',
  });
}

async function playwright(project: string, label: string, env: NodeJS.ProcessEnv = ENV): Promise<void> {
  const report = join(REPORTS, `playwright-${project}.json`);
  rmSync(report, { force: true });
  const start = Date.now();
  const code = await run(join(BIN, 'playwright'), ['test', '--project', project, '--pass-with-no-tests'], {
    ...env,
    PLAYWRIGHT_JSON_FILE: report,
  });
  const json = readJson(report);
  const stats = json?.stats ?? {};
  let passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
  let failed = (stats.unexpected ?? 0) + (json?.errors?.length ?? 0); // errors: files that did not load, global setup
  const skipped = stats.skipped ?? 0;
  let note: string | undefined = stats.flaky ? `${stats.flaky} flaky` : undefined;
  if (code !== 0 && failed === 0) {
    failed = 1;
    note = `exit code ${code}${json ? '' : ', no JSON report'}`;
  }
  if (!json) passed = 0;
  results.push({ suite: label, passed, failed, skipped, seconds: (Date.now() - start) / 1000, note });
}

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** The one line README.md ("Development") gives for a fresh Debian/Ubuntu machine; also `npm run setup:system`. */
const SYSTEM_INSTALL_LINE =
  'sudo apt-get install chromium chromium-l10n firefox-esr xvfb xauth xdotool fonts-noto-core fonts-noto-color-emoji';

/**
 * Browser suites need programs npm cannot install. Checked before anything else, so a fresh machine
 * learns what to install in its first seconds instead of deep inside a suite.
 */
function missingSystemPrograms(): string[] {
  const needs: [string, boolean][] = [];
  if (wanted('e2e') || wanted('headed'))
    needs.push(['chromium', existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')]);
  if (wanted('firefox') || wanted('headed')) {
    needs.push(['firefox-esr', existsSync(process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr')]);
  }
  if (wanted('headed')) needs.push(['Xvfb', has('Xvfb')], ['xdotool', has('xdotool')]);
  return needs.filter(([, present]) => !present).map(([name]) => name);
}

/** How many tests a Playwright project holds (for counting headed tests we could not run). */
function countTests(project: string): number {
  const list = spawnSync(join(BIN, 'playwright'), ['test', '--list', '--project', project, '--pass-with-no-tests'], {
    cwd: ROOT,
    env: ENV,
    encoding: 'utf8',
  });
  const total = /Total: (\d+) tests?/.exec(list.stdout ?? '');
  return total ? Number(total[1]) : 0;
}

async function startXvfb(): Promise<{ display: string; process: ChildProcess } | null> {
  let n = 99;
  while (existsSync(`/tmp/.X${n}-lock`) || existsSync(`/tmp/.X11-unix/X${n}`)) n++;
  const display = `:${n}`;
  const xvfb = spawn('Xvfb', [display, '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (existsSync(`/tmp/.X11-unix/X${n}`)) return { display, process: xvfb };
    if (xvfb.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  xvfb.kill();
  return null;
}

async function headedChromium(): Promise<void> {
  if (!wanted('headed')) return;
  const label = 'e2e Chromium headed (Xvfb)';
  banner(label);
  const xvfb = await startXvfb();
  if (!xvfb) {
    const count = Math.max(countTests('chromium-headed') + countTests('firefox-headed'), 1);
    const why = 'Xvfb did not start';
    console.log(`!! HEADED TESTS NOT RUN: ${why}. ${count} test(s) ${IS_CI ? 'counted as FAILED (CI)' : 'skipped'}.`);
    results.push({
      suite: label,
      passed: 0,
      failed: IS_CI ? count : 0,
      skipped: IS_CI ? 0 : count,
      seconds: 0,
      note: why,
    });
    return;
  }
  console.log(`Xvfb on DISPLAY=${xvfb.display}`);
  try {
    await playwright('chromium-headed', label, { ...ENV, DISPLAY: xvfb.display });
    // Same display, same step: headed Firefox ESR for its native context menu (test/firefox/*.headed.spec.ts).
    await playwright('firefox-headed', 'e2e Firefox ESR headed (Xvfb)', { ...ENV, DISPLAY: xvfb.display });
  } finally {
    xvfb.process.kill();
  }
}

function printSummary(): void {
  const rows = results.map((r) => [
    r.suite,
    String(r.passed),
    String(r.failed),
    String(r.skipped),
    `${r.seconds.toFixed(1)}s`,
    r.note ?? '',
  ]);
  const header = ['suite', 'passed', 'failed', 'skipped', 'time', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i >= 1 && i <= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  banner('Summary');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<number> {
  const missing = missingSystemPrograms();
  if (missing.length) {
    console.error(`!! npm test needs programs this system lacks: ${missing.join(', ')}. On Debian/Ubuntu:`);
    console.error(`   ${SYSTEM_INSTALL_LINE}`);
    console.error(
      '   (or `npm run setup:system`; `ONLY=lint,format,tsc,vitest npm test` runs the suites that need no browser)',
    );
    return 2;
  }
  mkdirSync(REPORTS, { recursive: true });
  await singleCheck('lint', 'eslint (floors, cycles)', join(BIN, 'eslint'), ['.']);
  await singleCheck('lint', 'import cycles incl. type imports', process.execPath, [
    join(ROOT, 'scripts/check-import-cycles.ts'),
  ]);
  await singleCheck('format', 'prettier --check', join(BIN, 'prettier'), ['--check', '.']);
  const wxt = join(BIN, 'wxt');
  // Store builds double as the zip check: `wxt zip` builds, then zips (Firefox also writes the sources zip).
  await singleCheck('build', 'build + zip chrome-mv3', wxt, ['zip']);
  await singleCheck('build', 'build + zip firefox-mv3 (+ sources)', wxt, ['zip', '-b', 'firefox', '--mv3']);
  await singleCheck('build', 'build chrome-mv3 e2e', wxt, ['build', '--mode', 'e2e']);
  await singleCheck('build', 'build firefox-mv3 e2e', wxt, ['build', '-b', 'firefox', '--mv3', '--mode', 'e2e']);
  await singleCheck('tsc', 'tsc --noEmit', join(BIN, 'tsc'), ['--noEmit']);
  await singleCheck('tsc', 'tsc --noEmit -p test', join(BIN, 'tsc'), ['--noEmit', '-p', 'test/tsconfig.json']);
  await vitest();
  await webExtLint();
  if (wanted('e2e')) {
    banner('e2e Chromium (headless)');
    await playwright('chromium', 'e2e Chromium');
  }
  if (wanted('firefox')) {
    banner('e2e Firefox ESR');
    if (!has(process.env.FIREFOX_PATH ?? 'firefox-esr'))
      console.log('!! firefox-esr is not installed: apt-get install -y firefox-esr');
    await playwright('firefox', 'e2e Firefox ESR');
  }
  await headedChromium();

  printSummary();
  const total = results.reduce(
    (t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed, skipped: t.skipped + r.skipped }),
    {
      passed: 0,
      failed: 0,
      skipped: 0,
    },
  );
  console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
  return total.failed > 0 ? 1 : 0;
}

process.exitCode = await main();
