// Streams multipart bodies to disk with busboy, hashing file parts while they stream (bench uploads reach 200 MB).
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { addParam, BodyError, type Params } from './params.ts';

/** A file part (it had a filename), stored in a temp file. Other parts are plain string fields. */
export class UploadedFile {
  filename: string;
  contentType: string;
  path: string;
  size = 0;
  sha256 = '';
  constructor(filename: string, contentType: string, path: string) {
    this.filename = filename;
    this.contentType = contentType;
    this.path = path;
  }
  toJSON(): string {
    return `[file ${this.filename}]`;
  }
}

export const MULTIPART_LIMIT = 2_000_000_000;

export function parseMultipart(
  req: IncomingMessage,
  tempPath: () => string,
): Promise<{ params: Params; files: UploadedFile[] }> {
  return new Promise((resolve, reject) => {
    const params: Params = {};
    const files: UploadedFile[] = [];
    const writes: Promise<void>[] = [];
    let received = 0;
    let failed = false;
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      req.unpipe();
      req.resume();
      void Promise.allSettled(writes).then(() => discardFiles(files));
      reject(error);
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fieldSize: 8_000_000 } });
    } catch {
      reject(new BodyError(400, 'malformed multipart'));
      return;
    }
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > MULTIPART_LIMIT) fail(new BodyError(413, 'request entity too large'));
    });
    parser.on('field', (name, value) => addParam(params, name, value));
    parser.on('file', (name, stream, info) => {
      const file = new UploadedFile(info.filename ?? '', info.mimeType, tempPath());
      files.push(file);
      addParam(params, name, file);
      const hash = createHash('sha256');
      const out = createWriteStream(file.path);
      writes.push(
        new Promise<void>((done, error) => {
          stream.on('data', (chunk: Buffer) => {
            hash.update(chunk);
            file.size += chunk.length;
          });
          stream.on('end', () => {
            file.sha256 = hash.digest('hex');
          });
          out.on('finish', done);
          out.on('error', error);
          stream.pipe(out);
        }),
      );
    });
    parser.on('error', () => fail(new BodyError(400, 'malformed multipart')));
    parser.on('close', () => {
      if (failed) return;
      Promise.all(writes).then(
        () => resolve({ params, files }),
        (error: Error) => fail(error),
      );
    });
    req.on('error', (error) => fail(error));
    req.on('close', () => {
      if (!req.complete) fail(new Error('client aborted the upload'));
    });
    req.pipe(parser);
  });
}

export async function discardFiles(files: UploadedFile[]): Promise<void> {
  await Promise.all(files.map((f) => unlink(f.path).catch(() => undefined)));
}
