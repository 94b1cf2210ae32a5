/**
 * The one typed protocol between extension pages (popup, options) and the background.
 * Each feature declares its messages in its own `protocol.ts`; this file only joins them.
 * Every Atlos request happens in the background: pages never see a token.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ConnectionsProtocol } from './connections/protocol';
import type { IncidentsProtocol } from './incidents/protocol';
import type { CaptureProtocol } from './capture/protocol';
import type { CustodyProtocol } from './custody/protocol';

export interface ProtocolMap extends ConnectionsProtocol, IncidentsProtocol, CaptureProtocol, CustodyProtocol {}

export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>();
