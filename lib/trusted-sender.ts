/**
 * Messages that can reach tokens or start captures are accepted only from the extension's own
 * pages and worker. Content scripts share `sender.id` with the extension, so the id alone is not
 * enough: the sender's URL must be one of our own pages, not a web page
 * (https://developer.chrome.com/docs/extensions/develop/concepts/messaging#content-scripts-are-less-trustworthy).
 *
 * Every feature answers page messages through `handleTrustedMessages`, so there is one guard and
 * one refusal. Features get `onMessage` from the background (entrypoints/background.ts), typed with
 * their own protocol only: lib/messaging.ts sits above them and joins their protocols.
 */
import type { ExtensionMessenger, GetDataType, GetReturnType } from '@webext-core/messaging';

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

/** `onMessage` of a messenger that knows (at least) the messages of protocol `P`. */
export type OnMessage<P extends Record<string, any>> = ExtensionMessenger<P>['onMessage'];
/** `sendMessage` of a messenger that knows (at least) the messages of protocol `P`. */
export type SendMessage<P extends Record<string, any>> = ExtensionMessenger<P>['sendMessage'];

/** One function per message name: takes the message's data, answers its return value. */
export type MessageHandlers<P extends Record<string, any>> = {
  [K in keyof P]?: (data: GetDataType<P[K]>) => GetReturnType<P[K]> | Promise<GetReturnType<P[K]>>;
};

/** The refusal every feature gives a sender that is not one of the extension's own pages. */
export class UntrustedSenderError extends Error {
  constructor() {
    super('Refused: not sent by an extension page.');
    this.name = 'UntrustedSenderError';
  }
}

/**
 * Registers `handlers` for page messages; a message from an untrusted sender is refused (the
 * sender's promise rejects with UntrustedSenderError) without calling its handler.
 * Returns a function that removes every listener it added.
 */
export function handleTrustedMessages<P extends Record<string, any>>(options: {
  onMessage: OnMessage<P>;
  trusted(sender: SenderLike): boolean;
  handlers: MessageHandlers<P>;
}): () => void {
  const { onMessage, trusted, handlers } = options;
  const names = Object.keys(handlers) as (keyof P & string)[];
  const removers = names.map((name) =>
    onMessage(name, async ({ sender, data }) => {
      if (!trusted(sender as SenderLike)) throw new UntrustedSenderError();
      const handler = handlers[name] as (data: unknown) => unknown;
      return (await handler(data)) as never;
    }),
  );
  return () => removers.forEach((remove) => remove());
}
