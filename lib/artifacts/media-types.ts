/**
 * The file extension of original media: from the response's Content-Type when it names a known
 * type, else from the URL's path, else a neutral `.bin` (Atlos keeps only the extension).
 */
const EXTENSION_BY_MIME: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/pjpeg': 'jpg',
  'image/png': 'png',
  'image/apng': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/svg+xml': 'svg',
  'image/bmp': 'bmp',
  'image/x-icon': 'ico',
  'image/vnd.microsoft.icon': 'ico',
  'image/tiff': 'tiff',
  'image/heic': 'heic',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/ogg': 'ogv',
  'video/quicktime': 'mov',
  'video/x-matroska': 'mkv',
  'video/mp2t': 'ts',
  'video/3gpp': '3gp',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/mp4': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/aac': 'aac',
  'audio/ogg': 'ogg',
  'audio/opus': 'opus',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/webm': 'weba',
  'audio/flac': 'flac',
  'audio/x-flac': 'flac',
};

const MIME_BY_EXTENSION: Record<string, string> = Object.fromEntries(
  Object.entries(EXTENSION_BY_MIME)
    .reverse()
    .map(([mime, ext]) => [ext, mime]),
);
Object.assign(MIME_BY_EXTENSION, { jpeg: 'image/jpeg', jpg: 'image/jpeg', m4v: 'video/mp4', oga: 'audio/ogg' });

/** `image/JPEG; charset=x` → `image/jpeg`; empty when absent. */
export function essenceOf(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

function extensionFromUrl(url: string): string | null {
  try {
    const path = new URL(url).pathname;
    const match = /\.([a-z0-9]{1,5})$/i.exec(path);
    const ext = match?.[1]?.toLowerCase();
    return ext && ext in MIME_BY_EXTENSION ? (ext === 'jpeg' ? 'jpg' : ext) : null;
  } catch {
    return null;
  }
}

/** The extension (no dot) and MIME type to store original media under. */
export function mediaFileType(
  contentType: string | null | undefined,
  url: string,
): { extension: string; mimeType: string } {
  const essence = essenceOf(contentType);
  const byMime = EXTENSION_BY_MIME[essence];
  if (byMime) return { extension: byMime, mimeType: essence };
  const byUrl = extensionFromUrl(url);
  if (byUrl) return { extension: byUrl, mimeType: MIME_BY_EXTENSION[byUrl]! };
  // A type we do not know (e.g. application/octet-stream): keep the server's word, neutral extension.
  return { extension: 'bin', mimeType: essence || 'application/octet-stream' };
}
