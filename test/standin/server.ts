// Local Atlos API v2 stand-in (see docs/atlos-api-behaviour.md): startStandin() is the fixed contract used by tests.
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { App } from './app.ts';
import type { ArchiverMode } from './archiver.ts';
import {
  createControl,
  handleControlHttp,
  type StandinControl,
  type StandinState,
  type StateIncident,
  type StateSourceMaterial,
  type StateUpdate,
} from './control.ts';
import { Faults, type FaultKind } from './faults.ts';
import { handleApi } from './pipeline.ts';
import { RequestLog, type RequestRecord } from './request-log.ts';
import { sendHtml, sendPreRoutingError } from './respond.ts';
import { drain } from './body.ts';
import { decodeForm } from './params.ts';
import { matchRoute } from './router.ts';
import type { Fixtures } from './seed.ts';

export type { FaultKind, RequestRecord, StandinControl, StandinState, StateIncident, StateSourceMaterial, StateUpdate };

export interface StandinOptions {
  port?: number;
  incidents?: number;
  archiver?: ArchiverMode;
  archiveDurationMs?: number;
  createLatencyMs?: number;
  /** Additive: delay of the asynchronous auto-metadata step that makes source URLs searchable (default 50). */
  autoMetadataDelayMs?: number;
}

export interface Standin {
  url: string;
  tokens: Fixtures['tokens'];
  /** Human-readable permissions of each token (additive). */
  tokenPermissions: Fixtures['tokenPermissions'];
  projects: Fixtures['projects'];
  known: Fixtures['known'];
  control: StandinControl;
  close(): Promise<void>;
}

export async function startStandin(options: StandinOptions = {}): Promise<Standin> {
  const app = new App({
    incidents: options.incidents ?? 250,
    archiver: options.archiver ?? 'auto',
    archiveDurationMs: options.archiveDurationMs ?? 2000,
    createLatencyMs: options.createLatencyMs ?? 15,
    autoMetadataDelayMs: options.autoMetadataDelayMs ?? 50,
  });
  const faults = new Faults();
  const log = new RequestLog();
  const stalls = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  let offline = false;
  const control = createControl({
    app,
    faults,
    log,
    setOffline: (value) => {
      offline = value;
    },
  });
  const fixtures = (): Record<string, unknown> => ({
    url: app.baseUrl,
    tokens: app.fixtures.tokens,
    tokenPermissions: app.fixtures.tokenPermissions,
    projects: app.fixtures.projects,
    known: app.fixtures.known,
  });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (path.startsWith('/__standin/')) return handleControlHttp(req, res, path, control, fixtures);
    if (offline) {
      if (path.startsWith('/api/')) {
        log.add({
          at: app.clock.now(),
          method: req.method ?? 'GET',
          path,
          query: decodeForm(url.search.slice(1)),
          rawQuery: url.search.slice(1),
          authorization: req.headersDistinct.authorization?.join(', ') ?? null,
          accept: req.headers.accept ?? null,
          contentType: req.headers['content-type'] ?? null,
          status: 0,
          route: matchRoute(req.method ?? 'GET', path)?.name ?? null,
          fault: 'offline',
        });
      }
      req.socket.destroy();
      return;
    }
    if (path.startsWith('/__files/')) return serveFile(req, res, path.slice('/__files/'.length));
    if (path.startsWith('/api/')) return handleApi(req, res, url, { app, faults, log, stalls });
    await drain(req);
    sendPreRoutingError(res, 404, req.headers.accept);
  };

  const serveFile = async (req: IncomingMessage, res: ServerResponse, id: string): Promise<void> => {
    await drain(req);
    const file = app.store.files.get(id);
    if (!file) return sendHtml(res, 404);
    res.writeHead(200, { 'content-type': file.mime });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file.path)
      .on('error', () => res.destroy())
      .pipe(res);
  };

  // Atlos accepts query strings up to 1,000,000 bytes (§6.1); Node's default header limit is 16 KB.
  const server = createServer({ maxHeaderSize: 1_100_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[standin] request failed', error);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.requestTimeout = 0; // 200 MB uploads over slow links must not be cut off
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  app.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: app.baseUrl,
    get tokens() {
      return app.fixtures.tokens;
    },
    get tokenPermissions() {
      return app.fixtures.tokenPermissions;
    },
    get projects() {
      return app.fixtures.projects;
    },
    get known() {
      return app.fixtures.known;
    },
    control,
    close: async () => {
      for (const timer of stalls) clearTimeout(timer);
      stalls.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      app.close();
    },
  };
}
