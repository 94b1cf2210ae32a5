import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { matchIncidents } from '../lib/incidents/local-match';
import { option } from '../lib/incidents/testing/data';
import type { IncidentOption } from '../lib/incidents/types';
import { IncidentPicker, type IncidentPickerProps } from './IncidentPicker';

afterEach(cleanup);

const pinned = option('PIN001', 'Pinned: shelling of the central market');
const recent = option('REC002', 'Recent: drone strike near the river');
const cachedOnly = option('CAC003', 'Cached: river bridge destroyed');
const remoteOnly = option('REM004', 'Remote: river ferry sunk', { status: 'In Progress' });

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup(overrides: Partial<IncidentPickerProps> = {}) {
  const calls: { query: string; signal: AbortSignal; answer: Deferred<IncidentOption[]> }[] = [];
  const search = vi.fn((query: string, signal: AbortSignal) => {
    const answer = deferred<IncidentOption[]>();
    calls.push({ query, signal, answer });
    return answer.promise;
  });
  const known = [pinned, recent, cachedOnly];
  const source = { local: (q: string) => matchIncidents(known, q), search };
  const onSelect = vi.fn();
  const onCreate = vi.fn();
  const resolveReference = vi.fn(async () => [] as IncidentOption[]);
  const props: IncidentPickerProps = {
    source,
    initial: [pinned, recent],
    selected: null,
    onSelect,
    resolveReference,
    showProject: false,
    isPinned: (o) => o.slug === pinned.slug,
    onCreate,
    debounceMs: 100,
    ...overrides,
  };
  const user = userEvent.setup();
  render(<IncidentPicker {...props} />);
  const combobox = screen.getByRole('combobox', { name: 'Incident' });
  return { user, combobox, search, calls, onSelect, onCreate, resolveReference };
}

const optionNames = () => screen.queryAllByRole('option').map((o) => o.textContent ?? '');

describe('IncidentPicker', () => {
  it('offers pinned and recent incidents at once, without asking Atlos', async () => {
    const { user, combobox, search } = setup();
    expect(combobox!.getAttribute('aria-expanded')).toBe('false');
    await user.click(combobox);
    expect(combobox!.getAttribute('aria-expanded')).toBe('true');
    const listbox = screen.getByRole('listbox');
    expect(combobox.getAttribute('aria-controls')).toBe(listbox.id);
    const options = within(listbox).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      expect.stringContaining('CIV-PIN001'),
      expect.stringContaining('CIV-REC002'),
    ]);
    expect(options[0]!.textContent).toContain('Pinned: shelling of the central market');
    expect(options[0]!.textContent).toContain('To Do');
    expect(search).not.toHaveBeenCalled();
  });

  it('shows local matches while typing, then adds Atlos results after a pause', async () => {
    const { user, combobox, calls } = setup();
    await user.type(combobox, 'river');
    expect(optionNames()).toEqual([
      expect.stringContaining('REC002'),
      expect.stringContaining('CAC003'),
      'Create incident…',
    ]);
    await waitFor(() => expect(calls.at(-1)?.query).toBe('river'));
    // Requests for the partial words typed before (if the typing paused at all) were aborted.
    expect(calls.slice(0, -1).every((c) => c.signal.aborted)).toBe(true);
    calls.at(-1)!.answer.resolve([remoteOnly, recent]);
    await waitFor(() => expect(optionNames()).toHaveLength(4));
    expect(optionNames()[2]).toContain('REM004');
    expect(optionNames()[2]).toContain('In Progress');
  });

  it('aborts older searches and ignores their answers even when they arrive late', async () => {
    const { user, combobox, calls } = setup();
    await user.type(combobox, 'riv');
    await waitFor(() => expect(calls.at(-1)?.query).toBe('riv'));
    const stale = calls.at(-1)!;
    await user.type(combobox, 'er');
    await waitFor(() => expect(calls.at(-1)?.query).toBe('river'));
    expect(stale.signal.aborted).toBe(true);
    calls.at(-1)!.answer.resolve([remoteOnly]);
    await waitFor(() => expect(optionNames().some((n) => n.includes('REM004'))).toBe(true));
    // The stale answer for "riv" comes last and must change nothing.
    stale.answer.resolve([option('STALE5', 'Stale river result')]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(optionNames().some((n) => n.includes('STALE5'))).toBe(false);
    expect(optionNames().some((n) => n.includes('REM004'))).toBe(true);
  });

  it('shows a failed Atlos search in words while keeping local matches', async () => {
    const { user, combobox, calls } = setup();
    await user.type(combobox, 'river');
    await waitFor(() => expect(calls.at(-1)?.query).toBe('river'));
    calls.at(-1)!.answer.reject(new Error('Could not reach the Atlos server.'));
    expect(await screen.findByText(/Could not search Atlos: Could not reach the Atlos server/)).toBeTruthy();
    expect(optionNames()[0]).toContain('REC002');
  });

  it('is fully usable from the keyboard', async () => {
    const { user, combobox, onSelect } = setup();
    combobox.focus();
    await user.keyboard('{ArrowDown}');
    const first = screen.getAllByRole('option')[0]!;
    expect(combobox.getAttribute('aria-activedescendant')).toBe(first.id);
    expect(first!.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowDown}');
    expect(combobox.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[1]!.id);
    await user.keyboard('{ArrowDown}'); // stays on the last option
    expect(combobox.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[1]!.id);
    await user.keyboard('{Home}');
    expect(combobox.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[0]!.id);
    await user.keyboard('{End}{ArrowUp}{Enter}');
    expect(onSelect).toHaveBeenCalledWith(pinned);
    expect(combobox!.getAttribute('aria-expanded')).toBe('false');
    expect((combobox as HTMLInputElement).value).toBe('CIV-PIN001 · Pinned: shelling of the central market');
    expect(document.activeElement).toBe(combobox);
  });

  it('closes with Escape, and clears the text with a second Escape', async () => {
    const { user, combobox } = setup();
    await user.type(combobox, 'river');
    expect(combobox!.getAttribute('aria-expanded')).toBe('true');
    await user.keyboard('{Escape}');
    expect(combobox!.getAttribute('aria-expanded')).toBe('false');
    expect((combobox as HTMLInputElement).value).toBe('river');
    await user.keyboard('{Escape}');
    expect((combobox as HTMLInputElement).value).toBe('');
  });

  it('selects the incident named by a pasted CODE-SLUG or incident link', async () => {
    const found = option('OLD999', 'Old incident far down the list');
    const resolveReference = vi.fn(async () => [found]);
    const { user, combobox, onSelect, search } = setup({ resolveReference });
    await user.click(combobox);
    await user.paste('https://atlos.test/incidents/CIV-OLD999');
    await waitFor(() => expect(onSelect).toHaveBeenCalledWith(found));
    expect(resolveReference).toHaveBeenCalledWith('https://atlos.test/incidents/CIV-OLD999');
    expect((combobox as HTMLInputElement).value).toBe('CIV-OLD999 · Old incident far down the list');
    expect(search).not.toHaveBeenCalled();
  });

  it('says when a pasted reference names no incident', async () => {
    const { user, combobox } = setup();
    await user.click(combobox);
    await user.paste('CIV-NOPE42');
    expect(await screen.findByText('No incident CIV-NOPE42 in your connected projects.')).toBeTruthy();
  });

  it('offers to create an incident from the typed text', async () => {
    const { user, combobox, onCreate } = setup();
    await user.type(combobox, 'new event{End}');
    await user.keyboard('{End}{Enter}');
    expect(onCreate).toHaveBeenCalledWith('new event');
  });

  it('shows the project of each option when several are connected', async () => {
    const { user, combobox } = setup({ showProject: true });
    await user.click(combobox);
    expect(screen.getAllByRole('option')[0]!.textContent).toContain('Civilian Harm Monitor');
  });

  it('holds right-to-left descriptions without flipping the slug', async () => {
    const arabic = option('AR1234', 'قصف سوق المدينة المركزي في الصباح الباكر');
    document.documentElement.dir = 'rtl';
    try {
      const { user, combobox } = setup({ initial: [arabic] });
      await user.click(combobox);
      const row = screen.getByRole('option', { name: /AR1234.*قصف سوق المدينة/ });
      const description = within(row).getByText(arabic.description);
      expect(description!.getAttribute('dir')).toBe('auto');
      expect(description.getAttribute('title')).toBe(arabic.description);
      expect(within(row).getByText('CIV-AR1234')!.getAttribute('dir')).toBe('ltr');
    } finally {
      document.documentElement.dir = '';
    }
  });
});
