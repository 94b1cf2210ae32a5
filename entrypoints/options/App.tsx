import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { CaptureDefaultsForm } from '@/components/CaptureDefaultsForm';
import { ConnectionForm } from '@/components/ConnectionForm';
import { ConnectionList } from '@/components/ConnectionList';
import type { ConnectionsApi } from '@/components/connections-api';
import type { ConnectionSummary } from '@/lib/connections/protocol';
import type { JobSummary } from '@/lib/capture/protocol';
import { sendMessage } from '@/lib/messaging';
import { getCaptureDefaults, setCaptureDefaults } from '@/lib/settings';
import { createKeyStore } from '@/lib/custody/key-store';
import { getTimestampSettings, timestampSettingsItem } from '@/lib/custody/settings';
import { AllSitesAccess } from './AllSitesAccess';
import { CustodyKey } from './CustodyKey';
import { TimestampSettingsForm } from './TimestampSettingsForm';

/** The extension origin's key store; the background signs with the same keys. */
const custodyKeys = createKeyStore();

/** Captures of a connection that have not finished: disconnecting would leave them waiting. */
export async function pendingCapturesOf(listJobs: () => Promise<JobSummary[]>, connectionId: string): Promise<number> {
  return (await listJobs()).filter((job) => job.incident.connectionId === connectionId && job.state !== 'done').length;
}

const listJobs = () => sendMessage('listJobs', undefined);

export function App({ api }: { api: ConnectionsApi }) {
  const [connections, setConnections] = useState<ConnectionSummary[]>([]);
  const [loadError, setLoadError] = useState('');
  const reload = () =>
    void api.list().then(
      (list) => {
        setConnections(list);
        setLoadError('');
      },
      (e: unknown) => setLoadError(e instanceof Error ? e.message : String(e)),
    );
  useEffect(reload, []);

  return (
    <main>
      <h1>{i18n.t('options_title')}</h1>
      <section aria-labelledby="connections-heading">
        <h2 id="connections-heading">{i18n.t('options_connectionsHeading')}</h2>
        <p class="hint">{i18n.t('options_connectionsIntro')}</p>
        {loadError && (
          <p role="alert" class="alert">
            {loadError}
          </p>
        )}
        <ConnectionList
          api={api}
          connections={connections}
          onChanged={reload}
          pendingCaptures={(connectionId) => pendingCapturesOf(listJobs, connectionId)}
        />
        <ConnectionForm api={api} onConnected={reload} />
      </section>
      <AllSitesAccess permissions={browser.permissions} hasConnection={connections.length > 0} />
      <CaptureDefaultsForm load={getCaptureDefaults} save={setCaptureDefaults} />
      <CustodyKey keys={custodyKeys} />
      <TimestampSettingsForm
        permissions={browser.permissions}
        load={getTimestampSettings}
        save={(v) => timestampSettingsItem.setValue(v)}
      />
    </main>
  );
}
