/**
 * Capture time: click `Capture` in the popup until its status says `Captured`, timed in the popup
 * page, for the visible area only and for the full page of a 25,000 px page. The popup opens in its
 * own window (like the real popup, it stays visible while the page behind it is captured). Split:
 * the browser's rate limit (captureVisibleTab tiles ÷ 2 per second, the floor no code can beat),
 * the stand-in (time its /api requests were in flight), and our code (the rest).
 */
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { median, notAvailable, repeat, round, type Figure } from './figures.ts';
import { installReadyProbe, type Scenario } from './scenario.ts';
import { busyTime } from './standin-timing.ts';

const PAGE_HEIGHT = 25_000;
const FULL_PAGE_TARGET = 1.15;
const CAPTURE_RUNS = Math.max(1, Number(process.env.BENCH_CAPTURE_RUNS ?? 3));

export const CAPTURE_ROWS = [
  { id: 'capture.visible', label: 'Capture: visible area', unit: 'ms' as const, target: '— (baseline = tiles ÷ 2/s)' },
  {
    id: 'capture.fullPage',
    label: `Capture: full page (${PAGE_HEIGHT.toLocaleString('en')} px)`,
    unit: 'ms' as const,
    target: `≤ ${FULL_PAGE_TARGET}× baseline (tiles ÷ 2/s)`,
  },
];

function tallPage(): string {
  const bands = Array.from(
    { length: PAGE_HEIGHT / 500 },
    (_, i) =>
      `<section style="height:500px;background:hsl(${(i * 37) % 360} 60% 85%)"><h2>Section ${i + 1}</h2><p>${'Report text for the benchmark. '.repeat(20)}</p></section>`,
  );
  return `<!doctype html><html><head><meta charset="utf-8"><title>Tall page</title><style>body{margin:0;font:16px sans-serif}</style></head><body>${bands.join('')}</body></html>`;
}

/** Counts and times every captureVisibleTab call the engine makes (it calls `browser.tabs.…` at call time). */
async function instrumentWorker(scenario: Scenario): Promise<boolean> {
  return scenario.browser.worker.evaluate(() => {
    const g = globalThis as any;
    g.__benchTiles = [];
    if (g.__benchWrapped) return true;
    const original = g.chrome.tabs.captureVisibleTab.bind(g.chrome.tabs);
    g.chrome.tabs.captureVisibleTab = (...args: unknown[]) => {
      g.__benchTiles.push(performance.now());
      return original(...args);
    };
    g.__benchWrapped = g.chrome.tabs.captureVisibleTab !== original;
    return g.__benchWrapped as boolean;
  });
}

async function openPopupWindow(scenario: Scenario, tabId: number): Promise<Page> {
  const url = `chrome-extension://${scenario.browser.extensionId}/popup.html?tabId=${tabId}`;
  const opened = scenario.browser.context.waitForEvent('page', { predicate: (p) => p.url().startsWith(url) });
  await scenario.browser.worker.evaluate(
    (u) => (globalThis as any).chrome.windows.create({ url: u, type: 'popup', width: 400, height: 640 }),
    url,
  );
  const page = await opened;
  await installReadyProbe(page, '[role="combobox"]', 1); // for reloads; the first load is timed by waiting below
  await page.getByRole('combobox', { name: 'Incident' }).waitFor();
  return page;
}

async function captureOnce(scenario: Scenario, tabId: number, fullPage: boolean) {
  const page = await openPopupWindow(scenario, tabId);
  try {
    await page.getByRole('checkbox', { name: 'Archive with Atlos' }).setChecked(false);
    await page.getByRole('checkbox', { name: 'Visible-area screenshot' }).setChecked(!fullPage);
    await page.getByRole('checkbox', { name: 'Full-page screenshot' }).setChecked(fullPage);
    const wrapped = await instrumentWorker(scenario);
    await page.evaluate(() => {
      const g = globalThis as any;
      g.__benchT0 = undefined;
      g.__benchHit = undefined;
      document.addEventListener(
        'click',
        (event) => {
          g.__benchT0 ??= event.timeStamp;
        },
        { capture: true, once: true },
      );
      const observer = new MutationObserver(() => {
        if (g.__benchT0 !== undefined && document.querySelector('[role="status"]')?.textContent?.includes('Captured')) {
          g.__benchHit = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const from = performance.now();
    await page.getByRole('button', { name: 'Capture', exact: true }).click();
    await page.waitForFunction(() => (globalThis as any).__benchHit !== undefined, undefined, {
      timeout: 180_000,
      polling: 100,
    });
    const total = await page.evaluate(() => (globalThis as any).__benchHit - (globalThis as any).__benchT0);
    const stamps = wrapped
      ? await scenario.browser.worker.evaluate(() => (globalThis as any).__benchTiles as number[])
      : null;
    const tiles = stamps ? stamps.length : null;
    const tileSpan = stamps && stamps.length > 1 ? stamps[stamps.length - 1]! - stamps[0]! : null;
    const standin = busyTime(scenario.timing.between(from, performance.now()));
    return { total, tiles, tileSpan, standin };
  } finally {
    await page.close();
  }
}

export async function measureCapture(scenario: Scenario): Promise<Figure[]> {
  if (!scenario.connectionId)
    return CAPTURE_ROWS.map((r) =>
      notAvailable(r.id, r.label, r.unit, r.target, `not connected: ${scenario.connectError}`),
    );
  const { browser, fixtures } = scenario;
  fixtures.route('/bench-tall.html', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(tallPage());
  });
  // Only the screenshots: no page archive or original media (they are measured elsewhere or not at all).
  await browser.worker.evaluate(async () => {
    const chrome = (globalThis as any).chrome;
    const { captureDefaults } = await chrome.storage.local.get('captureDefaults');
    await chrome.storage.local.set({
      captureDefaults: { ...(captureDefaults ?? {}), archive: false, pageArchive: false, originalMedia: false },
    });
  });
  const tall = await browser.context.newPage();
  await tall.goto(`${fixtures.url}/bench-tall.html`);
  const tabId = await browser.worker.evaluate(
    async (url: string) =>
      (await (globalThis as any).chrome.tabs.query({})).find((t: any) => t.url === url)?.id as number,
    tall.url(),
  );
  const viewport = tall.viewportSize()?.height ?? 800;

  const figure = (
    row: (typeof CAPTURE_ROWS)[number],
    results: Awaited<ReturnType<typeof captureOnce>>[],
    fallbackTiles: number,
  ): Figure => {
    const total = median(results.map((r) => r.total));
    const tiles = median(results.map((r) => r.tiles ?? fallbackTiles));
    const floor = (tiles / 2) * 1000;
    const standin = median(results.map((r) => r.standin));
    // The first call needs no wait; each later one waits out the limit: (tiles − 1) × 500 ms at least.
    const rateWait = ((tiles - 1) / 2) * 1000;
    const ours = total - rateWait - standin;
    const counted = results.every((r) => r.tiles !== null) ? 'counted' : 'estimated from the page height';
    const spans = results.flatMap((r) => (r.tileSpan === null ? [] : [r.tileSpan]));
    const span = spans.length ? `; first→last tile ${round(median(spans), 0)} ms` : '';
    return {
      ...row,
      value: round(total, 0),
      baseline: round(floor, 0),
      samples: results.map((r) => round(r.total, 0)),
      pass: row.id === 'capture.fullPage' ? total <= FULL_PAGE_TARGET * floor : null,
      note: `${results.length} runs; ${tiles} tiles (${counted}): rate-limit wait ≥ ${round(rateWait, 0)} ms + stand-in ${round(standin, 0)} ms + ours ${round(ours, 0)} ms${span}`,
    };
  };
  try {
    const visible: Awaited<ReturnType<typeof captureOnce>>[] = [];
    await repeat(Math.max(scenario.runs, 3), async (run) => {
      const result = await captureOnce(scenario, tabId, false);
      if (run >= 0) visible.push(result);
      return result.total;
    });
    const full: Awaited<ReturnType<typeof captureOnce>>[] = [];
    for (let run = 0; run < CAPTURE_RUNS; run++) full.push(await captureOnce(scenario, tabId, true));
    return [figure(CAPTURE_ROWS[0]!, visible, 1), figure(CAPTURE_ROWS[1]!, full, Math.ceil(PAGE_HEIGHT / viewport))];
  } finally {
    await tall.close();
  }
}
