/**
 * A batch's items as capture requests, one per job (lib/domain/batch.ts). A tab item is a page
 * capture of that tab with the batch's options. A link item is not open anywhere: Atlos's archiver
 * captures it (`archive` forced on, nothing taken in the browser), and its metadata records the
 * page the link was found on, the link's text and its position in the selection.
 */
import { i18n } from '#i18n';
import { BOUNDS, bound } from '../metadata/bounds';
import type { BatchItem, BatchRequest } from '../domain/batch';
import { ARCHIVE_ONLY, type CaptureRequest } from '../domain/capture-request';
import { pageFactsUnknown, type CollectedCapture, type ToolInfo } from '../domain/collected-capture';
import { placeholderCollected } from './collecting';

/** Why the batch cannot start, in a sentence a person can act on; undefined when it can. */
export function batchRefusal(request: Pick<BatchRequest, 'items'>, cap: number): string | undefined {
  if (request.items.length === 0) return i18n.t('batch_error_empty');
  if (request.items.length > cap) return i18n.t('batch_error_tooMany', [String(request.items.length), String(cap)]);
  return undefined;
}

/** The request stored with the item's job. The batch's comment is posted once, with its first item. */
export function itemRequest(batch: BatchRequest, item: BatchItem, index: number): CaptureRequest {
  const { comment, ...options } = batch.options;
  const withComment = index === 0 && comment ? { comment } : {};
  if (item.kind === 'tab') {
    return {
      incident: batch.incident,
      tabId: item.tabId,
      target: { kind: 'page', url: item.url, pageUrl: item.url },
      options: { ...options, ...withComment },
      source: batch.source,
    };
  }
  return {
    incident: batch.incident,
    tabId: batch.from?.tabId ?? -1,
    target: { kind: 'link', url: item.url, pageUrl: batch.from?.pageUrl ?? item.url },
    options: { ...ARCHIVE_ONLY, ...withComment },
    source: batch.source,
  };
}

/**
 * What is known of an item before it is collected. For a link that is all there will be: the
 * link's address (the page itself is Atlos's archiver's to read), its text and position.
 */
export function itemCollected(
  request: CaptureRequest,
  item: BatchItem,
  now: number,
  tool: ToolInfo | undefined,
): Omit<CollectedCapture, 'artifacts'> {
  const base = placeholderCollected(request, now);
  const withTool = tool ? { ...base, tool } : base;
  if (item.kind === 'tab')
    return { ...withTool, ...pageFactsUnknown(item.url, bound(item.title || null, BOUNDS.title)) };
  return {
    ...withTool,
    ...pageFactsUnknown(item.url),
    target: {
      ...base.target,
      link_text: bound(item.text, BOUNDS.title) ?? '',
      link_position: item.position,
    },
  };
}
