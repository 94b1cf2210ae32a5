/**
 * Popup ready: navigation start of `popup.html?tabId=N` until the first frame in which the
 * `Incident` combobox takes input with the recent incidents in its list, timed in the page
 * (performance.now() is ms since its navigation start; scenario.ts `installReadyProbe`). The
 * note also gives the medians until that state is in the document, before its frame. Baseline: `bench-baseline.html`, a static page of the same extension (no
 * script, no framework) with a ready combobox and one option, opened the same way: the floor any
 * extension page pays. Runs alternate so drift hits both alike. Also counts the Atlos requests an
 * opening makes with a warm cache.
 */
import { performance } from 'node:perf_hooks';
import { median, notAvailable, repeat, round, sleep, type Figure } from './figures.ts';
import { COMBOBOX, openUntilReady, popupUrl, type Scenario } from './scenario.ts';

const READY_TARGET_RATIO = 1.2;
/** Requests still arriving this long after ready count for the opening (activity, duplicate check). */
const SETTLE_MS = 1500;

export const POPUP_ROWS = [
  {
    id: 'popup.ready',
    label: 'Popup ready (10,000 incidents)',
    unit: 'ms' as const,
    target: `≤ ${READY_TARGET_RATIO}× baseline (static page)`,
  },
  {
    id: 'traffic.popupOpen',
    label: 'API requests: popup open (warm cache)',
    unit: 'requests' as const,
    target: '≤ 1, no cursor',
  },
];

export async function measurePopupReady(scenario: Scenario): Promise<Figure[]> {
  const [readyRow, trafficRow] = POPUP_ROWS;
  if (!scenario.connectionId) {
    const reason = `not connected: ${scenario.connectError ?? 'unknown'}`;
    return [
      notAvailable(readyRow!.id, readyRow!.label, 'ms', readyRow!.target, reason),
      notAvailable(trafficRow!.id, trafficRow!.label, 'requests', trafficRow!.target, reason),
    ];
  }
  const recent = scenario.recentSlugs.length;
  const baselineSamples: number[] = [];
  const inDocument = { popup: [] as number[], baseline: [] as number[] };
  const trafficCounts: number[] = [];
  const routes = new Map<string, number>();
  let cursorRequests = 0;
  const popupSamples = await repeat(scenario.runs, async (run) => {
    const base = await openUntilReady(scenario, popupUrl(scenario, 'bench-baseline.html'), COMBOBOX, 1);
    await base.page.close();
    if (run >= 0) {
      baselineSamples.push(base.ms);
      inDocument.baseline.push(base.inDocumentMs);
    }
    const from = performance.now();
    const popup = await openUntilReady(scenario, popupUrl(scenario), COMBOBOX, recent);
    await sleep(SETTLE_MS);
    const requests = scenario.timing.between(from, performance.now());
    await popup.page.close();
    if (run >= 0) {
      inDocument.popup.push(popup.inDocumentMs);
      trafficCounts.push(requests.length);
      for (const r of requests) {
        const key = `${r.method} ${r.path}${r.query.size ? `?${[...new Set(r.query.keys())].join('&')}` : ''}`;
        routes.set(key, (routes.get(key) ?? 0) + 1);
      }
      cursorRequests += requests.filter((r) => r.query.has('cursor')).length;
    }
    return popup.ms;
  });
  const ready = median(popupSamples);
  const baseline = median(baselineSamples);
  const ratio = ready / baseline;
  const traffic = median(trafficCounts);
  const [popupInDocument, baselineInDocument] = [median(inDocument.popup), median(inDocument.baseline)];
  return [
    {
      ...readyRow!,
      value: round(ready),
      baseline: round(baseline),
      samples: popupSamples.map((s) => round(s)),
      pass: ratio <= READY_TARGET_RATIO,
      note:
        `${recent} recent incidents listed; baseline = static page with a combobox and one option (bench-baseline.html); ` +
        `in the document (before its frame) ${round(popupInDocument)} ms vs ${round(baselineInDocument)} ms ` +
        `(${round(popupInDocument / baselineInDocument, 2)}×); the popup fetches one classic script more ` +
        `(MV3 allows no inline script; docs/popup-startup.md)`,
    },
    {
      ...trafficRow!,
      value: traffic,
      samples: trafficCounts,
      pass: traffic <= 1 && cursorRequests === 0,
      note: `per opening: ${[...routes].map(([route, n]) => `${route} ×${round(n / trafficCounts.length, 1)}`).join('; ') || 'none'}${cursorRequests ? `; ${cursorRequests} with cursor` : ''} (within ${SETTLE_MS} ms after ready)`,
    },
  ];
}
