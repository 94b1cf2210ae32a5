/**
 * Host names for fixture pages, so they are never on the Atlos stand-in's host (127.0.0.1): a grant
 * for the instance (match patterns ignore ports) would otherwise cover every fixture page.
 * Both browsers resolve them to 127.0.0.1: Chromium through `--host-resolver-rules`, Firefox
 * through the `network.dns.localDomains` preference.
 */
export const PAGE_HOST = 'news.site-a.test';
/** Cross-site media (a CDN on another site than the page). */
export const MEDIA_HOST = 'cdn.site-b.test';
/** A third site, where the hostile CDN redirects (test/fixtures/hostile.ts). */
export const THIRD_HOST = 'private.site-c.test';
export const FIXTURE_HOSTS = [PAGE_HOST, MEDIA_HOST, THIRD_HOST] as const;

/** `http://<host>:<port>` for a server listening on 127.0.0.1:<port>. */
export function hostOrigin(host: string, port: number): string {
  return `http://${host}:${port}`;
}

/** The same URL with a fixture host name replaced by 127.0.0.1, for requests made from Node (which cannot resolve `.test`). */
export function viaLoopback(url: string): string {
  const parsed = new URL(url);
  if ((FIXTURE_HOSTS as readonly string[]).includes(parsed.hostname)) parsed.hostname = '127.0.0.1';
  return parsed.href;
}
