/**
 * Keyboard commands (declared in wxt.config.ts; people rebind them in the browser's shortcut
 * settings). `_execute_action` opens the popup by itself; this module handles the others.
 * A command grants `activeTab` for the active tab, so the capture can take its screenshots.
 */
import type { Browser } from 'wxt/browser';
import type { CaptureRequest, CaptureTarget } from './domain/capture-request';
import type { RecentIncident } from './incidents/recent';
import { optionsFromDefaults } from './menus/menu-click';
import type { CaptureDefaults } from './settings';

export const CAPTURE_TO_LAST_INCIDENT = 'capture-to-last-incident';

export type CommandTab = Pick<Browser.tabs.Tab, 'id' | 'url'>;

export interface CommandDeps {
  startCapture(request: CaptureRequest): Promise<{ jobId: string }>;
  getCaptureDefaults(): Promise<CaptureDefaults>;
  getRecentIncidents(): Promise<RecentIncident[]>;
  /** Connection ids that can capture now (connected, token valid, permission granted). */
  getUsableConnectionIds(): Promise<ReadonlySet<string>>;
  openChooser(tabId: number, target: CaptureTarget): Promise<void>;
  getActiveTab(): Promise<CommandTab | undefined>;
}

export type CommandOutcome =
  { kind: 'captured'; jobId: string } | { kind: 'chooser' } | { kind: 'ignored'; reason: 'unknown_command' | 'no_tab' };

export async function handleCommand(
  command: string,
  tab: CommandTab | undefined,
  deps: CommandDeps,
): Promise<CommandOutcome> {
  if (command !== CAPTURE_TO_LAST_INCIDENT) return { kind: 'ignored', reason: 'unknown_command' };
  // Chrome passes the active tab; older Firefox versions pass none.
  const active = tab?.id !== undefined && tab.id >= 0 ? tab : await deps.getActiveTab();
  if (active?.id === undefined || active.id < 0 || !active.url) return { kind: 'ignored', reason: 'no_tab' };
  const target: CaptureTarget = { kind: 'page', url: active.url, pageUrl: active.url };

  const [recents, usable] = await Promise.all([deps.getRecentIncidents(), deps.getUsableConnectionIds()]);
  const last = recents.find((r) => usable.has(r.connectionId));
  if (!last) {
    await deps.openChooser(active.id, target);
    return { kind: 'chooser' };
  }
  const { jobId } = await deps.startCapture({
    incident: {
      connectionId: last.connectionId,
      slug: last.slug,
      ...(last.description ? { description: last.description } : {}),
    },
    tabId: active.id,
    target,
    options: optionsFromDefaults(await deps.getCaptureDefaults()),
    source: 'command',
  });
  return { kind: 'captured', jobId };
}
