// The /api request pipeline in Atlos's order: faults → body parsers → router → accepts → auth → action (§1.1, §2.13).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from './app.ts';
import { authenticate } from './auth.ts';
import { drain, readBody } from './body.ts';
import type { ChosenFault, Faults } from './faults.ts';
import { type ApiResponse, Crash, INVALID_TOKEN, type RouteHandler } from './http.ts';
import { discardFiles, type UploadedFile } from './multipart.ts';
import { BodyError, decodeForm, mergeParams, type Params } from './params.ts';
import type { RequestLog, RequestRecord } from './request-log.ts';
import { PROXY_502, sendEmpty, sendHtml, sendJson, sendPreRoutingError } from './respond.ts';
import { acceptsJson, matchRoute } from './router.ts';

export interface PipelineDeps {
  app: App;
  faults: Faults;
  log: RequestLog;
  stalls: Set<NodeJS.Timeout>;
}

function destroy(req: IncomingMessage): void {
  req.socket.destroy();
}

export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: PipelineDeps,
): Promise<void> {
  const { app, faults, log } = deps;
  const method = req.method ?? 'GET';
  const match = matchRoute(method, url.pathname);
  const query = decodeForm(url.search.slice(1));
  const authorization = req.headersDistinct.authorization?.join(', ') ?? null;
  const record = log.add({
    at: app.clock.now(),
    method,
    path: url.pathname,
    query,
    rawQuery: url.search.slice(1),
    authorization,
    accept: req.headers.accept ?? null,
    contentType: req.headers['content-type'] ?? null,
    status: 0,
    route: match?.name ?? null,
  });
  res.on('finish', () => {
    record.status = res.statusCode;
  });
  const fault = faults.pick(match?.name ?? null);
  if (fault) {
    record.fault = fault.kind;
    if (await applyEarlyFault(fault, req, res, deps)) return;
  }

  let body: { params: Params; files: UploadedFile[] };
  try {
    body = await readBody(req, () => app.files.tempPath());
  } catch (error) {
    if (!(error instanceof BodyError)) return destroy(req);
    await drain(req);
    return sendPreRoutingError(res, error.status, req.headers.accept);
  }
  try {
    if (!match) return sendPreRoutingError(res, 404, req.headers.accept);
    const params = mergeParams(query, body.params, match.pathParams);
    if (!acceptsJson(req.headers.accept) || ('_format' in params && params._format !== 'json')) {
      return sendPreRoutingError(res, 406, req.headers.accept);
    }
    const response = await runAction(req, params, body.files, deps, match.route.apiVersion, match.route.handler);
    if (fault?.kind === 'lost_response') return destroy(req); // acted, but the client never sees the answer
    send(res, response);
  } finally {
    void discardFiles(body.files);
  }
}

async function runAction(
  req: IncomingMessage,
  params: Params,
  files: UploadedFile[],
  deps: PipelineDeps,
  apiVersion: 'v1' | 'v2',
  handler: RouteHandler,
): Promise<ApiResponse> {
  const token = authenticate(deps.app.store, req.rawHeaders, apiVersion);
  if (!token) return { status: 401, body: { error: INVALID_TOKEN } };
  try {
    return await handler({ app: deps.app, token, params, files });
  } catch (error) {
    if (!(error instanceof Crash)) console.error('[standin] unexpected crash', error);
    return { status: 500 };
  }
}

function send(res: ServerResponse, response: ApiResponse): void {
  if (response.body === undefined) sendEmpty(res, response.status);
  else sendJson(res, response.status, response.body);
}

/** Faults that act before the server does anything; returns true when the request is finished. */
async function applyEarlyFault(
  fault: ChosenFault,
  req: IncomingMessage,
  res: ServerResponse,
  deps: PipelineDeps,
): Promise<boolean> {
  switch (fault.kind) {
    case 'reset':
      destroy(req);
      return true;
    case 'stall': {
      req.resume();
      const timer = setTimeout(() => {
        deps.stalls.delete(timer);
        destroy(req);
      }, fault.stallMs);
      deps.stalls.add(timer);
      return true;
    }
    case 'http500':
      await drain(req);
      sendEmpty(res, 500);
      return true;
    case 'html502':
      await drain(req);
      sendHtml(res, 502, PROXY_502);
      return true;
    default:
      return false;
  }
}

export type { RequestRecord };
