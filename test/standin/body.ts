// Plug.Parsers at the endpoint: JSON, urlencoded (8 MB) and multipart (2 GB, streamed to disk) on non-GET requests.
import type { IncomingMessage } from 'node:http';
import { BodyError, decodeForm, decodeJsonBody, isJsonType, type Params } from './params.ts';
import { parseMultipart, type UploadedFile } from './multipart.ts';

export const FORM_LIMIT = 8_000_000;

function readText(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () =>
      tooLarge ? reject(new BodyError(413, 'too large')) : resolve(Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('client aborted the request'));
    });
  });
}

export function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    if (req.readableEnded) {
      resolve();
      return;
    }
    req.on('end', () => resolve());
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.resume();
  });
}

export async function readBody(
  req: IncomingMessage,
  tempPath: () => string,
): Promise<{ params: Params; files: UploadedFile[] }> {
  if (req.method === 'GET' || req.method === 'HEAD') {
    await drain(req);
    return { params: {}, files: [] };
  }
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  if (contentType.startsWith('multipart/form-data')) return parseMultipart(req, tempPath);
  if (isJsonType(contentType)) return { params: decodeJsonBody(await readText(req, FORM_LIMIT)), files: [] };
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    return { params: decodeForm(await readText(req, FORM_LIMIT)), files: [] };
  }
  await drain(req);
  return { params: {}, files: [] };
}
