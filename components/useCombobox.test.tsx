import { cleanup, render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useCombobox } from './useCombobox';

afterEach(cleanup);

const FRUIT = ['apple', 'banana', 'cherry'];

/** The smallest combobox on the hook: lists the fruit matching the query; choosing shows it. */
function Harness({ label, onChoose }: { label: string; onChoose(item: string): void }) {
  const combo = useCombobox(label);
  const items = FRUIT.filter((f) => f.includes(combo.query));
  const choose = (index: number) => {
    combo.chosen(items[index]);
    onChoose(items[index]!);
  };
  return (
    <div>
      <input
        ref={combo.inputRef}
        role="combobox"
        aria-label="Fruit"
        aria-expanded={combo.open}
        value={combo.text}
        aria-activedescendant={combo.open && combo.active >= 0 ? `o-${combo.active}` : undefined}
        onInput={(e) => combo.type(e.currentTarget.value)}
        onKeyDown={(e) => combo.onKeyDown(e, items.length, choose)}
      />
      <ul role="listbox" hidden={!combo.open}>
        {items.map((item, i) => (
          <li id={`o-${i}`} role="option" aria-selected={i === combo.active}>
            {item}
          </li>
        ))}
      </ul>
    </div>
  );
}

function setup(label = '') {
  const onChoose = vi.fn();
  let setLabel!: (label: string) => void;
  function Outer() {
    const [current, set] = useState(label);
    setLabel = set;
    return <Harness label={current} onChoose={onChoose} />;
  }
  render(<Outer />);
  const box = screen.getByRole('combobox', { name: 'Fruit' }) as HTMLInputElement;
  return { box, onChoose, user: userEvent.setup(), setLabel: (next: string) => setLabel(next) };
}

const activeOption = (box: HTMLInputElement) => {
  const id = box.getAttribute('aria-activedescendant');
  return id ? document.getElementById(id)?.textContent : null;
};

describe('useCombobox', () => {
  it('opens with ArrowDown on the first option, moves within bounds, and Enter chooses', async () => {
    const { box, user, onChoose } = setup();
    box.focus();
    expect(box.getAttribute('aria-expanded')).toBe('false');
    await user.keyboard('{ArrowDown}');
    expect(box.getAttribute('aria-expanded')).toBe('true');
    expect(activeOption(box)).toBe('apple');
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(activeOption(box)).toBe('cherry'); // stops at the last
    await user.keyboard('{Home}');
    expect(activeOption(box)).toBe('apple');
    await user.keyboard('{End}{ArrowUp}');
    expect(activeOption(box)).toBe('banana');
    await user.keyboard('{Enter}');
    expect(onChoose).toHaveBeenCalledWith('banana');
    expect(box.value).toBe('banana');
    expect(box.getAttribute('aria-expanded')).toBe('false');
    expect(box.hasAttribute('aria-activedescendant')).toBe(false);
  });

  it('Alt+ArrowDown opens without an active option; ArrowUp when closed opens on the last', async () => {
    const { box, user } = setup();
    box.focus();
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(box.getAttribute('aria-expanded')).toBe('true');
    expect(activeOption(box)).toBeNull();
    await user.keyboard('{Escape}{ArrowUp}');
    expect(activeOption(box)).toBe('cherry');
  });

  it('typing filters and opens; Enter without an active option takes the first match', async () => {
    const { box, user, onChoose } = setup();
    await user.type(box, 'an');
    expect(box.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['banana']);
    await user.keyboard('{Enter}');
    expect(onChoose).toHaveBeenCalledWith('banana');
  });

  it('Enter with nothing listed chooses nothing; Home and End stay caret keys while closed', async () => {
    const { box, user, onChoose } = setup();
    await user.type(box, 'zz{Enter}');
    expect(onChoose).not.toHaveBeenCalled();
    await user.keyboard('{Escape}'); // closes
    await user.keyboard('{Home}');
    expect(box.selectionStart).toBe(0);
  });

  it('Escape closes the list, and a second Escape clears the box', async () => {
    const { box, user } = setup('apple');
    box.focus();
    await user.keyboard('{ArrowDown}{Escape}');
    expect(box.getAttribute('aria-expanded')).toBe('false');
    expect(box.value).toBe('apple');
    await user.keyboard('{Escape}');
    expect(box.value).toBe('');
  });

  it('shows a new label from elsewhere, but never over what the person is typing', async () => {
    const { box, user, setLabel } = setup('apple');
    setLabel('banana');
    await vi.waitFor(() => expect(box.value).toBe('banana'));
    await user.clear(box);
    await user.type(box, 'ch');
    setLabel('cherry');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(box.value).toBe('ch');
  });

  it('keeps text typed into the painted box before it took over (hydration)', async () => {
    document.body.innerHTML =
      '<div id="root"><div><input role="combobox" aria-label="Fruit" value="apple"><ul role="listbox" hidden></ul></div></div>';
    const root = document.getElementById('root')!;
    const box = root.querySelector('input')!;
    box.focus();
    box.value = 'ban';
    box.setSelectionRange(1, 1);
    const { hydrate } = await import('preact');
    hydrate(<Harness label="apple" onChoose={() => undefined} />, root);
    await vi.waitFor(() => expect(box.getAttribute('aria-expanded')).toBe('true'));
    expect(root.querySelector('input')).toBe(box);
    expect(box.value).toBe('ban');
    expect([box.selectionStart, document.activeElement]).toEqual([1, box]);
    expect([...root.querySelectorAll('[role="option"]')].map((o) => o.textContent)).toEqual(['banana']);
  });
});
