/**
 * Is this really the media that was clicked? Pure checks shared by the page fetch and the
 * background fetch (media.ts, page/media.ts):
 * - sites: cookies go only to the page's own site, and a redirect to another site is refused;
 * - bytes: the Content-Type and the file's magic bytes must fit the kind (image/video/audio),
 *   so a server cannot answer the extension with a web page or another kind of file.
 */
import { essenceOf } from './media-types';

export type MediaKind = 'image' | 'video' | 'audio';

// Second-level labels under which registries sell names (example.co.uk, example.com.au).
// Without the Public Suffix List this is an approximation that errs towards "another site"
// for unknown multi-label suffixes, which only means cookies are not sent.
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'edu', 'ac', 'or', 'ne', 'go', 'gob', 'mil', 'nic']);

/** "https://example.co.uk" for "https://cdn.example.co.uk/a.png"; null for URLs without a host. */
export function siteOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  if (!host) return null;
  const isIp = /^[\d.]+$/.test(host) || host.startsWith('[');
  const labels = host.split('.');
  let keep = 2;
  if (labels.length >= 3 && labels.at(-1)!.length === 2 && SECOND_LEVEL.has(labels.at(-2)!)) keep = 3;
  const site = isIp || labels.length <= keep ? host : labels.slice(-keep).join('.');
  return `${parsed.protocol}//${site}`;
}

export function sameSite(a: string, b: string): boolean {
  const siteA = siteOf(a);
  return siteA !== null && siteA === siteOf(b);
}

type Sniffed = MediaKind | 'video-or-audio' | 'html' | 'unknown';

function startsWith(bytes: Uint8Array, signature: number[], at = 0): boolean {
  return signature.every((byte, i) => bytes[at + i] === byte);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

/** What the first bytes (64 are enough) say the file is. */
export function sniffMedia(head: Uint8Array): Sniffed {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47]) || startsWith(head, [0xff, 0xd8, 0xff])) return 'image';
  if (ascii(head, 0, 4) === 'GIF8' || ascii(head, 0, 2) === 'BM' || startsWith(head, [0, 0, 1, 0])) return 'image';
  if (ascii(head, 0, 4) === 'RIFF') {
    const form = ascii(head, 8, 12);
    if (form === 'WEBP') return 'image';
    if (form === 'WAVE') return 'audio';
    if (form === 'AVI ') return 'video';
  }
  if (ascii(head, 4, 8) === 'ftyp') {
    const brand = ascii(head, 8, 12);
    if (/^(avif|avis|heic|heix|mif1|msf1)$/.test(brand)) return 'image';
    return 'video-or-audio'; // mp4, m4a, mov, 3gp share the container
  }
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3]) || ascii(head, 0, 4) === 'OggS') return 'video-or-audio';
  if (ascii(head, 0, 3) === 'ID3' || ascii(head, 0, 4) === 'fLaC') return 'audio';
  if (head[0] === 0xff && head[1] !== undefined && (head[1] & 0xe0) === 0xe0) return 'audio'; // MPEG audio / ADTS frame
  const text = new TextDecoder()
    .decode(head)
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (text.startsWith('<svg') || (text.startsWith('<?xml') && text.includes('<svg'))) return 'image';
  if (/^<(!doctype html|html|head|body|script|!--)/.test(text)) return 'html';
  return 'unknown';
}

const GENERIC_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);
const CONTAINER_TYPES = new Set(['application/ogg', 'application/mp4']);

/**
 * Null when the bytes may be the `kind` of media asked for; otherwise what was sent instead
 * (its Content-Type, or what its bytes are), to name in the problem.
 */
export function mediaTypeMismatch(
  kind: MediaKind,
  contentType: string | null | undefined,
  head: Uint8Array,
): string | null {
  const essence = essenceOf(contentType);
  const sniffed = sniffMedia(head);
  // Named by what the bytes are when they say it, whatever the server declared.
  if (sniffed === 'html') return 'text/html';
  if (sniffed === kind || (sniffed === 'video-or-audio' && kind !== 'image')) return null;
  const fits =
    essence.startsWith(`${kind}/`) || GENERIC_TYPES.has(essence) || (kind !== 'image' && CONTAINER_TYPES.has(essence));
  if (sniffed !== 'unknown') return fits ? `${sniffed === 'video-or-audio' ? 'video' : sniffed}/*` : essence;
  // Bytes we do not recognise: the declared type must at least fit.
  return fits ? null : essence;
}
