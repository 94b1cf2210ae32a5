import { cleanup, render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { option } from '../lib/incidents/testing/data';
import { NewIncidentForm } from './NewIncidentForm';

afterEach(cleanup);

const connections = [
  { id: 'c1', baseUrl: 'https://atlos.test', project: { id: 'p', name: 'Civilian Harm Monitor', code: 'CIV' } },
];

describe('NewIncidentForm', () => {
  it('keeps "Not Sensitive" exclusive', async () => {
    render(
      <NewIncidentForm
        initialDescription=""
        connections={connections}
        onSubmit={vi.fn()}
        onCreated={vi.fn()}
        onCancel={vi.fn()}
      />,
    );
    const user = userEvent.setup();
    const not = screen.getByRole('checkbox', { name: 'Not Sensitive' }) as HTMLInputElement;
    const graphic = screen.getByRole('checkbox', { name: 'Graphic Violence' }) as HTMLInputElement;
    await user.click(graphic);
    await user.click(not);
    expect([not.checked, graphic.checked]).toEqual([true, false]);
    await user.click(graphic);
    expect([not.checked, graphic.checked]).toEqual([false, true]);
  });

  it('shows Atlos validation errors next to their fields, then hands over the created incident', async () => {
    const created = option('NEW123', 'Convoy hit on the coastal road');
    const onSubmit = vi
      .fn()
      .mockResolvedValueOnce({
        ok: false,
        message: 'rejected',
        fieldErrors: {
          attr_description: 'should be at least 8 character(s)',
          attr_sensitive: 'should have at least 1 item(s)',
        },
      })
      .mockResolvedValueOnce({ ok: true, incident: created });
    const onCreated = vi.fn();
    render(
      <NewIncidentForm
        initialDescription="Convoy"
        connections={connections}
        onSubmit={onSubmit}
        onCreated={onCreated}
        onCancel={vi.fn()}
      />,
    );
    const user = userEvent.setup();
    const description = screen.getByRole('textbox', { name: 'Description' }) as HTMLTextAreaElement;
    expect(description.value).toBe('Convoy');
    await user.click(screen.getByRole('button', { name: 'Create incident' }));
    expect(onSubmit).toHaveBeenLastCalledWith({ connectionId: 'c1', description: 'Convoy', sensitive: [] });
    expect(await screen.findByText('should be at least 8 character(s)')).toBeTruthy();
    expect(description.getAttribute('aria-invalid')).toBe('true');
    const describedBy = description.getAttribute('aria-describedby')!;
    expect(document.getElementById(describedBy)?.textContent).toBe('should be at least 8 character(s)');
    expect(screen.getByText('should have at least 1 item(s)')).toBeTruthy();

    await user.type(description, ' hit on the coastal road');
    await user.click(screen.getByRole('checkbox', { name: 'Not Sensitive' }));
    await user.click(screen.getByRole('button', { name: 'Create incident' }));
    expect(onSubmit).toHaveBeenLastCalledWith({
      connectionId: 'c1',
      description: 'Convoy hit on the coastal road',
      sensitive: ['Not Sensitive'],
    });
    expect(onCreated).toHaveBeenCalledWith(created);
  });

  it('shows other failures as one message', async () => {
    const onSubmit = vi
      .fn()
      .mockResolvedValue({ ok: false, message: 'The API token may not do this.', fieldErrors: {} });
    render(
      <NewIncidentForm
        initialDescription="Something long enough"
        connections={connections}
        onSubmit={onSubmit}
        onCreated={vi.fn()}
        onCancel={vi.fn()}
      />,
    );
    await userEvent.setup().click(screen.getByRole('button', { name: 'Create incident' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The API token may not do this.');
  });
});
