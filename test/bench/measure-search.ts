/**
 * Search in the popup's `Incident` combobox: one input event (Playwright `fill`, like a keystroke
 * or a paste) until the matching option is in the open listbox, timed in the page from the input
 * event's timeStamp. Local: a recent incident's slug (answered from the local list). Server: the
 * slug of an old incident nobody has seen, so only Atlos can answer; its figure is what is left
 * after the picker's deliberate debounce and the stand-in's own time for the request(s).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { median, notAvailable, repeat, round, sleep, type Figure } from './figures.ts';
import { COMBOBOX, openUntilReady, popupUrl, type Scenario } from './scenario.ts';
import { busyTime } from './standin-timing.ts';

export const SEARCH_ROWS = [
  { id: 'search.local', label: 'Search: keystroke → local matches', unit: 'ms' as const, target: '< 16 ms' },
  {
    id: 'search.server',
    label: 'Search: keystroke → Atlos matches',
    unit: 'ms' as const,
    target: '< baseline + 50 ms',
  },
  {
    id: 'traffic.search',
    label: 'API requests: one search',
    unit: 'requests' as const,
    target: 'no cursor (no project scan)',
  },
];

/** The picker's debounce before asking Atlos, read from its source so the figure follows changes. */
function debounceMs(): number {
  const source = readFileSync(new URL('../../components/useIncidentSearch.ts', import.meta.url), 'utf8');
  return Number(/SEARCH_DEBOUNCE_MS\s*=\s*(\d+)/.exec(source)?.[1] ?? 0);
}

/** Fills the combobox and returns ms from the input event until an option containing `target` shows. */
async function timeSearch(page: Page, query: string, target: string, mustBeFirst: boolean): Promise<number> {
  await page.evaluate(
    ({ target, mustBeFirst }) => {
      const g = globalThis as any;
      g.__benchT0 = undefined;
      g.__benchHit = undefined;
      const box = document.querySelector('[role="combobox"]')!;
      const list = document.getElementById(box.getAttribute('aria-controls') ?? '')!;
      box.addEventListener(
        'input',
        (event) => {
          g.__benchT0 = event.timeStamp;
        },
        { once: true, capture: true },
      );
      const observer = new MutationObserver(() => {
        if (g.__benchT0 === undefined || list.hidden) return;
        const options = [...list.querySelectorAll('[role="option"]')].map((o) => o.textContent ?? '');
        if (mustBeFirst ? options[0]?.includes(target) : options.some((o) => o.includes(target))) {
          g.__benchHit = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    },
    { target, mustBeFirst },
  );
  await page.locator(COMBOBOX).fill(query);
  await page.waitForFunction(() => (globalThis as any).__benchHit !== undefined, undefined, {
    timeout: 15_000,
    polling: 50,
  });
  return page.evaluate(() => (globalThis as any).__benchHit - (globalThis as any).__benchT0);
}

/** Empties the box and lets any search in flight finish (an empty query asks nothing). */
async function reset(page: Page): Promise<void> {
  await page.locator(COMBOBOX).fill('');
  await sleep(400);
}

export async function measureSearch(scenario: Scenario): Promise<Figure[]> {
  if (!scenario.connectionId) {
    return SEARCH_ROWS.map((r) =>
      notAvailable(r.id, r.label, r.unit, r.target, `not connected: ${scenario.connectError}`),
    );
  }
  const { page } = await openUntilReady(scenario, popupUrl(scenario), COMBOBOX, scenario.recentSlugs.length);
  try {
    const locals = scenario.recentSlugs.slice(1);
    const localSamples = await repeat(scenario.runs, async (run) => {
      await reset(page);
      const slug = locals[(run + 1) % locals.length]!;
      const ms = await timeSearch(page, slug.toLowerCase(), slug, true);
      await sleep(600); // the Atlos search for the same text follows the debounce; let it land
      return ms;
    });

    const debounce = debounceMs();
    const slugs = scenario.standin.known.civSlugs;
    const standinMs: number[] = [];
    const totals: number[] = [];
    const counts: number[] = [];
    let cursorRequests = 0;
    const baselines: number[] = [];
    const overheads = await repeat(scenario.runs, async (run) => {
      await reset(page);
      // Old incidents (beyond the first pages) no one has searched for, a different one each run.
      const slug = slugs[Math.floor(slugs.length * 0.9) + (run + 1) * 7]!;
      const from = performance.now();
      const total = await timeSearch(page, slug.toLowerCase(), slug, false);
      await sleep(300);
      const requests = scenario.timing.between(from, performance.now());
      const standin = busyTime(requests);
      if (run >= 0) {
        standinMs.push(standin);
        totals.push(total);
        baselines.push(debounce + standin);
        counts.push(requests.length);
        cursorRequests += requests.filter((r) => r.query.has('cursor')).length;
      }
      return total - debounce - standin;
    });
    const local = median(localSamples);
    const overhead = median(overheads);
    const count = median(counts);
    return [
      {
        ...SEARCH_ROWS[0]!,
        value: round(local),
        samples: localSamples.map((s) => round(s)),
        pass: local < 16,
        note: "a recent incident's slug; first option",
      },
      {
        ...SEARCH_ROWS[1]!,
        value: round(median(totals)),
        baseline: round(median(baselines)),
        samples: totals.map((s) => round(s)),
        pass: overhead < 50,
        note: `baseline = debounce ${debounce} ms + stand-in ${round(median(standinMs))} ms; ours (median of total − baseline) ${round(overhead)} ms`,
      },
      {
        ...SEARCH_ROWS[2]!,
        value: count,
        samples: counts,
        pass: cursorRequests === 0,
        note: cursorRequests ? `${cursorRequests} requests with a cursor param` : 'no request had a cursor param',
      },
    ];
  } finally {
    await page.close();
  }
}
