import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fakePermissions } from '@/lib/connections/testing/fakes';
import { AllSitesAccess } from './AllSitesAccess';

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

describe('AllSitesAccess', () => {
  it('is not offered before a project is connected', async () => {
    render(<AllSitesAccess permissions={fakePermissions()} hasConnection={false} />);
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByRole('button', { name: 'Allow access to all sites' })).toBeNull();
  });

  it('explains why, and after a refusal says what is limited', async () => {
    const permissions = fakePermissions([], false);
    render(<AllSitesAccess permissions={permissions} hasConnection />);
    const button = await screen.findByRole('button', { name: 'Allow access to all sites' });
    expect(document.body.textContent).toContain("download original media from the sites' own servers");
    expect(document.body.textContent).toContain('take screenshots of a tab from the capture window');
    expect(document.body.textContent).toContain('resume interrupted captures');
    await userEvent.setup().click(button);
    expect((await screen.findByRole('alert')).textContent).toBe('The browser did not grant access to all sites.');
    await waitFor(() => expect(document.body.textContent).toContain('Limited: original media on other servers'));
  });

  it('says so when access is granted', async () => {
    const permissions = fakePermissions();
    render(<AllSitesAccess permissions={permissions} hasConnection />);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Allow access to all sites' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Access to all sites is allowed.'));
  });
});
