// Artifact bytes on disk (a temp directory per stand-in), plus small real PNGs for seeded and archiver artifacts.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { PNG } from 'pngjs';

export interface WrittenFile {
  path: string;
  storedName: string;
  sha256: string;
  size: number;
}

export class FileDir {
  readonly dir: string;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'atlos-standin-'));
  }

  /** A fresh path for an incoming file (the multipart parser streams into it). */
  tempPath(): string {
    return join(this.dir, `upload-${randomUUID()}`);
  }

  write(bytes: Buffer, ext: string): WrittenFile {
    const storedName = `original-${randomUUID().slice(0, 8)}${ext}`;
    const path = join(this.dir, `${randomUUID()}-${storedName}`);
    writeFileSync(path, bytes);
    return { path, storedName, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A small but real PNG whose pixels depend on `variant`, so different artifacts get different hashes. */
export function makePng(width: number, height: number, variant: number): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (width * y + x) << 2;
      png.data[i] = (x * 4 + variant * 37) & 0xff;
      png.data[i + 1] = (y * 3 + variant * 11) & 0xff;
      png.data[i + 2] = (variant * 97 + ((x ^ y) & 0x1f)) & 0xff;
      png.data[i + 3] = 0xff;
    }
  }
  return PNG.sync.write(png);
}

const MIME_BY_EXTENSION: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.bmp': 'image/bmp',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.ico': 'image/vnd.microsoft.icon',
  '.mp4': 'video/mp4',
  '.m4v': 'video/x-m4v',
  '.webm': 'video/webm',
  '.mov': 'video/quicktime',
  '.mkv': 'video/x-matroska',
  '.avi': 'video/x-msvideo',
  '.ogv': 'video/ogg',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.pdf': 'application/pdf',
  '.json': 'application/json',
  '.txt': 'text/plain',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.css': 'text/css',
  '.csv': 'text/csv',
  '.xml': 'text/xml',
  '.js': 'text/javascript',
  '.zip': 'application/zip',
  '.gz': 'application/gzip',
  '.tar': 'application/x-tar',
  '.warc': 'application/warc',
};

/** MIME from the file-name extension, case-insensitive; unknown → application/octet-stream (docs/atlos-api-behaviour.md §4.4). */
export function mimeFromExtension(ext: string): string {
  return MIME_BY_EXTENSION[ext.toLowerCase()] ?? 'application/octet-stream';
}

/** Like Elixir's Path.extname on the client filename: last extension of the base name, '' for dotfiles. */
export function extensionOf(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  return extname(base);
}
