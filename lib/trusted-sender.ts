/**
 * Messages that can reach tokens or start captures are accepted only from the extension's own
 * pages and worker. Content scripts share `sender.id` with the extension, so the id alone is not
 * enough: the sender's URL must be one of our own pages, not a web page.
 */
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
}

export function isTrustedSender(sender: SenderLike, extensionId: string, extensionBaseUrl: string): boolean {
  if (sender.id !== extensionId) return false;
  const url = sender.url ?? '';
  return url.startsWith(extensionBaseUrl);
}
