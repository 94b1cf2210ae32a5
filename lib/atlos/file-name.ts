/**
 * Atlos keeps only the extension of an uploaded file's name and derives the artifact's MIME type
 * from it (docs/atlos-api-behaviour.md §6.2), so a name without the right extension is stored as
 * application/octet-stream. This adds one from the blob's type when the name has none.
 */
const EXTENSIONS: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/webp': '.webp',
  'image/gif': '.gif',
  'image/avif': '.avif',
  'image/svg+xml': '.svg',
  'application/pdf': '.pdf',
  'text/html': '.html',
  'multipart/related': '.mhtml',
  'application/x-mimearchive': '.mhtml',
  'application/json': '.json',
  'text/plain': '.txt',
  'video/mp4': '.mp4',
  'video/webm': '.webm',
  'audio/mpeg': '.mp3',
  'audio/ogg': '.ogg',
  'application/wacz': '.wacz',
  'application/zip': '.zip',
};

export function uploadFileName(fileName: string, mimeType: string): string {
  const name = fileName.trim() || 'upload';
  if (/\.[0-9A-Za-z]{1,8}$/.test(name)) return name;
  const extension = EXTENSIONS[mimeType.split(';')[0]!.trim().toLowerCase()];
  return extension ? `${name}${extension}` : name;
}
