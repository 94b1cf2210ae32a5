import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fakePermissions } from '@/lib/connections/testing/fakes';
import { createKeyStore } from '@/lib/custody/key-store';
import { getTimestampSettings, timestampSettingsItem } from '@/lib/custody/settings';
import { CustodyKey } from './CustodyKey';
import { TimestampSettingsForm } from './TimestampSettingsForm';

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

describe('CustodyKey', () => {
  it('shows the key fingerprint, and a new key after rotation keeps the old one listed', async () => {
    const keys = createKeyStore(`options-custody-${Math.random()}`);
    render(<CustodyKey keys={keys} />);
    const first = (await screen.findByTestId('custody-fingerprint')).textContent!;
    expect(first).toBe((await keys.current()).fingerprint);
    expect(first).toMatch(/^sha256:[0-9a-f]{64}$/);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Make a new key' }));
    expect(document.body.textContent).toContain('Captures signed with the old key still verify');
    await user.click(screen.getByRole('button', { name: 'Yes, make a new key' }));
    await waitFor(() => expect(screen.getByTestId('custody-fingerprint').textContent).not.toBe(first));
    expect(screen.getByRole('status').textContent).toContain('New key made');
    expect(document.body.textContent).toContain(first);
    expect(await keys.publicKeys()).toHaveLength(2);
  });
});

describe('TimestampSettingsForm', () => {
  const form = (permissions = fakePermissions()) =>
    render(
      <TimestampSettingsForm
        permissions={permissions}
        load={getTimestampSettings}
        save={(v) => timestampSettingsItem.setValue(v)}
      />,
    );

  it('is off by default; turning it on asks for the TSA origin only and saves', async () => {
    const permissions = fakePermissions();
    form(permissions);
    const box = await screen.findByRole('checkbox', { name: 'Add a trusted timestamp (RFC 3161) to each capture' });
    expect((box as HTMLInputElement).checked).toBe(false);
    const user = userEvent.setup();
    await user.click(box);
    await user.type(screen.getByLabelText('Time-stamping authority URL'), 'https://tsa.example.org:8443/tsr');
    await user.click(screen.getByRole('button', { name: 'Save timestamp settings' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved.'));
    expect([...permissions.granted]).toEqual(['https://tsa.example.org/*']);
    expect(await getTimestampSettings()).toEqual({ enabled: true, url: 'https://tsa.example.org:8443/tsr' });
  });

  it('stays off when the browser refuses the permission, and says so', async () => {
    form(fakePermissions([], false));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('checkbox'));
    await user.type(screen.getByLabelText('Time-stamping authority URL'), 'http://timestamp.example.com');
    await user.click(screen.getByRole('button', { name: 'Save timestamp settings' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'The browser did not grant access to timestamp.example.com, so timestamps stay off.',
      ),
    );
    expect((await getTimestampSettings()).enabled).toBe(false);
  });

  it('refuses a URL that is not http(s), losing nothing typed', async () => {
    form();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('checkbox'));
    await user.type(screen.getByLabelText('Time-stamping authority URL'), 'ftp://tsa.example');
    await user.click(screen.getByRole('button', { name: 'Save timestamp settings' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      "Enter the authority's address, starting with https:// or http://.",
    );
    expect((screen.getByLabelText('Time-stamping authority URL') as HTMLInputElement).value).toBe('ftp://tsa.example');
  });
});
