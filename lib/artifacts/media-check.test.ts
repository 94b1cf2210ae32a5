import { describe, expect, it } from 'vitest';
import { mediaTypeMismatch, sameSite, siteOf, sniffMedia } from './media-check';

const bytes = (...values: Array<number | string>) =>
  new Uint8Array(values.flatMap((v) => (typeof v === 'string' ? Array.from(v, (c) => c.charCodeAt(0)) : [v])));

describe('sites', () => {
  it('groups subdomains of one registrable name, and tells schemes and other names apart', () => {
    expect(siteOf('https://cdn.news.example.org/a.png')).toBe('https://example.org');
    expect(siteOf('https://img.bbc.co.uk/a.png')).toBe('https://bbc.co.uk');
    expect(siteOf('http://127.0.0.1:4020/x')).toBe('http://127.0.0.1');
    expect(siteOf('not a url')).toBeNull();
    expect(sameSite('http://news.site-a.test:5000/', 'http://cdn.site-a.test:5000/p.png')).toBe(true);
    expect(sameSite('http://news.site-a.test/', 'http://cdn.site-b.test/p.png')).toBe(false);
    expect(sameSite('https://example.org/', 'http://example.org/')).toBe(false);
    expect(sameSite('https://a.co.uk/', 'https://b.co.uk/')).toBe(false);
  });
});

describe('media bytes', () => {
  it('recognises common formats by their first bytes', () => {
    expect(sniffMedia(bytes(0x89, 'PNG', 13, 10))).toBe('image');
    expect(sniffMedia(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image');
    expect(sniffMedia(bytes('RIFF', 0, 0, 0, 0, 'WEBP'))).toBe('image');
    expect(sniffMedia(bytes('RIFF', 0, 0, 0, 0, 'WAVE'))).toBe('audio');
    expect(sniffMedia(bytes(0, 0, 0, 0x20, 'ftypisom'))).toBe('video-or-audio');
    expect(sniffMedia(bytes(0, 0, 0, 0x20, 'ftypavif'))).toBe('image');
    expect(sniffMedia(bytes(0x1a, 0x45, 0xdf, 0xa3))).toBe('video-or-audio');
    expect(sniffMedia(bytes('ID3', 4, 0))).toBe('audio');
    expect(sniffMedia(bytes('  <svg xmlns="http://www.w3.org/2000/svg">'))).toBe('image');
    expect(sniffMedia(bytes('\n<!DOCTYPE html><html>'))).toBe('html');
    expect(sniffMedia(bytes('{"ok":true}'))).toBe('unknown');
  });

  it('accepts bytes that fit the kind and names what was sent when they do not', () => {
    const png = bytes(0x89, 'PNG', 13, 10);
    expect(mediaTypeMismatch('image', 'image/png', png)).toBeNull();
    expect(mediaTypeMismatch('image', 'application/octet-stream', png)).toBeNull();
    expect(mediaTypeMismatch('image', 'image/png', bytes('<html><body>private'))).toBe('text/html');
    expect(mediaTypeMismatch('video', 'video/mp4', png)).toBe('image/*');
    expect(mediaTypeMismatch('video', 'image/png', png)).toBe('image/png');
    expect(mediaTypeMismatch('image', 'application/json', bytes('{"a":1}'))).toBe('application/json');
    expect(mediaTypeMismatch('image', 'image/x-new', bytes(1, 2, 3))).toBeNull();
    expect(mediaTypeMismatch('audio', 'application/ogg', bytes(1, 2, 3))).toBeNull();
    expect(mediaTypeMismatch('audio', 'video/mp4', bytes(0, 0, 0, 0x20, 'ftypM4A '))).toBeNull();
  });
});
