/**
 * One context-menu click → one capture (a recent incident) or the chooser window
 * (`Choose incident…`). A plain function with injected dependencies, so every context is
 * unit-tested without a browser (docs/browser-facts.md §3).
 */
import type { Browser } from 'wxt/browser';
import type { CaptureOptions, CaptureRequest, CaptureTarget } from '../domain/capture-request';
import type { RecentIncident } from '../incidents/recent';
import type { CaptureDefaults } from '../settings';
import { handleBatchClick, isBatchItem, type BatchClickDeps } from './batch-click';
import { targetFromClick, type MenuClickInfo } from './click-target';
import { MENU_CHOOSE_ID, parseRecentItemId } from './menu-items';

export type ClickTab = Pick<Browser.tabs.Tab, 'id' | 'url'>;

export interface MenuClickDeps {
  startCapture(request: CaptureRequest): Promise<{ jobId: string }>;
  getCaptureDefaults(): Promise<CaptureDefaults>;
  getRecentIncidents(): Promise<RecentIncident[]>;
  openChooser(tabId: number, target: CaptureTarget): Promise<void>;
  /**
   * The active tab of the focused window. Chrome passes no tab for some clicks (e.g. in a
   * PDF viewer or a page's devtools); the active tab is used when it shows the clicked page.
   */
  getActiveTab(): Promise<ClickTab | undefined>;
  /** `Send links to Atlos…` and Firefox's `Send N tabs to Atlos` (batch-click.ts); absent: ignored. */
  batch?: BatchClickDeps;
}

export type MenuClickOutcome =
  | { kind: 'captured'; jobId: string }
  | { kind: 'chooser' }
  | { kind: 'batch' }
  | { kind: 'ignored'; reason: 'not_ours' | 'no_tab' | 'no_target' };

/** `tabs.TAB_ID_NONE`: the click came from outside any tab. */
const TAB_ID_NONE = -1;

export function optionsFromDefaults(defaults: CaptureDefaults): CaptureOptions {
  return {
    archive: defaults.archive,
    viewportScreenshot: defaults.viewportScreenshot,
    fullPageScreenshot: defaults.fullPageScreenshot,
    pageArchive: defaults.pageArchive,
    originalMedia: defaults.originalMedia,
  };
}

async function resolveTab(info: MenuClickInfo, tab: ClickTab | undefined, deps: MenuClickDeps) {
  if (tab?.id !== undefined && tab.id !== TAB_ID_NONE) return { id: tab.id, url: tab.url };
  const active = await deps.getActiveTab();
  if (active?.id === undefined || active.id === TAB_ID_NONE) return null;
  // Only when it is the page that was clicked: never capture some other page by mistake.
  if (info.pageUrl && active.url !== info.pageUrl) return null;
  return { id: active.id, url: active.url };
}

export async function handleMenuClick(
  info: MenuClickInfo,
  tab: ClickTab | undefined,
  deps: MenuClickDeps,
): Promise<MenuClickOutcome> {
  if (isBatchItem(info.menuItemId)) {
    const clickTab = deps.batch ? await resolveTab(info, tab, deps) : null;
    if (!deps.batch) return { kind: 'ignored', reason: 'not_ours' };
    if (!clickTab) return { kind: 'ignored', reason: 'no_tab' };
    await handleBatchClick(info, clickTab.id, deps.batch);
    return { kind: 'batch' };
  }
  const recentKey = parseRecentItemId(info.menuItemId);
  if (!recentKey && info.menuItemId !== MENU_CHOOSE_ID) return { kind: 'ignored', reason: 'not_ours' };

  const clickTab = await resolveTab(info, tab, deps);
  if (!clickTab) return { kind: 'ignored', reason: 'no_tab' };
  const target = targetFromClick(info, clickTab.url);
  if (!target) return { kind: 'ignored', reason: 'no_target' };

  if (!recentKey) {
    await deps.openChooser(clickTab.id, target);
    return { kind: 'chooser' };
  }

  const [defaults, recents] = await Promise.all([deps.getCaptureDefaults(), deps.getRecentIncidents()]);
  const recent = recents.find((r) => r.connectionId === recentKey.connectionId && r.slug === recentKey.slug);
  const { jobId } = await deps.startCapture({
    incident: {
      connectionId: recentKey.connectionId,
      slug: recentKey.slug,
      ...(recent?.description ? { description: recent.description } : {}),
    },
    tabId: clickTab.id,
    target,
    options: optionsFromDefaults(defaults),
    source: 'context-menu',
  });
  return { kind: 'captured', jobId };
}
