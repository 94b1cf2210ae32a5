import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JobSummary, TabInspection } from '@/lib/capture/protocol';
import { option } from '@/lib/incidents/testing/data';
import type { LocalData } from './api';
import { App } from './App';
import { shellStart } from './shell';
import { choices, connection, fakeApi, lastUsed, recentUse, tab } from './testing/fake-api';

afterEach(cleanup);

const jobFor = (state: JobSummary['state'], extra: Partial<JobSummary> = {}): JobSummary => ({
  id: 'job-1',
  createdAt: 'a',
  updatedAt: 'b',
  state,
  step: state === 'done' ? 'done' : 'collect',
  progress: { done: 0, total: 4 },
  incident: { connectionId: 'c1', slug: 'K7Q2ZP' },
  target: { kind: 'page', url: tab.url },
  incidentUrl: 'https://atlos.test/incidents/K7Q2ZP',
  ...extra,
});

describe('popup', () => {
  it('offers "Connect to Atlos" when nothing is connected', async () => {
    const { api } = fakeApi({ localData: vi.fn(async () => ({ connections: [], recent: [], pinned: [], choices })) });
    render(<App api={api} />);
    const link = await screen.findByRole('link', { name: 'Connect to Atlos' });
    await userEvent.setup().click(link);
    expect(api.openOptions).toHaveBeenCalled();
    expect(screen.queryByRole('combobox')).toBeNull();
  });

  it('captures the tab to the chosen incident and follows the job to Captured', async () => {
    const { api, emit } = fakeApi();
    render(<App api={api} />);
    const combobox = await screen.findByRole('combobox', { name: 'Incident' });
    // From the recent list at once, then as the cache knows it.
    await waitFor(() =>
      expect((combobox as HTMLInputElement).value).toBe('CIV-K7Q2ZP · Shelling of the central market'),
    );
    const fullPage = screen.getByRole('checkbox', { name: 'Full-page screenshot' }) as HTMLInputElement;
    expect(fullPage.checked).toBe(false); // the remembered choice
    expect((screen.getByRole('checkbox', { name: 'Archive with Atlos' }) as HTMLInputElement).checked).toBe(true);
    const user = userEvent.setup();
    await user.click(fullPage);
    expect(api.saveChoices).toHaveBeenLastCalledWith({
      archive: true,
      viewportScreenshot: true,
      fullPageScreenshot: true,
    });
    await user.type(screen.getByRole('textbox', { name: 'Comment' }), 'Seen on the evening news');
    await user.click(screen.getByRole('button', { name: 'Capture' }));
    await waitFor(() => expect(api.startCapture).toHaveBeenCalled());
    expect(api.startCapture).toHaveBeenCalledWith({
      incident: { connectionId: 'c1', slug: 'K7Q2ZP', description: 'Shelling of the central market' },
      tabId: 7,
      target: { kind: 'page', url: tab.url, pageUrl: tab.url },
      options: {
        archive: true,
        viewportScreenshot: true,
        fullPageScreenshot: true,
        pageArchive: true,
        originalMedia: true,
        comment: 'Seen on the evening news',
      },
      source: 'popup',
    });
    emit(jobFor('waiting_network'));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Queued/));
    emit(jobFor('done'));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Captured'));
    const link = within(screen.getByRole('status')).getByRole('link', { name: 'Open in Atlos' });
    expect(screen.queryByText(/Without access to all sites/)).toBeNull();
    expect(link.getAttribute('href')).toBe('https://atlos.test/incidents/K7Q2ZP');
  });

  it('captures the target that "Choose incident…" was opened for, not the page', async () => {
    const image = {
      kind: 'image' as const,
      url: 'https://cdn.example/photo.jpg',
      pageUrl: tab.url,
      mediaUrl: 'https://cdn.example/photo.jpg',
    };
    const { api } = fakeApi({ chooserTarget: () => image });
    render(<App api={api} />);
    await screen.findByRole('combobox', { name: 'Incident' });
    expect(screen.getByText('https://cdn.example/photo.jpg')).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Capture' }));
    await waitFor(() => expect(api.startCapture).toHaveBeenCalled());
    expect(vi.mocked(api.startCapture).mock.calls[0]![0].target).toEqual(image);
  });

  it('offers Retry when the capture fails', async () => {
    const { api, emit } = fakeApi();
    render(<App api={api} />);
    await screen.findByRole('combobox', { name: 'Incident' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Capture' }));
    await waitFor(() => expect(api.startCapture).toHaveBeenCalled());
    emit(jobFor('failed', { error: { kind: 'network', message: 'Could not reach the Atlos server.' } }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Capture failed: Could not reach the Atlos server.'),
    );
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(api.retryJob).toHaveBeenCalledWith('job-1');
  });

  it('says why a page cannot be captured and captures only its URL on explicit choice', async () => {
    const { api } = fakeApi({
      inspectTab: vi.fn(async () => ({
        ...tab,
        capturable: false,
        reason: 'The browser does not let extensions capture its own pages.',
      })),
    });
    render(<App api={api} />);
    expect(await screen.findByText('The browser does not let extensions capture its own pages.')).toBeTruthy();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Capture' }));
    expect(api.startCapture).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Capture URL only' }));
    await waitFor(() => expect(api.startCapture).toHaveBeenCalled());
    expect(vi.mocked(api.startCapture).mock.calls[0]![0]!.options).toMatchObject({
      urlOnly: true,
      viewportScreenshot: false,
      fullPageScreenshot: false,
      pageArchive: false,
    });
  });

  it('says when the page is already source material, with links', async () => {
    const holder = option('OTHER1', 'Another incident', { sourceUrls: [tab.url] });
    const { api } = fakeApi({
      incidentsWithUrl: vi.fn(async () => [holder]),
      // The cached copy of the chosen incident already lists the page (as a variant of its URL).
      cachedIncidents: vi.fn(async () => [{ ...lastUsed, sourceUrls: [`${tab.url}#top`] }]),
    });
    render(<App api={api} />);
    const notice = await screen.findByText(/already source material/);
    expect(notice.parentElement!.textContent).toContain('CIV-K7Q2ZP');
    expect(screen.getByRole('link', { name: 'CIV-OTHER1' }).getAttribute('href')).toBe(holder.incidentUrl);
    expect(api.incidentsWithUrl).toHaveBeenCalledTimes(1);
    expect(api.incidentsWithUrl).toHaveBeenCalledWith(tab.url, 'c1', 'K7Q2ZP');
  });

  it('creates an incident inline from the picker and selects it', async () => {
    const created = option('NEW777', 'Convoy hit on the coastal road', { status: 'To Do' });
    const { api } = fakeApi({
      createIncident: vi.fn(async () => ({ ok: true as const, incident: created })),
      activity: vi.fn(async () => ({ incident: created, items: [] })),
    });
    render(<App api={api} />);
    const user = userEvent.setup();
    await user.type(await screen.findByRole('combobox', { name: 'Incident' }), 'Convoy hit on the coastal road');
    await user.click(await screen.findByRole('option', { name: 'Create incident…' }));
    const description = (await screen.findByRole('textbox', { name: 'Description' })) as HTMLTextAreaElement;
    expect(description.value).toBe('Convoy hit on the coastal road');
    await waitFor(() => expect(document.activeElement).toBe(description));
    await user.click(screen.getByRole('checkbox', { name: 'Not Sensitive' }));
    await user.click(screen.getByRole('button', { name: 'Create incident' }));
    const combobox = await screen.findByRole('combobox', { name: 'Incident' });
    expect((combobox as HTMLInputElement).value).toBe('CIV-NEW777 · Convoy hit on the coastal road');
    await waitFor(() => expect(document.activeElement).toBe(combobox));
    expect(api.createIncident).toHaveBeenCalledWith({
      connectionId: 'c1',
      description: 'Convoy hit on the coastal road',
      sensitive: ['Not Sensitive'],
    });
  });

  it('says what is limited without access to all sites', async () => {
    const { api } = fakeApi({ allSitesAccess: vi.fn(async () => false) });
    render(<App api={api} />);
    expect(await screen.findByText(/Without access to all sites/)).toBeTruthy();
  });

  it('paints the picker with the recent incidents before the tab inspection answers', async () => {
    const { api } = fakeApi({ inspectTab: vi.fn(() => new Promise<TabInspection>(() => {})) });
    render(<App api={api} />);
    const combobox = await screen.findByRole('combobox', { name: 'Incident' });
    const listbox = screen.getByRole('listbox', { hidden: true });
    expect(
      within(listbox)
        .getAllByRole('option', { hidden: true })
        .map((o) => o.textContent),
    ).toEqual([expect.stringContaining('CIV-K7Q2ZP')]);
    await userEvent.setup().click(combobox);
    expect(screen.getByRole('option', { name: /CIV-K7Q2ZP/ })).toBeTruthy();
    expect(api.inspectTab).toHaveBeenCalledWith(7);
  });

  it('shows the cached incident on open and reads its activity only when the section is opened', async () => {
    const { api } = fakeApi();
    render(<App api={api} />);
    await waitFor(() => expect(screen.getAllByText('In Progress').length).toBeGreaterThan(0));
    await waitFor(() => expect(api.incidentsWithUrl).toHaveBeenCalledTimes(1));
    expect(api.activity).not.toHaveBeenCalled();
    await userEvent.setup().click(screen.getByText('Status and latest updates'));
    await waitFor(() => expect(api.activity).toHaveBeenCalledWith('c1', 'K7Q2ZP'));
    // The fresh copy from Atlos replaces the cached one.
    await waitFor(() => expect(screen.getAllByText('Help Needed').length).toBeGreaterThan(0));
    expect(api.activity).toHaveBeenCalledTimes(1);
  });

  it('reads the activity of an incident the person picks', async () => {
    const other = option('OTHER2', 'Strike on the water plant');
    const { api } = fakeApi({ cachedIncidents: vi.fn(async () => [lastUsed, other]) });
    render(<App api={api} />);
    const user = userEvent.setup();
    const combobox = await screen.findByRole('combobox', { name: 'Incident' });
    await waitFor(() => expect(api.cachedIncidents).toHaveBeenCalled());
    await user.type(combobox, 'water plant');
    await user.click(await screen.findByRole('option', { name: /CIV-OTHER2/ }));
    await waitFor(() => expect(api.activity).toHaveBeenCalledWith('c1', 'OTHER2'));
    expect(api.activity).not.toHaveBeenCalledWith('c1', 'K7Q2ZP');
  });

  it('pins the chosen incident', async () => {
    const { api } = fakeApi();
    render(<App api={api} />);
    await waitFor(() => expect(screen.getAllByText('In Progress').length).toBeGreaterThan(0));
    const pin = screen.getByRole('button', { name: 'Pin' });
    expect(pin.getAttribute('aria-pressed')).toBe('false');
    await userEvent.setup().click(pin);
    expect(api.setPinned).toHaveBeenCalledWith(expect.objectContaining({ slug: 'K7Q2ZP' }), true);
    expect((await screen.findByRole('button', { name: 'Unpin' })).getAttribute('aria-pressed')).toBe('true');
  });

  it('takes a Capture click made in the first frame, before storage answered, once it has', async () => {
    let answer!: (data: LocalData) => void;
    const { api } = fakeApi({
      localData: vi.fn(
        () =>
          new Promise<LocalData>((resolve) => {
            answer = resolve;
          }),
      ),
    });
    const start = shellStart(
      {
        connections: [connection],
        recent: [recentUse],
        pinned: [],
        choices,
        extras: { pageArchive: false, originalMedia: true },
      },
      [lastUsed],
      lastUsed,
    );
    render(<App api={api} start={start} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Capture' }));
    expect(api.startCapture).not.toHaveBeenCalled();
    answer({ connections: [connection], recent: [recentUse], pinned: [], choices: { ...choices, pageArchive: false } });
    await waitFor(() =>
      expect(api.startCapture).toHaveBeenCalledWith(
        expect.objectContaining({
          incident: expect.objectContaining({ slug: 'K7Q2ZP' }),
          options: expect.objectContaining({ fullPageScreenshot: false, pageArchive: false }),
        }),
      ),
    );
  });
});
