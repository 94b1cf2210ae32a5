import { cleanup, render, screen, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JobSummary } from '../lib/capture/protocol';
import { CaptureStatus } from './CaptureStatus';
import { RecentCaptures } from './RecentCaptures';

afterEach(cleanup);

export function job(overrides: Partial<JobSummary> = {}): JobSummary {
  return {
    id: 'job-1',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:01.000Z',
    state: 'running',
    step: 'upload',
    progress: { done: 2, total: 5 },
    incident: { connectionId: 'c1', slug: 'K7Q2ZP', description: 'Shelling' },
    target: { kind: 'page', url: 'https://example.org/post/1' },
    incidentUrl: 'https://atlos.test/incidents/K7Q2ZP',
    ...overrides,
  };
}

describe('CaptureStatus', () => {
  it('shows the current step and progress while running', () => {
    render(<CaptureStatus job={job()} projectCode="CIV" onRetry={() => {}} />);
    expect(screen.getByRole('status').textContent).toBe('Uploading files…');
    const bar = screen.getByRole('progressbar', { name: 'Capture progress' }) as HTMLProgressElement;
    expect(bar.value).toBe(2);
    expect(bar.max).toBe(5);
  });

  it('says Queued while waiting for the network', () => {
    const { rerender } = render(<CaptureStatus job={job({ state: 'queued' })} onRetry={() => {}} />);
    expect(screen.getByRole('status').textContent).toBe('Queued');
    rerender(<CaptureStatus job={job({ state: 'waiting_network' })} onRetry={() => {}} />);
    expect(screen.getByRole('status').textContent).toMatch(/^Queued: waiting for the network/);
  });

  it('says Captured with a link to the incident in Atlos when done', () => {
    render(
      <CaptureStatus
        job={job({ state: 'done', step: 'done', progress: { done: 5, total: 5 } })}
        projectCode="CIV"
        onRetry={() => {}}
      />,
    );
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('Captured');
    expect(status.textContent).toContain('CIV-K7Q2ZP');
    const link = within(status).getByRole('link', { name: 'Open in Atlos' });
    expect(link.getAttribute('href')).toBe('https://atlos.test/incidents/K7Q2ZP');
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('says Captured with problems, naming each missing artifact and what to do, when less than asked reached Atlos', () => {
    const problems = [
      {
        artifact: 'full_page_screenshot' as const,
        message: 'The full-page screenshot could not be taken: the tab changed.',
      },
      { artifact: 'page_archive' as const, message: 'The page archive could not be saved: timed out.' },
    ];
    render(
      <CaptureStatus
        job={job({ state: 'done', step: 'done', outcome: 'incomplete', problems })}
        projectCode="CIV"
        onRetry={() => {}}
      />,
    );
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('Captured with problems');
    expect(status.className).not.toContain('is-done');
    const items = within(status)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual([
      'Full-page screenshot: The full-page screenshot could not be taken: the tab changed.',
      'Page archive: The page archive could not be saved: timed out.',
    ]);
    expect(status.textContent).toContain('Capture the page again');
    expect(within(status).getByRole('link', { name: 'Open in Atlos' })).toBeTruthy();
  });

  it('says plain Captured, with no problem list, when the outcome is complete', () => {
    render(
      <CaptureStatus
        job={job({ state: 'done', step: 'done', outcome: 'complete', problems: [] })}
        onRetry={() => {}}
      />,
    );
    const status = screen.getByRole('status');
    expect(status.textContent).not.toContain('with problems');
    expect(status.className).toContain('is-done');
    expect(within(status).queryByRole('list')).toBeNull();
  });

  it('explains a failure in words and offers Retry', async () => {
    const onRetry = vi.fn();
    const message = 'The API token may not do this. Use a token with the needed permission.';
    render(<CaptureStatus job={job({ state: 'failed', error: { kind: 'permission', message } })} onRetry={onRetry} />);
    expect(screen.getByRole('status').textContent).toBe(`Capture failed: ${message}`);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledWith('job-1');
  });

  it('shows a message when there is no job (e.g. it could not start)', () => {
    render(<CaptureStatus job={null} message="Choose an incident first." onRetry={() => {}} />);
    expect(screen.getByRole('status').textContent).toBe('Choose an incident first.');
  });
});

describe('RecentCaptures', () => {
  it('lists captures with Retry for failures, Dismiss for finished ones and a link to Atlos', async () => {
    const onRetry = vi.fn();
    const onDismiss = vi.fn();
    render(
      <RecentCaptures
        onRetry={onRetry}
        onDismiss={onDismiss}
        jobs={[
          job({ id: 'a', state: 'failed', error: { kind: 'network', message: 'Could not reach Atlos.' } }),
          job({ id: 'b', state: 'done', step: 'done', target: { kind: 'page', url: 'https://example.org/2' } }),
          job({ id: 'c', state: 'running' }),
        ]}
      />,
    );
    const items = screen.getAllByRole('listitem');
    expect(items).toHaveLength(3);
    const user = userEvent.setup();
    await user.click(within(items[0]!).getByRole('button', { name: 'Retry capture of https://example.org/post/1' }));
    expect(onRetry).toHaveBeenCalledWith('a');
    await user.click(within(items[1]!).getByRole('button', { name: 'Dismiss capture of https://example.org/2' }));
    expect(onDismiss).toHaveBeenCalledWith('b');
    expect(within(items[2]!).queryByRole('button')).toBeNull();
    expect(within(items[2]!).getByRole('link', { name: 'Open K7Q2ZP in Atlos' }).getAttribute('href')).toBe(
      'https://atlos.test/incidents/K7Q2ZP',
    );
  });

  it('marks captures with problems and names what is missing', () => {
    render(
      <RecentCaptures
        onRetry={() => {}}
        onDismiss={() => {}}
        jobs={[
          job({
            id: 'p',
            state: 'done',
            step: 'done',
            outcome: 'incomplete',
            problems: [{ artifact: 'viewport_screenshot', message: 'x' }],
          }),
          job({ id: 'q', state: 'done', step: 'done', outcome: 'complete', problems: [] }),
        ]}
      />,
    );
    const items = screen.getAllByRole('listitem');
    expect(items[0]!.textContent).toContain('Captured with problems: Visible-area screenshot');
    expect(items[1]!.textContent).not.toContain('with problems');
  });

  it('asks before dismissing a capture whose files never reached Atlos', async () => {
    const onDismiss = vi.fn();
    render(
      <RecentCaptures
        onRetry={() => {}}
        onDismiss={onDismiss}
        jobs={[job({ id: 'u', state: 'failed', unsentFiles: 2, error: { kind: 'connection', message: 'Reconnect.' } })]}
      />,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Dismiss capture of https://example.org/post/1' }));
    expect(onDismiss).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain('never reached Atlos');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Dismiss capture of https://example.org/post/1' }));
    await user.click(screen.getByRole('button', { name: 'Dismiss anyway' }));
    expect(onDismiss).toHaveBeenCalledWith('u');
  });
});
