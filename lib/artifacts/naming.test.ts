import { describe, expect, it } from 'vitest';
import { mediaFileType } from './media-types';
import {
  elementScreenshotName,
  fullPageScreenshotName,
  originalMediaName,
  pageArchiveName,
  titleTimestamp,
  viewportScreenshotName,
} from './naming';

const at = '2026-11-27T14:03:59.123Z';

describe('titles and file names', () => {
  it('formats the timestamp to the minute in UTC', () => {
    expect(titleTimestamp(at)).toBe('2026-11-27 14:03 UTC');
  });
  it('names screenshots', () => {
    expect(viewportScreenshotName(at)).toEqual({
      title: 'Visible-area screenshot (browser, 2026-11-27 14:03 UTC)',
      fileName: 'visible-area-screenshot.png',
    });
    expect(fullPageScreenshotName(at, { index: 1, count: 1 })).toEqual({
      title: 'Full-page screenshot (browser, 2026-11-27 14:03 UTC)',
      fileName: 'full-page-screenshot.png',
    });
    expect(fullPageScreenshotName(at, { index: 2, count: 3 })).toEqual({
      title: 'Full-page screenshot, part 2 of 3 (browser, 2026-11-27 14:03 UTC)',
      fileName: 'full-page-screenshot-part-2-of-3.png',
    });
  });
  it('names archives by format', () => {
    expect(pageArchiveName(at, 'mhtml')).toEqual({
      title: 'Page archive (MHTML, browser, 2026-11-27 14:03 UTC)',
      fileName: 'page-archive.mhtml',
    });
    expect(pageArchiveName(at, 'html')).toEqual({
      title: 'Page archive (HTML, browser, 2026-11-27 14:03 UTC)',
      fileName: 'page-archive.html',
    });
  });
  it('names media and element screenshots', () => {
    expect(originalMediaName(at, 'image', 'jpg')).toEqual({
      title: 'Original image (browser, 2026-11-27 14:03 UTC)',
      fileName: 'original-image.jpg',
    });
    expect(originalMediaName(at, 'video', 'mp4').fileName).toBe('original-video.mp4');
    expect(elementScreenshotName(at, 'audio')).toEqual({
      title: 'Element screenshot of the audio player (browser, 2026-11-27 14:03 UTC)',
      fileName: 'element-screenshot-audio.png',
    });
  });
});

describe('mediaFileType', () => {
  it('prefers the Content-Type', () => {
    expect(mediaFileType('image/JPEG; charset=binary', 'https://x.test/a.png')).toEqual({
      extension: 'jpg',
      mimeType: 'image/jpeg',
    });
    expect(mediaFileType('video/webm', 'https://x.test/v')).toEqual({ extension: 'webm', mimeType: 'video/webm' });
    expect(mediaFileType('audio/mpeg', 'https://x.test/a')).toEqual({ extension: 'mp3', mimeType: 'audio/mpeg' });
    expect(mediaFileType('image/svg+xml', 'https://x.test/a')).toEqual({ extension: 'svg', mimeType: 'image/svg+xml' });
  });
  it('falls back to the URL path when the type is unknown or generic', () => {
    expect(mediaFileType('application/octet-stream', 'https://cdn.test/p/photo.JPEG?w=200')).toEqual({
      extension: 'jpg',
      mimeType: 'image/jpeg',
    });
    expect(mediaFileType('', 'https://cdn.test/clip.mp4')).toEqual({ extension: 'mp4', mimeType: 'video/mp4' });
    expect(mediaFileType(null, 'https://cdn.test/song.ogg')).toEqual({ extension: 'ogg', mimeType: 'audio/ogg' });
  });
  it('uses .bin and keeps the server type when neither says', () => {
    expect(mediaFileType('application/x-thing', 'blob:https://x.test/1234')).toEqual({
      extension: 'bin',
      mimeType: 'application/x-thing',
    });
    expect(mediaFileType(undefined, 'https://x.test/file.exe')).toEqual({
      extension: 'bin',
      mimeType: 'application/octet-stream',
    });
  });
});
