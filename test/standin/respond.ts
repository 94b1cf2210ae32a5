// Writing responses the way Phoenix/Cowboy do: session cookie everywhere, HTML error pages, empty 500s (§2.13, §9).
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  406: 'Not Acceptable',
  413: 'Request Entity Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
};

function commonHeaders(res: ServerResponse): void {
  // Every response carries the session cookie set by the remote-IP plug (§1.1); the API ignores it.
  const session = `SFMyNTY.${randomBytes(24).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
  res.setHeader('set-cookie', `_platform_key=${session}; path=/; max-age=2592000; HttpOnly; SameSite=Lax`);
  res.setHeader('x-request-id', randomBytes(15).toString('base64url'));
  res.setHeader('cache-control', 'max-age=0, private, must-revalidate');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  commonHeaders(res);
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number): void {
  commonHeaders(res);
  res.writeHead(status, { 'content-length': 0 });
  res.end();
}

export function sendHtml(res: ServerResponse, status: number, html?: string): void {
  commonHeaders(res);
  const reason = REASONS[status] ?? 'Error';
  const text =
    html ??
    `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${reason} · Atlos</title></head><body><h1>${reason}</h1><p>Sorry, something went wrong.</p></body></html>\n`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export const PROXY_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/**
 * Errors raised before routing (malformed JSON 400, 413, unknown route 404) and the 406: a missing Accept, or one
 * containing the any-type (star/star) entry, renders HTML with the real status; `Accept: application/json` makes the renderer crash → empty 500.
 */
export function sendPreRoutingError(res: ServerResponse, status: number, accept: string | undefined): void {
  const entries = (accept ?? '').split(',').map((e) => e.split(';')[0]?.trim().toLowerCase() ?? '');
  const html =
    accept === undefined || accept.trim() === '' || entries.includes('*/*') || !entries.includes('application/json');
  if (html) sendHtml(res, status);
  else sendEmpty(res, 500);
}
