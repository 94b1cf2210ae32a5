import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { useEffect, useState } from 'preact/hooks';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ConnectionSummary } from '../lib/connections/protocol';
import { ConnectionList } from './ConnectionList';
import type { ConnectionsApi } from './connections-api';
import { testConnectionsApi } from './testing/connections-api';

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

function Harness({ api, pending }: { api: ConnectionsApi; pending?: (id: string) => Promise<number> }) {
  const [list, setList] = useState<ConnectionSummary[]>([]);
  const reload = () => void api.list().then(setList);
  useEffect(reload, []);
  return (
    <ConnectionList
      api={api}
      connections={list}
      onChanged={reload}
      {...(pending ? { pendingCaptures: pending } : {})}
    />
  );
}

async function setup(pending?: (id: string) => Promise<number>) {
  const t = testConnectionsApi();
  await t.permissions.request({ origins: ['https://platform.atlos.org/*'] });
  await t.api.connect({ baseUrl: 'https://platform.atlos.org', token: 'civ1' });
  await t.api.connect({ baseUrl: 'https://platform.atlos.org', token: 'brd' });
  render(<Harness api={t.api} {...(pending ? { pending } : {})} />);
  await screen.findByRole('group', { name: 'Civilian Harm Monitor (CIV) · platform.atlos.org' });
  return { ...t, user: userEvent.setup() };
}

describe('ConnectionList', () => {
  it('shows one group per connection, named after project and instance, token masked', async () => {
    await setup();
    const civ = screen.getByRole('group', { name: 'Civilian Harm Monitor (CIV) · platform.atlos.org' });
    const brd = screen.getByRole('group', { name: 'Border Watch (BRD) · platform.atlos.org' });
    expect(civ.textContent).toContain('••••civ1');
    expect(brd.textContent).toContain('••••brd');
  });

  it('replaces a token after it is accepted', async () => {
    const { user, store } = await setup();
    const civ = screen.getByRole('group', { name: /Civilian Harm Monitor/ });
    await user.click(within(civ).getByRole('button', { name: 'Replace token' }));
    await user.type(within(civ).getByLabelText('New API token'), 'bad');
    await user.click(within(civ).getByRole('button', { name: 'Save token' }));
    expect((await within(civ).findByRole('alert')).textContent).toContain('did not accept this token');
    await user.clear(within(civ).getByLabelText('New API token'));
    await user.type(within(civ).getByLabelText('New API token'), 'civ2');
    await user.click(within(civ).getByRole('button', { name: 'Save token' }));
    await waitFor(() => expect(civ.textContent).toContain('••••civ2'));
    const id = (await store.list()).find((c) => c.project?.code === 'CIV')!.id;
    expect(await store.getToken(id)).toBe('civ2');
  });

  it('disconnects only after confirmation', async () => {
    const { user, store } = await setup();
    const brd = screen.getByRole('group', { name: /Border Watch/ });
    await user.click(within(brd).getByRole('button', { name: 'Disconnect' }));
    await user.click(within(brd).getByRole('button', { name: 'Cancel' }));
    expect(await store.list()).toHaveLength(2);
    await waitFor(() => expect(document.activeElement).toBe(within(brd).getByRole('button', { name: 'Disconnect' })));
    await user.click(within(brd).getByRole('button', { name: 'Disconnect' }));
    expect(within(brd).getByRole('alertdialog').textContent).toContain(
      'Disconnect Border Watch (BRD) · platform.atlos.org?',
    );
    await user.click(within(brd).getByRole('button', { name: 'Yes, disconnect' }));
    await waitFor(() => expect(screen.queryByRole('group', { name: /Border Watch/ })).toBeNull());
    expect(screen.getByRole('status').textContent).toBe('Disconnected Border Watch (BRD) · platform.atlos.org.');
    expect((await store.list()).map((c) => c.project?.code)).toEqual(['CIV']);
  });

  it('warns, in the confirmation, about captures of that connection still waiting to reach Atlos', async () => {
    const asked: string[] = [];
    const { user, store } = await setup(async (id) => (asked.push(id), 3));
    const brd = screen.getByRole('group', { name: /Border Watch/ });
    await user.click(within(brd).getByRole('button', { name: 'Disconnect' }));
    const dialog = within(brd).getByRole('alertdialog');
    await waitFor(() =>
      expect(dialog.textContent).toContain('Captures still waiting to reach Atlos through this connection: 3.'),
    );
    expect(dialog.textContent).toContain('connect the same project again to send them');
    expect(asked).toEqual([(await store.list()).find((c) => c.project?.code === 'BRD')!.id]);
  });

  it('says nothing about pending captures when there are none', async () => {
    const { user } = await setup(async () => 0);
    const brd = screen.getByRole('group', { name: /Border Watch/ });
    await user.click(within(brd).getByRole('button', { name: 'Disconnect' }));
    await new Promise((r) => setTimeout(r, 20));
    expect(within(brd).getByRole('alertdialog').textContent).not.toContain('waiting to reach Atlos');
  });

  it('shows a revoked connection with a button to grant access again', async () => {
    const user = userEvent.setup();
    const t = testConnectionsApi();
    await t.permissions.request({ origins: ['https://platform.atlos.org/*'] });
    await t.api.connect({ baseUrl: 'https://platform.atlos.org', token: 'civ1' });
    t.permissions.granted.clear();
    await t.service.syncPermissions();
    render(<Harness api={t.api} />);
    const civ = await screen.findByRole('group', { name: /Civilian Harm Monitor/ });
    expect(civ.textContent).toContain('Access to platform.atlos.org was removed in the browser');
    await user.click(within(civ).getByRole('button', { name: 'Grant access again' }));
    await waitFor(() => expect(within(civ).queryByRole('button', { name: 'Grant access again' })).toBeNull());
    expect((await t.store.list())[0]?.status).toBe('ok');
  });
});
