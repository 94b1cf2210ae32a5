/**
 * Memory while the capture engine uploads a 200 MB video: a page holds `<video src=…mp4>` served
 * from a temp file, the engine's e2e hook (`__atlosTest.startCapture`) captures it as a video
 * target with original media only, and every 100 ms we sample the service worker's JS heap
 * (CDP Runtime.getHeapUsage on its target: V8 heap plus ArrayBuffer backing stores where Chromium
 * reports them) and the resident memory (VmRSS) of the extension's renderer process and of the
 * browser process (Blob bytes live outside the JS heap, in the browser process or on disk).
 */
import {
  closeSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  writeSync,
  createReadStream,
  readFileSync,
  readdirSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachToWorker, connectCdp } from './browser.ts';
import { notAvailable, round, sleep, type Figure } from './figures.ts';
import type { Scenario } from './scenario.ts';

const FILE_MB = 200;
const MB = 1024 * 1024;
const TARGET_RATIO = 1.2;

export const MEMORY_ROWS = [
  {
    id: 'memory.workerHeap',
    label: `Worker JS heap peak, ${FILE_MB} MB video upload`,
    unit: 'MB' as const,
    target: `< ${TARGET_RATIO}× file size`,
  },
  {
    id: 'memory.extensionRss',
    label: 'Extension process RSS growth (same upload)',
    unit: 'MB' as const,
    target: `< ${TARGET_RATIO}× file size`,
  },
  {
    id: 'memory.browserRss',
    label: 'Browser process RSS growth (same upload)',
    unit: 'MB' as const,
    target: 'info (Blob storage)',
  },
];

function writeVideo(dir: string): string {
  const file = join(dir, 'bench-video.mp4');
  const block = randomBytes(MB); // incompressible, so nothing on the way can shrink it
  const fd = openSync(file, 'w');
  for (let i = 0; i < FILE_MB; i++) writeSync(fd, block);
  closeSync(fd);
  return file;
}

interface Proc {
  pid: number;
  ppid: number;
  cmdline: string;
}
function processes(): Proc[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return [{ pid: Number(d), ppid, cmdline: readFileSync(`/proc/${d}/cmdline`, 'utf8').replaceAll('\0', ' ') }];
      } catch {
        return [];
      }
    });
}

/** Our browser (found by its profile folder) and its extension renderer(s), among any other Chromiums. */
function findProcesses(userDataDir: string): { browser: number | null; extension: number[] } {
  const all = processes();
  const browser = all.find(
    (p) => p.cmdline.includes(`--user-data-dir=${userDataDir}`) && !p.cmdline.includes('--type='),
  );
  if (!browser) return { browser: null, extension: [] };
  const ours = new Set([browser.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all)
      if (!ours.has(p.pid) && ours.has(p.ppid)) {
        ours.add(p.pid);
        grew = true;
      }
  }
  const extension = all.filter((p) => ours.has(p.pid) && p.cmdline.includes('--extension-process')).map((p) => p.pid);
  return { browser: browser.pid, extension };
}

function rssMb(pid: number): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

export async function measureMemory(scenario: Scenario): Promise<Figure[]> {
  const na = (reason: string) => MEMORY_ROWS.map((r) => notAvailable(r.id, r.label, r.unit, r.target, reason));
  if (!scenario.connectionId) return na(`not connected: ${scenario.connectError}`);
  const { browser, fixtures } = scenario;
  const hasHook = await browser.worker.evaluate(
    () => typeof (globalThis as any).__atlosTest?.startCapture === 'function',
  );
  if (!hasHook) return na('engine test hook __atlosTest.startCapture missing');

  const t0 = Date.now();
  const debug = (what: string) => process.env.BENCH_DEBUG && console.log(`[memory] ${Date.now() - t0} ms ${what}`);
  const dir = mkdtempSync(join(tmpdir(), 'atlos-bench-video-'));
  const cdp = await connectCdp(browser.cdpUrl);
  try {
    const file = writeVideo(dir);
    const size = statSync(file).size;
    debug('file written');
    fixtures.route('/bench-video.mp4', (req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': size, 'cache-control': 'no-store' });
      if (req.method === 'HEAD') return void res.end();
      createReadStream(file).pipe(res);
    });
    fixtures.route('/bench-video.html', (_req, res) => {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          '<!doctype html><title>Video</title><h1>Video</h1><video src="/bench-video.mp4" preload="none" controls></video>',
        );
    });
    const page = await browser.context.newPage();
    await page.goto(`${fixtures.url}/bench-video.html`);
    const tabId = await browser.worker.evaluate(
      async (url: string) =>
        (await (globalThis as any).chrome.tabs.query({})).find((t: any) => t.url === url)?.id as number,
      page.url(),
    );
    debug('page open');
    const session = await attachToWorker(cdp, browser.extensionId);
    debug('attached');
    const { browser: browserPid, extension } = findProcesses(browser.userDataDir);

    type Usage = { usedSize: number; backingStorageSize?: number };
    const sample = async () => {
      const heap = await cdp.send<Usage>('Runtime.getHeapUsage', {}, session).catch(() => null);
      return {
        heap: heap ? (heap.usedSize + (heap.backingStorageSize ?? 0)) / MB : Number.NaN,
        extension: extension.reduce((sum, pid) => sum + rssMb(pid), 0),
        browser: browserPid ? rssMb(browserPid) : Number.NaN,
      };
    };
    await cdp.send('HeapProfiler.collectGarbage', {}, session).catch(() => undefined);
    const before = await sample();
    debug('sampled');
    const peak = { ...before };
    const mediaUrl = `${fixtures.url}/bench-video.mp4`;
    const request = {
      incident: {
        connectionId: scenario.connectionId,
        slug: scenario.recentSlugs[0] ?? scenario.standin.known.civSlugs[0],
      },
      tabId,
      source: 'context-menu',
      target: { kind: 'video', url: mediaUrl, pageUrl: page.url(), mediaUrl, frameId: 0 },
      options: {
        archive: false,
        viewportScreenshot: false,
        fullPageScreenshot: false,
        pageArchive: false,
        originalMedia: true,
      },
    };
    // Sample on its own loop: startCapture itself may hold the worker for the whole media fetch.
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const now = await sample();
        for (const key of ['heap', 'extension', 'browser'] as const) peak[key] = Math.max(peak[key], now[key]);
        await sleep(100);
      }
    })();
    const started = Date.now();
    let job: { state: string; error?: { message: string } } | undefined;
    try {
      const { jobId } = (await browser.worker.evaluate(
        (r) => (globalThis as any).__atlosTest.startCapture(r),
        request,
      )) as { jobId: string };
      debug('startCapture returned');
      while (Date.now() - started < 300_000) {
        const jobs = (await browser.worker
          .evaluate(() => (globalThis as any).__atlosTest.listJobs())
          .catch(() => [])) as any[];
        job = jobs.find((j) => j.id === jobId);
        if (job && (job.state === 'done' || job.state === 'failed')) break;
        await sleep(500);
      }
    } finally {
      sampling = false;
      await sampler;
    }
    debug(`job ${job?.state}`);
    await page.close();
    if (job?.state !== 'done')
      return na(`upload job ${job?.state ?? 'missing'}${job?.error ? `: ${job.error.message}` : ''}`);
    const fileMb = size / MB;
    const seconds = round((Date.now() - started) / 1000);
    return [
      {
        ...MEMORY_ROWS[0]!,
        value: round(peak.heap),
        baseline: round(fileMb),
        pass: peak.heap < TARGET_RATIO * fileMb,
        note: `before ${round(before.heap)} MB; V8 heap + ArrayBuffer backing stores; capture (fetch + upload) took ${seconds} s`,
      },
      {
        ...MEMORY_ROWS[1]!,
        value: round(peak.extension - before.extension),
        baseline: round(fileMb),
        pass: extension.length ? peak.extension - before.extension < TARGET_RATIO * fileMb : null,
        note: extension.length
          ? `pids ${extension.join(',')}; RSS before ${round(before.extension)} MB, peak ${round(peak.extension)} MB`
          : 'n/a: extension process not found',
      },
      {
        ...MEMORY_ROWS[2]!,
        value: round(peak.browser - before.browser),
        baseline: round(fileMb),
        pass: null,
        note: `RSS before ${round(before.browser)} MB, peak ${round(peak.browser)} MB`,
      },
    ];
  } finally {
    cdp.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
