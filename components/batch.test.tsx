import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JobSummary, TabInspection } from '../lib/capture/protocol';
import type { BatchRef } from '../lib/domain/batch';
import { option } from '../lib/incidents/testing/data';
import type { StoredLinks } from '../lib/links/store';
import type { BatchActions } from './batch-actions';
import { groupBatches } from './batch-summary';
import { BatchRow } from './BatchRow';
import { LinkChoices } from './LinkChoices';
import { SelectedTabsCapture } from './SelectedTabsCapture';

afterEach(cleanup);

const incident = option('K7Q2ZP', 'Shelling of the central market', { sourceUrls: [] });
const web = (tabId: number, url: string): TabInspection => ({
  tabId,
  url,
  title: `Page ${tabId}`,
  capturable: true,
  urlOnlyPossible: true,
});
const hidden = (tabId: number): TabInspection => ({
  tabId,
  url: '',
  title: '',
  capturable: false,
  reason: 'The extension cannot see this tab.',
  urlOnlyPossible: false,
});

function actions(overrides: Partial<BatchActions> = {}): BatchActions {
  return {
    selectedTabs: vi.fn(async () => [1, 2, 3].map((tabId) => ({ tabId, index: tabId - 1 }))),
    inspectTab: vi.fn(async (tabId: number) => (tabId === 3 ? hidden(3) : web(tabId, `https://a.example/${tabId}`))),
    startBatch: vi.fn(async () => ({ batchId: 'b1', jobIds: ['j1', 'j2'] })),
    retryBatch: vi.fn(async () => {}),
    readLinks: vi.fn(async () => null),
    activity: vi.fn(async () => ({ incident, items: [] })),
    requestAllSites: vi.fn(async () => true),
    askForPageCapture: vi.fn(),
    ...overrides,
  };
}

const tabProps = {
  tabId: 1,
  choices: { archive: true, viewportScreenshot: true, fullPageScreenshot: false },
  extras: { pageArchive: true, originalMedia: false },
  comment: ' Seen today ',
};

describe('SelectedTabsCapture', () => {
  it('lists the tabs it leaves out before the start, then captures the others as one batch', async () => {
    const api = actions();
    const onMessage = vi.fn();
    const onStarted = vi.fn();
    render(
      <SelectedTabsCapture
        actions={api}
        {...tabProps}
        incident={incident}
        limitedAccess={false}
        onMessage={onMessage}
        onStarted={onStarted}
      />,
    );
    const button = await screen.findByRole('button', { name: 'Capture 3 selected tabs' });
    expect(screen.getByText(/Tab 3: Browser pages/)).toBeTruthy();
    await userEvent.setup().click(button);
    await waitFor(() => expect(onStarted).toHaveBeenCalledWith('b1'));
    expect(api.startBatch).toHaveBeenCalledWith({
      incident: { connectionId: incident.connectionId, slug: 'K7Q2ZP', description: incident.description },
      options: {
        archive: true,
        viewportScreenshot: true,
        fullPageScreenshot: false,
        pageArchive: true,
        originalMedia: false,
        comment: 'Seen today',
      },
      items: [
        { kind: 'tab', tabId: 1, url: 'https://a.example/1', title: 'Page 1' },
        { kind: 'tab', tabId: 2, url: 'https://a.example/2', title: 'Page 2' },
      ],
      source: 'popup',
    });
    expect(onMessage).toHaveBeenLastCalledWith('Batch started: 2 captures.');
  });

  it('without access to all sites, says what the batch lacks and asks for access from the click', async () => {
    let granted = false;
    const api = actions({
      inspectTab: vi.fn(async (tabId: number) =>
        tabId > 1 && !granted ? hidden(tabId) : web(tabId, `https://a.example/${tabId}`),
      ),
      requestAllSites: vi.fn(async () => (granted = true)),
    });
    render(
      <SelectedTabsCapture
        actions={api}
        {...tabProps}
        incident={incident}
        limitedAccess={true}
        onMessage={vi.fn()}
        onStarted={vi.fn()}
      />,
    );
    await screen.findByText(/cannot capture the tabs that are not in front/);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Allow access to all sites' }));
    expect(api.requestAllSites).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByText('Left out of the batch:')).toBeNull());
  });

  it('says so when no incident is chosen, and shows nothing for a single tab', async () => {
    const onMessage = vi.fn();
    const api = actions();
    const { unmount } = render(
      <SelectedTabsCapture
        actions={api}
        {...tabProps}
        incident={null}
        limitedAccess={false}
        onMessage={onMessage}
        onStarted={vi.fn()}
      />,
    );
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Capture 3 selected tabs' }));
    expect(onMessage).toHaveBeenCalledWith('Choose an incident first.');
    expect(api.startBatch).not.toHaveBeenCalled();
    unmount();
    const single = actions({ selectedTabs: vi.fn(async () => [{ tabId: 1, index: 0 }]) });
    render(
      <SelectedTabsCapture
        actions={single}
        {...tabProps}
        incident={incident}
        limitedAccess={false}
        onMessage={onMessage}
        onStarted={vi.fn()}
      />,
    );
    await waitFor(() => expect(single.inspectTab).toHaveBeenCalled());
    expect(screen.queryByRole('button')).toBeNull();
  });
});

const stored: StoredLinks = {
  pageUrl: 'https://news.example/results',
  tabId: 4,
  savedAt: '2026-01-01T00:00:00.000Z',
  skipped: 1,
  truncated: false,
  links: [
    { url: 'https://a.example/1', text: 'First post', position: 1 },
    { url: 'https://a.example/2', text: '', position: 2 },
    { url: 'https://a.example/3', text: 'Known post', position: 3 },
  ],
};

describe('LinkChoices', () => {
  it('lists the links checked, unchecks the ones already in the incident, and captures the checked ones', async () => {
    const fresh = { ...incident, sourceUrls: ['https://a.example/3/'] };
    const api = actions({
      readLinks: vi.fn(async () => stored),
      activity: vi.fn(async () => ({ incident: fresh, items: [] })),
    });
    const onStarted = vi.fn();
    render(<LinkChoices actions={api} linksKey="k" incident={incident} onMessage={vi.fn()} onStarted={onStarted} />);
    const first = await screen.findByRole('checkbox', { name: 'First post' });
    expect((first as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('checkbox', { name: 'https://a.example/2' })).toBeTruthy();
    const known = screen.getByRole('checkbox', { name: 'Known post' }) as HTMLInputElement;
    await waitFor(() => expect(known.checked).toBe(false));
    expect(api.activity).toHaveBeenCalledTimes(1);
    expect(screen.getByText('already in this incident')).toBeTruthy();
    expect(screen.getByText('Left out, not web addresses: 1')).toBeTruthy();
    const user = userEvent.setup();
    await user.click(first);
    await user.click(screen.getByRole('button', { name: 'Capture' }));
    await waitFor(() => expect(onStarted).toHaveBeenCalledWith('b1'));
    expect(api.startBatch).toHaveBeenCalledWith(
      expect.objectContaining({
        items: [{ kind: 'link', url: 'https://a.example/2', text: '', position: 2 }],
        from: { pageUrl: 'https://news.example/results', tabId: 4 },
        options: expect.objectContaining({ archive: true, viewportScreenshot: false }),
      }),
    );
  });

  it('checks and unchecks every link at once, counting the checked ones', async () => {
    const fresh = { ...incident, sourceUrls: ['https://a.example/3'] };
    const api = actions({
      readLinks: vi.fn(async () => stored),
      activity: vi.fn(async () => ({ incident: fresh, items: [] })),
    });
    render(<LinkChoices actions={api} linksKey="k" incident={incident} onMessage={vi.fn()} onStarted={vi.fn()} />);
    const boxes = async () => (await screen.findAllByRole('checkbox')) as HTMLInputElement[];
    await waitFor(() => expect(screen.getByText('2 of 3 checked')).toBeTruthy());
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Uncheck all' }));
    expect((await boxes()).map((box) => box.checked)).toEqual([false, false, false]);
    expect(screen.getByText('0 of 3 checked')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Uncheck all' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Capture' }));
    expect(api.startBatch).not.toHaveBeenCalled();
    // Check all takes the link already in the incident too: it stays marked, the person decides.
    await user.click(screen.getByRole('button', { name: 'Check all' }));
    expect((await boxes()).map((box) => box.checked)).toEqual([true, true, true]);
    expect(screen.getByText('already in this incident')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Check all' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Capture' }));
    await waitFor(() => expect(api.startBatch).toHaveBeenCalledTimes(1));
    expect(vi.mocked(api.startBatch).mock.calls[0]![0].items.map((item) => item.url)).toEqual([
      'https://a.example/1',
      'https://a.example/2',
      'https://a.example/3',
    ]);
  });

  it('says clearly when the list is gone, or the selection had no links', async () => {
    render(
      <LinkChoices actions={actions()} linksKey="k" incident={incident} onMessage={vi.fn()} onStarted={vi.fn()} />,
    );
    expect(await screen.findByText(/no longer available/)).toBeTruthy();
    cleanup();
    const empty = actions({ readLinks: vi.fn(async () => ({ ...stored, links: [] })) });
    render(<LinkChoices actions={empty} linksKey="k" incident={incident} onMessage={vi.fn()} onStarted={vi.fn()} />);
    expect(await screen.findByText(/holds no web links/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Capture' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('BatchRow', () => {
  const job = (index: number, state: JobSummary['state'], extra: Partial<JobSummary> = {}): JobSummary => ({
    id: `j${index}`,
    createdAt: 'a',
    updatedAt: 'b',
    state,
    step: state === 'done' ? 'done' : 'collect',
    progress: { done: 0, total: 4 },
    incident: { connectionId: 'c1', slug: 'K7Q2ZP' },
    target: { kind: 'page', url: `https://a.example/${index}` },
    incidentUrl: 'https://atlos.test/incidents/K7Q2ZP',
    batch: { id: 'b1', index, size: 3 } satisfies BatchRef,
    ...extra,
  });

  it('is one disclosure row that opens with the keyboard to the items, and retries the failed ones', async () => {
    const jobs = [
      job(0, 'done', { outcome: 'complete', sourceMaterialId: 'sm1' }),
      job(1, 'failed', { error: { kind: 'network', message: 'Atlos did not answer.' } }),
      job(2, 'queued'),
    ];
    const [group] = groupBatches(jobs).batches;
    const onRetryBatch = vi.fn();
    render(
      <ul>
        <BatchRow group={group!} onRetryBatch={onRetryBatch} onRetry={vi.fn()} />
      </ul>,
    );
    const toggle = screen.getByRole('button', { name: /1 of 3 captured, 1 failed, 1 queued/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    const user = userEvent.setup();
    toggle.focus();
    await user.keyboard('{Enter}');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const items = screen.getByRole('list', { name: 'Captures of the batch into K7Q2ZP' });
    expect(items.querySelectorAll(':scope > li')).toHaveLength(3);
    expect(screen.getByRole('link', { name: 'Verify' }).getAttribute('href')).toContain('sm=sm1');
    await user.keyboard(' ');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.click(screen.getByRole('button', { name: 'Retry failed' }));
    expect(onRetryBatch).toHaveBeenCalledWith('b1');
  });
});
