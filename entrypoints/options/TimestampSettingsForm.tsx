/**
 * Trusted timestamps (off by default): a checkbox and the TSA's URL. Turning them on asks the
 * browser for that origin only (optional host permission), in the Save click itself, before
 * anything is awaited (the request needs the click's user gesture).
 */
import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import type { PermissionsApi } from '@/lib/connections/permissions';
import { tsaOriginPattern, tsaUrlProblem, type TimestampSettings } from '@/lib/custody/settings';

export interface TimestampSettingsFormProps {
  permissions: PermissionsApi;
  load(): Promise<TimestampSettings>;
  save(value: TimestampSettings): Promise<void>;
}

export function TimestampSettingsForm({ permissions, load, save }: TimestampSettingsFormProps) {
  const [value, setValue] = useState<TimestampSettings | null>(null);
  const [message, setMessage] = useState<{ text: string; alert: boolean } | null>(null);
  useEffect(() => void load().then(setValue), []);
  if (!value) return null;

  const submit = (event: Event) => {
    event.preventDefault();
    const url = value.url.trim();
    if (value.enabled && tsaUrlProblem(url))
      return setMessage({ text: i18n.t('custody_timestampUrlInvalid'), alert: true });
    const granted = value.enabled ? permissions.request({ origins: [tsaOriginPattern(url)] }) : Promise.resolve(true);
    void granted
      .then(async (ok) => {
        if (!ok) {
          await save({ enabled: false, url });
          setValue({ enabled: false, url });
          return setMessage({ text: i18n.t('custody_timestampPermissionDenied', [new URL(url).host]), alert: true });
        }
        await save({ enabled: value.enabled, url });
        setMessage({ text: i18n.t('custody_timestampSaved'), alert: false });
      })
      .catch((e: unknown) => setMessage({ text: e instanceof Error ? e.message : String(e), alert: true }));
  };

  return (
    <form class="card" id="timestamp-settings" onSubmit={submit} aria-labelledby="custody-heading">
      <div class="check">
        <input
          id="tsa-enabled"
          type="checkbox"
          checked={value.enabled}
          onChange={(e) => setValue({ ...value, enabled: (e.target as HTMLInputElement).checked })}
        />
        <label for="tsa-enabled">{i18n.t('custody_timestampEnable')}</label>
      </div>
      <div class="field">
        <label for="tsa-url">{i18n.t('custody_timestampUrl')}</label>
        <input
          id="tsa-url"
          type="url"
          dir="ltr"
          value={value.url}
          placeholder="https://"
          onInput={(e) => setValue({ ...value, url: (e.target as HTMLInputElement).value })}
        />
      </div>
      <p class="hint">{i18n.t('custody_timestampHelp')}</p>
      <button type="submit">{i18n.t('custody_timestampSave')}</button>
      {message && (
        <p role={message.alert ? 'alert' : 'status'} class={message.alert ? 'alert' : ''}>
          {message.text}
        </p>
      )}
    </form>
  );
}
