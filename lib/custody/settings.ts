/**
 * The trusted-timestamp setting (off by default): whether to ask an RFC 3161 TSA, and which.
 * Stored in `storage.local`; it holds no secret. The TSA's origin is an optional host permission
 * asked for when the person turns it on (the background sends it the manifest's SHA-256 only).
 */
import { storage } from 'wxt/utils/storage';

export interface TimestampSettings {
  enabled: boolean;
  url: string;
}

export const DEFAULT_TIMESTAMP_SETTINGS: TimestampSettings = { enabled: false, url: '' };

export const timestampSettingsItem = storage.defineItem<TimestampSettings>('local:custodyTimestamp', {
  version: 1,
  fallback: DEFAULT_TIMESTAMP_SETTINGS,
});

/**
 * A TSA URL we can send to: http or https (a token is signed, so plain http cannot forge one;
 * many public TSAs answer on http), a host, no credentials.
 */
export function tsaUrlProblem(url: string): 'invalid' | null {
  try {
    const parsed = new URL(url.trim());
    if (!['https:', 'http:'].includes(parsed.protocol) || !parsed.hostname || parsed.username || parsed.password)
      return 'invalid';
    return null;
  } catch {
    return 'invalid';
  }
}

/** Match pattern for the TSA's origin (ports left out: Firefox match patterns ignore them). */
export function tsaOriginPattern(url: string): string {
  const parsed = new URL(url.trim());
  return `${parsed.protocol}//${parsed.hostname}/*`;
}

export async function getTimestampSettings(): Promise<TimestampSettings> {
  const value = await timestampSettingsItem.getValue();
  return { enabled: value?.enabled === true, url: typeof value?.url === 'string' ? value.url : '' };
}

/** The URL to ask, or null when timestamps are off or the URL is unusable. */
export async function activeTsaUrl(): Promise<string | null> {
  const { enabled, url } = await getTimestampSettings();
  return enabled && !tsaUrlProblem(url) ? url.trim() : null;
}
