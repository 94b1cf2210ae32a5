/**
 * Capture messages from the extension's own pages. Content scripts share the extension id, so
 * the sender's URL is checked too (lib/trusted-sender.ts). Menus and commands call the engine directly.
 */
import type { onMessage as OnMessage } from '../messaging';
import type { SenderLike } from '../trusted-sender';
import type { CaptureEngine } from './engine';
import type { TabInspection } from './protocol';

export function registerCaptureHandlers(deps: {
  onMessage: typeof OnMessage;
  engine: Pick<CaptureEngine, 'startCapture' | 'listJobs' | 'retryJob' | 'dismissJob'>;
  inspectTab(tabId: number): Promise<TabInspection>;
  trusted(sender: SenderLike): boolean;
}): () => void {
  const { onMessage, engine } = deps;
  const guard = <T>(sender: SenderLike, run: () => Promise<T>): Promise<T> =>
    deps.trusted(sender) ? run() : Promise.reject(new Error('Refused: not sent by an extension page.'));
  const removers = [
    onMessage('startCapture', ({ sender, data }) => guard(sender, () => engine.startCapture(data))),
    onMessage('listJobs', ({ sender }) => guard(sender, () => engine.listJobs())),
    onMessage('retryJob', ({ sender, data }) => guard(sender, () => engine.retryJob(data.jobId))),
    onMessage('dismissJob', ({ sender, data }) => guard(sender, () => engine.dismissJob(data.jobId))),
    onMessage('inspectTab', ({ sender, data }) => guard(sender, () => deps.inspectTab(data.tabId))),
  ];
  return () => removers.forEach((remove) => remove());
}
