import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MB, getCaptureDefaults, setCaptureDefaults } from '../lib/settings';
import { CaptureDefaultsForm } from './CaptureDefaultsForm';

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

async function setup() {
  render(<CaptureDefaultsForm load={getCaptureDefaults} save={setCaptureDefaults} />);
  await screen.findByRole('textbox', { name: 'Metadata namespace' });
  return userEvent.setup();
}

describe('CaptureDefaultsForm', () => {
  it('shows the defaults: all captures on, browser_capture, 250 MB', async () => {
    await setup();
    for (const name of [
      'Archive with Atlos',
      'Visible-area screenshot',
      'Full-page screenshot',
      'Page archive',
      'Original media file',
    ]) {
      expect((screen.getByRole('checkbox', { name }) as HTMLInputElement).checked).toBe(true);
    }
    expect((screen.getByRole('textbox', { name: 'Metadata namespace' }) as HTMLInputElement).value).toBe(
      'browser_capture',
    );
    expect(
      (screen.getByRole('spinbutton', { name: 'Largest media file to upload (MB)' }) as HTMLInputElement).value,
    ).toBe('250');
  });

  it('saves a checkbox change at once', async () => {
    const user = await setup();
    await user.click(screen.getByRole('checkbox', { name: 'Full-page screenshot' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved.'));
    expect((await getCaptureDefaults()).fullPageScreenshot).toBe(false);
  });

  it('refuses an archiver key or a slash as namespace, saying why, and saves a good one', async () => {
    const user = await setup();
    const box = screen.getByRole('textbox', { name: 'Metadata namespace' });
    await user.clear(box);
    await user.type(box, 'page_info{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'page_info is used by the Atlos archiver. Choose another name.',
    );
    expect(box.getAttribute('aria-invalid')).toBe('true');
    await user.clear(box);
    await user.type(box, 'a/b');
    await user.tab();
    expect((await screen.findByRole('alert')).textContent).toContain('cannot contain a slash');
    expect((await getCaptureDefaults()).metadataNamespace).toBe('browser_capture');
    await user.clear(box);
    await user.type(box, 'team_capture');
    await user.tab();
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    await waitFor(async () => expect((await getCaptureDefaults()).metadataNamespace).toBe('team_capture'));
  });

  it('saves the largest media size in bytes and refuses nonsense', async () => {
    const user = await setup();
    const size = screen.getByRole('spinbutton', { name: 'Largest media file to upload (MB)' });
    await user.clear(size);
    await user.type(size, '0');
    await user.tab();
    expect((await screen.findByRole('alert')).textContent).toBe('Enter a number of megabytes greater than 0.');
    await user.clear(size);
    await user.type(size, '40');
    await user.tab();
    await waitFor(async () => expect((await getCaptureDefaults()).maxMediaBytes).toBe(40 * MB));
  });

  it('saves the batch size cap and refuses one outside 1 to 200', async () => {
    const user = await setup();
    const cap = screen.getByRole('spinbutton', { name: 'Most tabs or links in one batch' });
    expect((cap as HTMLInputElement).value).toBe('50');
    await user.clear(cap);
    await user.type(cap, '500');
    await user.tab();
    expect((await screen.findByRole('alert')).textContent).toBe('Enter a whole number from 1 to 200.');
    expect((await getCaptureDefaults()).batchSizeCap).toBe(50);
    await user.clear(cap);
    await user.type(cap, '20');
    await user.tab();
    await waitFor(async () => expect((await getCaptureDefaults()).batchSizeCap).toBe(20));
  });
});
