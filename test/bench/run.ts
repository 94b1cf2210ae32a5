/**
 * `npm run bench`: builds the extension into `.output-bench` (production zips for sizes, an e2e
 * build for driving), measures it in real Chromium against the local Atlos stand-in holding 10,000
 * incidents, prints a table and writes bench-results/latest.json and latest.md.
 *
 * Env: BENCH_RUNS (timed runs per figure, default 7, after one warm-up), BENCH_SKIP_BUILD=1 (reuse
 * .output-bench), BENCH_ONLY=size,popup,search,capture,memory,extract,batch (some measurements only).
 * Times are reported, never asserted; bundle budgets are asserted in test/e2e/smoke.spec.ts.
 */
import { spawnSync } from 'node:child_process';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFixtureServer } from '../fixtures/server.ts';
import { startStandin } from '../standin/server.ts';
import { launchWithExtension } from './browser.ts';
import { guarded, type Figure } from './figures.ts';
import { BATCH_ROWS, measureBatch } from './measure-batch.ts';
import { CAPTURE_ROWS, measureCapture } from './measure-capture.ts';
import { EXTRACT_ROWS, measureExtract } from './measure-extract.ts';
import { CUSTODY_ROWS, measureCustody } from './measure-custody.ts';
import { MEMORY_ROWS, measureMemory } from './measure-memory.ts';
import { POPUP_ROWS, measurePopupReady } from './measure-popup.ts';
import { SEARCH_ROWS, measureSearch } from './measure-search.ts';
import { measureSizes } from './measure-size.ts';
import { writeReport } from './report.ts';
import { prepareScenario, type Scenario } from './scenario.ts';
import { timeStandinRequests } from './standin-timing.ts';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const OUT_DIR_NAME = '.output-bench';
const OUT_DIR = join(ROOT, OUT_DIR_NAME);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 7));
const ONLY = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const wanted = (name: string) => !ONLY || ONLY.includes(name);
const started = Date.now();
const log = (what: string) =>
  console.log(`[bench] ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s  ${what}`);

function wxt(args: string[]): void {
  log(`wxt ${args.join(' ')}`);
  const env = {
    ...process.env,
    ATLOS_OUT_DIR: OUT_DIR_NAME,
    PATH: `${join(ROOT, 'node_modules/.bin')}${delimiter}${process.env.PATH}`,
  };
  const result = spawnSync('wxt', args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 5 * 60_000,
  });
  if (result.status !== 0) throw new Error(`wxt ${args.join(' ')} failed (exit ${result.status})`);
}

if (process.env.BENCH_SKIP_BUILD !== '1') {
  // Production zips (sizes, store zips) and the e2e build the browser drives. `-b bench` is the only
  // target that includes entrypoints/bench-baseline (see its index.html); otherwise it equals Chrome's.
  wxt(['zip']);
  wxt(['zip', '-b', 'firefox', '--mv3']);
  wxt(['build', '-b', 'bench', '--mode', 'e2e']);
}

log('starting');
const figures: Figure[] = [];
if (wanted('size')) figures.push(...measureSizes(OUT_DIR));
if (wanted('custody')) figures.push(...(await guarded(CUSTODY_ROWS, () => measureCustody(RUNS))));

if (['popup', 'search', 'capture', 'memory', 'extract', 'batch'].some(wanted)) {
  log('starting the stand-in (10,000 incidents)');
  const standin = await startStandin({ incidents: 10_000 });
  const fixtures = await startFixtureServer();
  const timing = timeStandinRequests(() => Number(new URL(standin.url).port));
  const browser = await launchWithExtension(join(OUT_DIR, 'bench-mv3-e2e'));
  const scenario: Scenario = {
    browser,
    standin,
    fixtures,
    timing,
    runs: RUNS,
    connectionId: null,
    connectError: null,
    article: null,
    recentSlugs: [],
  };
  const steps = [
    { name: 'popup', rows: POPUP_ROWS, measure: measurePopupReady },
    { name: 'search', rows: SEARCH_ROWS, measure: measureSearch },
    { name: 'capture', rows: CAPTURE_ROWS, measure: measureCapture },
    { name: 'memory', rows: MEMORY_ROWS, measure: measureMemory },
    { name: 'extract', rows: EXTRACT_ROWS, measure: measureExtract },
    { name: 'batch', rows: BATCH_ROWS, measure: measureBatch },
  ];
  try {
    log('browser started; connecting through the options page');
    await prepareScenario(scenario);
    for (const step of steps.filter((s) => wanted(s.name))) {
      log(`measuring ${step.name}`);
      figures.push(...(await guarded(step.rows, () => step.measure(scenario))));
    }
  } finally {
    log('closing');
    await browser.close();
    await fixtures.close();
    await standin.close();
  }
}

writeReport(figures, { root: ROOT, runs: RUNS, seconds: (Date.now() - started) / 1000 });
