/** The options page's connection API: messages to the background plus the browser's permission prompt. */
import { browser } from 'wxt/browser';
import type { ConnectionsApi } from '@/components/connections-api';
import { sendMessage } from '@/lib/messaging';
import { requestInstanceAccess } from '@/lib/connections/permissions';

export function createOptionsApi(): ConnectionsApi {
  return {
    list: () => sendMessage('listConnections', undefined),
    connect: (input) => sendMessage('connect', input),
    replaceToken: (input) => sendMessage('replaceToken', input),
    disconnect: (input) => sendMessage('disconnect', input),
    recheck: (input) => sendMessage('recheckConnection', input),
    requestInstanceAccess: (origin) => requestInstanceAccess(browser.permissions, origin),
  };
}
