/**
 * Background wiring of the capture engine. Call `registerCapture` synchronously from the
 * background's `main`: it registers the message handlers, the alarm, startup, online and
 * notification listeners at once, and resumes pending jobs as soon as the job store is open.
 * Returns the engine (menus and commands call `startCapture` on it directly).
 */
import type { browser as extensionBrowser } from 'wxt/browser';
import { createBrowserCollectDeps } from '../artifacts/browser-deps';
import { collectArtifacts } from '../artifacts/collect';
import type { CollectedCapture } from '../domain/collected-capture';
import type { CollectProgress } from './collecting';
import { connectionsItem } from '../connections/store';
import { createBrowserCustody } from '../custody/browser-deps';
import { rememberIncident } from '../incidents/recent';
import { getCaptureDefaults } from '../settings';
import { isTrustedSender, type OnMessage, type SendMessage } from '../trusted-sender';
import type { CaptureClient } from './client-port';
import { createCaptureEngine, type CaptureEngine } from './engine';
import { followConnection } from './follow-connection';
import { registerCaptureHandlers } from './handlers';
import { openJobsStore } from './jobs-store';
import { createKeepAlive } from './keepalive';
import { browserNetworkWatch } from './network';
import { batchIdOfNotification, createCaptureNotifier, jobIdOfNotification, notificationTarget } from './notify';
import { toolInfo } from '../artifacts/page-facts';
import { createBrowserBatch } from '../batch/browser';
import { openTabCollector } from '../batch/tab-collector';
import type { CaptureProtocol } from './protocol';
import type { CaptureRequest } from '../domain/capture-request';
import { inspectTab } from './tab-inspection';

type Browser = typeof extensionBrowser;

export interface RegisterCaptureDeps {
  browser: Browser;
  /** lib/messaging.ts's messenger, passed in by the background (features sit below lib/messaging.ts). */
  messages: { onMessage: OnMessage<CaptureProtocol>; sendMessage: SendMessage<CaptureProtocol> };
  getClient(connectionId: string): Promise<CaptureClient>;
  /** Defaults to the artifacts helper's collector with the saved media size limit. */
  collect?(request: CaptureRequest, progress?: CollectProgress): Promise<CollectedCapture>;
}

/** Periodic while jobs are active; a second one-shot alarm wakes the worker for a backoff timer. */
const RESUME_ALARM = 'atlos-capture-resume';
const WAKE_ALARM = 'atlos-capture-wake';
/** Chrome fires alarms at most every 30 s (https://developer.chrome.com/docs/extensions/reference/api/alarms). */
const MIN_ALARM_DELAY_MS = 30_000;

export function registerCapture(deps: RegisterCaptureDeps): CaptureEngine {
  const { browser } = deps;
  const { onMessage, sendMessage } = deps.messages;
  const notifier = createCaptureNotifier(
    {
      setBadgeText: (d) => browser.action.setBadgeText(d),
      setBadgeBackgroundColor: (d) => browser.action.setBadgeBackgroundColor(d),
      createNotification: (id, options) => browser.notifications.create(id, options),
    },
    () => notificationIcon(browser),
  );
  const collect =
    deps.collect ??
    (async (request: CaptureRequest, progress?: CollectProgress) =>
      collectArtifacts(request, createBrowserCollectDeps(await getCaptureDefaults()), {
        // Each file is stored in the job as soon as it exists (collecting.ts), so a stopped worker keeps it.
        onArtifact: (artifact) => void progress?.onArtifact(artifact).catch(() => undefined),
      }));

  const ready = openJobsStore().then((store) =>
    createCaptureEngine({
      store,
      getClient: deps.getClient,
      connectionFor: async (ref) => followConnection(await connectionsItem.getValue(), ref),
      getCaptureDefaults,
      collect,
      openBatchCollector: async () => openTabCollector(createBrowserBatch(await getCaptureDefaults())),
      custody: createBrowserCustody(),
      rememberIncident: (incident) => rememberIncident({ ...incident, usedAt: new Date().toISOString() }),
      network: browserNetworkWatch(),
      keepAlive: createKeepAlive({ ping: () => browser.runtime.getPlatformInfo() }),
      // Nobody listening (popup closed) is normal.
      onJobUpdated: (summary) => void sendMessage('jobUpdated', summary).catch(() => undefined),
      onJobSettled: (job) => notifier.settled(job),
      onBatchSettled: (jobs) => notifier.batchSettled(jobs),
      toolInfo: () => toolInfo(createBrowserCollectDeps({ maxMediaBytes: 0 })),
      onActivity: (activity) => {
        notifier.activity(activity);
        void scheduleAlarms(browser, activity).catch(() => undefined);
      },
    }),
  );
  const engine: CaptureEngine = {
    startCapture: async (request) => (await ready).startCapture(request),
    startBatch: async (request) => (await ready).startBatch(request),
    retryBatch: async (batchId) => (await ready).retryBatch(batchId),
    listJobs: async () => (await ready).listJobs(),
    retryJob: async (jobId) => (await ready).retryJob(jobId),
    dismissJob: async (jobId) => (await ready).dismissJob(jobId),
    runPending: async (options) => (await ready).runPending(options),
    whenIdle: async () => (await ready).whenIdle(),
    dispose: () => void ready.then((e) => e.dispose()),
  };

  registerCaptureHandlers({
    onMessage,
    engine,
    inspectTab: (tabId) =>
      inspectTab(tabId, {
        getTab: (id) => browser.tabs.get(id),
        hasFileAccess: () => browser.extension.isAllowedFileSchemeAccess(),
      }),
    trusted: (sender) => isTrustedSender(sender, browser.runtime.id, browser.runtime.getURL('/')),
  });

  const resume = () => void engine.runPending().catch((error) => console.error('[capture] resume failed', error));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RESUME_ALARM || alarm.name === WAKE_ALARM) resume();
  });
  // A browser start is a good moment to try queued captures again without waiting out their backoff.
  browser.runtime.onStartup.addListener(() => void engine.runPending({ networkBack: true }).catch(() => undefined));
  globalThis.addEventListener?.('online', () => void engine.runPending({ networkBack: true }).catch(() => undefined));
  browser.notifications.onClicked.addListener((notificationId) => {
    const jobId = jobIdOfNotification(notificationId);
    const batchId = batchIdOfNotification(notificationId);
    if (!jobId && !batchId) return;
    void browser.notifications.clear(notificationId);
    void openFromNotification(browser, engine, jobId ? { jobId } : { batchId: batchId! });
  });
  // A project connected again picks up the captures its old connection left behind.
  connectionsItem.watch(() => void engine.runPending({ reconnected: true }).catch(() => undefined));
  resume(); // the worker just started: carry on with whatever was in flight when it stopped

  if (import.meta.env.MODE === 'e2e') {
    Object.assign(globalThis, {
      __atlosTest: {
        startCapture: engine.startCapture,
        startBatch: engine.startBatch,
        retryBatch: engine.retryBatch,
        listJobs: engine.listJobs,
        runPending: engine.runPending,
      },
    });
  }
  return engine;
}

async function scheduleAlarms(browser: Browser, activity: { active: number; nextAttemptAt?: number }) {
  if (activity.active === 0) {
    await Promise.all([browser.alarms.clear(RESUME_ALARM), browser.alarms.clear(WAKE_ALARM)]);
    return;
  }
  if (!(await browser.alarms.get(RESUME_ALARM))) await browser.alarms.create(RESUME_ALARM, { periodInMinutes: 1 });
  if (activity.nextAttemptAt !== undefined) {
    await browser.alarms.create(WAKE_ALARM, {
      when: Math.max(activity.nextAttemptAt, Date.now() + MIN_ALARM_DELAY_MS),
    });
  }
}

/** A job's notification opens its incident when done; a batch's, when every item is done. */
async function openFromNotification(
  browser: Browser,
  engine: CaptureEngine,
  of: { jobId: string } | { batchId: string },
) {
  const jobs = await engine.listJobs();
  const target =
    'jobId' in of
      ? notificationTarget(jobs.find((job) => job.id === of.jobId))
      : notificationTarget(
          jobs.find((job) => job.batch?.id === of.batchId && job.state !== 'done') ??
            jobs.find((job) => job.batch?.id === of.batchId),
        );
  if (!target) return;
  if ('incidentUrl' in target) await browser.tabs.create({ url: target.incidentUrl });
  else
    await browser.action.openPopup?.().catch(() => browser.tabs.create({ url: browser.runtime.getURL('/popup.html') }));
}

/** The manifest's largest icon; Chrome requires one for a basic notification. */
function notificationIcon(browser: Browser): string {
  const icons = browser.runtime.getManifest().icons ?? {};
  const largest = Object.keys(icons)
    .map(Number)
    .sort((a, b) => b - a)[0];
  return largest === undefined ? '' : new URL(icons[largest]!, browser.runtime.getURL('/')).href;
}
