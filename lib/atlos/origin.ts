/**
 * Which Atlos base URLs may receive an API token.
 * https on any host; plain http only on the loopback host names (local stand-in, self-hosting dev),
 * because a redirect or an eavesdropper on http would expose the token (docs/atlos-api-behaviour.md §9).
 */
export type AtlosOriginCheck = { ok: true; origin: string } | { ok: false; reason: 'invalid' | 'insecure' };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function checkAtlosOrigin(url: string): AtlosOriginCheck {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  // Credentials in the URL would be sent along with every request; a host is mandatory.
  if (!parsed.hostname || parsed.username || parsed.password) return { ok: false, reason: 'invalid' };
  if (parsed.protocol === 'https:') return { ok: true, origin: parsed.origin };
  if (parsed.protocol === 'http:') {
    return LOOPBACK_HOSTS.has(parsed.hostname.toLowerCase())
      ? { ok: true, origin: parsed.origin }
      : { ok: false, reason: 'insecure' };
  }
  return { ok: false, reason: 'invalid' };
}
