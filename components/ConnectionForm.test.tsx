import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ConnectionForm } from './ConnectionForm';
import { testConnectionsApi } from './testing/connections-api';

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

function setup(options?: { grant?: boolean }) {
  const t = testConnectionsApi(options);
  const onConnected = vi.fn();
  render(<ConnectionForm api={t.api} onConnected={onConnected} />);
  const group = screen.getByRole('group', { name: 'New connection' });
  return { ...t, onConnected, group, user: userEvent.setup() };
}

async function fill(user: ReturnType<typeof userEvent.setup>, url: string | null, token: string) {
  if (url !== null) {
    await user.clear(screen.getByRole('textbox', { name: 'Atlos URL' }));
    await user.type(screen.getByRole('textbox', { name: 'Atlos URL' }), url);
  }
  await user.type(screen.getByLabelText('API token'), token);
  await user.click(screen.getByRole('button', { name: 'Connect' }));
}

describe('ConnectionForm', () => {
  it('is a labelled group prefilled with platform.atlos.org, with a password field', () => {
    const { group } = setup();
    expect(group).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Atlos URL' }) as HTMLInputElement).value).toBe(
      'https://platform.atlos.org',
    );
    expect(screen.getByLabelText('API token').getAttribute('type')).toBe('password');
  });

  it('asks for the instance origin, connects, says Connected and clears the token', async () => {
    const { user, requested, onConnected } = setup();
    await fill(user, null, 'civ1');
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'Connected to Civilian Harm Monitor (CIV) · platform.atlos.org.',
      ),
    );
    expect(requested).toEqual(['https://platform.atlos.org']);
    expect(onConnected).toHaveBeenCalledOnce();
    expect((screen.getByLabelText('API token') as HTMLInputElement).value).toBe('');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('asks for the permission synchronously inside the click (the user gesture is lost after an await)', async () => {
    const { requested } = setup();
    fireEvent.input(screen.getByLabelText('API token'), { target: { value: 'civ1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(requested).toEqual(['https://platform.atlos.org']);
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Connected'));
  });

  it('says Connected plainly for a project without incidents', async () => {
    const { user } = setup();
    await fill(user, null, 'empty');
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toMatch(/^Connected\. This project has no incidents yet/),
    );
  });

  it('shows an alert for a refused token and keeps the token for correction', async () => {
    const { user, onConnected } = setup();
    await fill(user, null, 'wrong');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Atlos did not accept this token');
    expect(onConnected).not.toHaveBeenCalled();
    expect((screen.getByLabelText('API token') as HTMLInputElement).value).toBe('wrong');
  });

  it('refuses plain http to a non-local host before asking for any permission', async () => {
    const { user, requested } = setup();
    await fill(user, 'http://example.com', 'civ1');
    expect((await screen.findByRole('alert')).textContent).toContain('only sends tokens over https');
    expect(requested).toEqual([]);
  });

  it('explains a declined permission', async () => {
    const { user } = setup({ grant: false });
    await fill(user, null, 'civ1');
    expect((await screen.findByRole('alert')).textContent).toContain(
      'did not let Atlos Capture contact https://platform.atlos.org',
    );
  });

  it('works from the keyboard: Enter in the token field connects', async () => {
    const { user } = setup();
    await user.type(screen.getByLabelText('API token'), 'brd{Enter}');
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Border Watch (BRD)'));
  });
});
