/**
 * Capture messages from the extension's own pages. Content scripts share the extension id, so
 * the sender's URL is checked too (lib/trusted-sender.ts). Menus and commands call the engine directly.
 */
import { handleTrustedMessages, type OnMessage, type SenderLike } from '../trusted-sender';
import type { CaptureEngine } from './engine';
import type { CaptureProtocol, TabInspection } from './protocol';

export function registerCaptureHandlers(deps: {
  onMessage: OnMessage<CaptureProtocol>;
  engine: Pick<CaptureEngine, 'startCapture' | 'listJobs' | 'retryJob' | 'dismissJob' | 'startBatch' | 'retryBatch'>;
  inspectTab(tabId: number): Promise<TabInspection>;
  trusted(sender: SenderLike): boolean;
}): () => void {
  const { onMessage, engine } = deps;
  return handleTrustedMessages<CaptureProtocol>({
    onMessage,
    trusted: deps.trusted,
    handlers: {
      startCapture: (request) => engine.startCapture(request),
      listJobs: () => engine.listJobs(),
      retryJob: ({ jobId }) => engine.retryJob(jobId),
      dismissJob: ({ jobId }) => engine.dismissJob(jobId),
      inspectTab: ({ tabId }) => deps.inspectTab(tabId),
      startBatch: (request) => engine.startBatch(request),
      retryBatch: ({ batchId }) => engine.retryBatch(batchId),
    },
  });
}
