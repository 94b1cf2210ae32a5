/**
 * How long the stand-in itself spends on each /api request, without touching its code: Node's
 * built-in HTTP diagnostics channels fire when a request arrives and when its response finishes
 * (https://nodejs.org/api/diagnostics_channel.html#http). The stand-in runs in this process.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface TimedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** performance.now() of this process at arrival and at the end of the response. */
  start: number;
  end: number | null;
}

export interface StandinTiming {
  /** Requests to `port` under /api whose arrival is in [from, to]. */
  between(from: number, to: number): TimedRequest[];
  clear(): void;
}

export function timeStandinRequests(port: () => number | null): StandinTiming {
  let records: TimedRequest[] = [];
  const open = new WeakMap<IncomingMessage, TimedRequest>();
  subscribe('http.server.request.start', (message) => {
    const { request } = message as { request: IncomingMessage };
    const url = new URL(request.url ?? '/', 'http://x');
    const host = request.headers.host ?? '';
    if (!url.pathname.startsWith('/api/') || !host.endsWith(`:${port()}`)) return;
    const record: TimedRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      start: performance.now(),
      end: null,
    };
    open.set(request, record);
    records.push(record);
  });
  subscribe('http.server.response.finish', (message) => {
    const { request } = message as { request: IncomingMessage; response: ServerResponse };
    const record = open.get(request);
    if (record) record.end = performance.now();
  });
  return {
    between: (from, to) => records.filter((r) => r.start >= from && r.start <= to),
    clear: () => {
      records = [];
    },
  };
}

/** Total time covered by at least one request (overlapping requests count once). */
export function busyTime(requests: readonly TimedRequest[], until = performance.now()): number {
  const spans = requests.map((r) => [r.start, r.end ?? until] as const).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [from, to] = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (const [start, end] of spans) {
    if (start > to) {
      if (to > from) total += to - from;
      [from, to] = [start, end];
    } else to = Math.max(to, end);
  }
  if (to > from) total += to - from;
  return total;
}
