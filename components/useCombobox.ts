/**
 * The behaviour of an editable combobox with a list popup (ARIA 1.2, "list autocomplete":
 * https://www.w3.org/WAI/ARIA/apg/patterns/combobox/examples/combobox-autocomplete-list/), apart
 * from what is listed: the box's text, whether it filters, whether the list is open, the active
 * option, and the keys. DOM focus stays in the text box; the active option is announced through
 * `aria-activedescendant`. The caller owns the items and what choosing one means.
 */
import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface Combobox {
  inputRef: RefObject<HTMLInputElement>;
  /** What the box shows. */
  text: string;
  /** What the person typed to filter by; '' while the box shows a chosen item's label. */
  query: string;
  open: boolean;
  /** Index of the active option, -1 for none. */
  active: number;
  setOpen(open: boolean): void;
  /** The person typed (or pasted) `value`: filter by it. */
  type(value: string, openList?: boolean): void;
  /** An item was chosen: the list closes and the box shows `label` (unchanged without one). */
  chosen(label?: string): void;
  /** The pattern's keys over `count` options; Enter calls `choose` with the active (else first) index. */
  onKeyDown(event: KeyboardEvent, count: number, choose: (index: number) => void): void;
}

/**
 * `label`: the chosen item's label, shown when the person is not typing. A new label (chosen
 * elsewhere, or a fuller copy of the same item) replaces the text unless the person is typing.
 */
export function useCombobox(label: string): Combobox {
  const [text, setText] = useState(label);
  const [filtering, setFiltering] = useState(false);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null) as RefObject<HTMLInputElement>;

  const type = (value: string, openList = true) => {
    setText(value);
    setFiltering(true);
    setActive(-1);
    if (openList) setOpen(true);
  };

  // Taking over markup painted before the script ran (hydration): Preact leaves an input's value
  // alone then, so text typed meanwhile is still there; it is kept and filtered by as if typed now.
  useLayoutEffect(() => {
    const box = inputRef.current;
    // `defaultValue` is the painted `value` attribute: equal means untouched (even when the browser
    // dropped line breaks from it, which makes it differ from `text`).
    if (box && box.value !== text && box.value !== box.defaultValue) type(box.value);
  }, []);

  const shownLabel = useRef(label);
  useEffect(() => {
    if (shownLabel.current === label) return; // the text started from it
    shownLabel.current = label;
    // The person's own choices stop filtering before a new label arrives; anything else waits.
    if (filtering || !label) return;
    setText(label);
  }, [label]);

  const move = (to: number, count: number) => {
    setOpen(true);
    setActive(count === 0 ? -1 : Math.max(0, Math.min(count - 1, to)));
  };

  const onKeyDown = (event: KeyboardEvent, count: number, choose: (index: number) => void) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (open) return move(active + 1, count);
        setOpen(true);
        if (!event.altKey) setActive(count > 0 ? 0 : -1); // Alt+Down opens without moving
        return;
      case 'ArrowUp':
        event.preventDefault();
        return move(open ? active - 1 : count - 1, count);
      case 'Home':
      case 'End':
        if (!open || count === 0) return; // caret movement in the text box
        event.preventDefault();
        return move(event.key === 'Home' ? 0 : count - 1, count);
      case 'Enter':
        if (!open) return;
        event.preventDefault();
        if (count > 0) choose(active >= 0 ? Math.min(active, count - 1) : 0);
        return;
      case 'Escape':
        event.preventDefault();
        if (open) {
          setOpen(false);
          setActive(-1);
        } else type('', false); // a second Escape clears the box
        return;
      case 'Tab':
        setOpen(false);
        return;
    }
  };

  return {
    inputRef,
    text,
    query: filtering ? text : '',
    open,
    active,
    setOpen,
    type,
    chosen(next) {
      setOpen(false);
      setActive(-1);
      if (next === undefined) return;
      setText(next);
      setFiltering(false);
    },
    onKeyDown,
  };
}
