import { describe, expect, it } from 'vitest';
import { fetchMediaInPage, findMediaElement, readBodyLimited } from './media';

describe('readBodyLimited', () => {
  it('reads a body within the limit', async () => {
    const body = await readBodyLimited(new Response(new Uint8Array([1, 2, 3])), 3);
    expect(Array.from(body as Uint8Array)).toEqual([1, 2, 3]);
  });
  it('stops at the limit, even without a Content-Length', async () => {
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(10)); // endless
      },
    });
    expect(await readBodyLimited(new Response(stream), 25)).toBe('too_large');
  });
  it('refuses at once when Content-Length says too large', async () => {
    const response = new Response(new Uint8Array(10), { headers: { 'content-length': '10' } });
    expect(await readBodyLimited(response, 5)).toBe('too_large');
  });
});

const opts = { maxBytes: 100, kind: 'image' as const, timeoutMs: 5_000 };

function answering(body: BodyInit, init: ResponseInit & { url?: string } = {}) {
  return (async () => {
    const response = new Response(body, init);
    if (init.url) Object.defineProperty(response, 'url', { value: init.url });
    return response;
  }) as unknown as typeof fetch;
}

describe('fetchMediaInPage', () => {
  it('refuses an answer that came from another site, and one that is not the media kind', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]);
    const redirected = answering(png, {
      headers: { 'content-type': 'image/png' },
      url: 'https://private.other.test/me.png',
    });
    expect(await fetchMediaInPage('https://cdn.x.test/a.png', opts, redirected)).toEqual({
      ok: false,
      reason: 'redirected',
      finalUrl: 'https://private.other.test/me.png',
    });
    const sameSiteHop = answering(png, { headers: { 'content-type': 'image/png' }, url: 'https://img.x.test/a.png' });
    expect(await fetchMediaInPage('https://cdn.x.test/a.png', opts, sameSiteHop)).toMatchObject({
      ok: true,
      finalUrl: 'https://img.x.test/a.png',
    });
    const page = answering('<!DOCTYPE html><p>secret</p>', { headers: { 'content-type': 'image/png' } });
    expect(await fetchMediaInPage('https://cdn.x.test/a.png', opts, page)).toEqual({
      ok: false,
      reason: 'wrong_type',
      sent: 'text/html',
    });
  });

  it('fetches with the page cookies and cache, and holds the bytes for the background', async () => {
    let init: RequestInit | undefined;
    const result = await fetchMediaInPage('https://x.test/a.png', opts, (async (_url: string, i?: RequestInit) => {
      init = i;
      return new Response(new Uint8Array([9, 9]), { headers: { 'content-type': 'image/png' } });
    }) as unknown as typeof fetch);
    expect(init).toMatchObject({ credentials: 'include', cache: 'force-cache' });
    expect(result).toMatchObject({ ok: true, size: 2, contentType: 'image/png' });
    const held = (globalThis as { __atlosPayloads?: Map<string, Uint8Array> }).__atlosPayloads!;
    expect(Array.from(held.get((result as { id: string }).id)!)).toEqual([9, 9]);
  });
  it('says why when it cannot', async () => {
    const denied = (async () => new Response('no', { status: 403 })) as unknown as typeof fetch;
    expect(await fetchMediaInPage('https://x.test/a.png', opts, denied)).toEqual({
      ok: false,
      reason: 'http',
      status: 403,
    });
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await fetchMediaInPage('blob:https://x.test/1', opts, offline)).toEqual({
      ok: false,
      reason: 'network',
      message: 'Failed to fetch',
    });
  });
});

describe('findMediaElement', () => {
  it('finds images, video sources and posters by absolute URL', () => {
    document.body.innerHTML = `
      <img id="i" src="/img/a.jpg">
      <video id="v"><source src="https://cdn.test/v.mp4"></video>
      <video id="p" poster="/poster.jpg"></video>`;
    const base = new URL('/img/a.jpg', document.baseURI).href;
    expect(findMediaElement(document, base)?.id).toBe('i');
    expect(findMediaElement(document, 'https://cdn.test/v.mp4')?.id).toBe('v');
    expect(findMediaElement(document, new URL('/poster.jpg', document.baseURI).href)?.id).toBe('p');
    expect(findMediaElement(document, 'https://elsewhere.test/none.png')).toBeNull();
  });
});
