/**
 * The `Incident` combobox (ARIA 1.2 combobox with a listbox popup,
 * https://www.w3.org/WAI/ARIA/apg/patterns/combobox/examples/combobox-autocomplete-list/).
 * Pinned and recent incidents show before anything is typed; typing matches locally at once and
 * searches Atlos (see useIncidentSearch); pasting a slug, `CODE-SLUG` or an incident URL picks
 * that incident directly.
 */
import { i18n } from '#i18n';
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { TargetedClipboardEvent, TargetedEvent, TargetedKeyboardEvent } from 'preact';
import { parseIncidentReference } from '../lib/atlos/slug';
import { displaySlug, incidentKey, type IncidentOption } from '../lib/incidents/types';
import { useIncidentSearch, type IncidentSource } from './useIncidentSearch';

export interface IncidentPickerProps {
  source: IncidentSource;
  /** Offered before anything is typed: pinned, then recent. */
  initial: IncidentOption[];
  selected: IncidentOption | null;
  onSelect(option: IncidentOption): void;
  /** Resolves a pasted reference to the incident(s) it names. */
  resolveReference(input: string): Promise<IncidentOption[]>;
  /** Show each option's project (several projects connected). */
  showProject: boolean;
  isPinned(option: IncidentOption): boolean;
  /** "Create incident…" choice; called with the typed text. */
  onCreate?(text: string): void;
  debounceMs?: number;
  /** Focus the text box when shown (e.g. when coming back from the new-incident form). */
  autoFocus?: boolean;
  /** Fixed id prefix (default: generated), so markup prerendered elsewhere hydrates with the same ids. */
  id?: string;
}

type Item = { kind: 'incident'; option: IncidentOption } | { kind: 'create' };

export function optionLabel(option: IncidentOption): string {
  return `${displaySlug(option)} · ${option.description}`;
}

export function IncidentPicker(props: IncidentPickerProps) {
  const { selected, onSelect, showProject, isPinned, onCreate } = props;
  const generatedId = useId();
  const id = props.id ?? generatedId;
  const listId = `${id}-list`;
  const [text, setText] = useState(selected ? optionLabel(selected) : '');
  const [filtering, setFiltering] = useState(false);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [lookup, setLookup] = useState<{ state: 'resolving' | 'missing'; input: string; found?: IncidentOption[] } | null>(null);
  const query = filtering ? text : '';
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (props.autoFocus) input.current?.focus();
  }, []);
  // Hydrating prerendered markup: text typed before the app took over is kept as typed (Preact
  // leaves an input's value alone while hydrating), and searched as if typed now.
  useLayoutEffect(() => {
    const box = input.current;
    // `defaultValue` is the painted `value` attribute: equal means untouched (even when the browser
    // dropped line breaks from it, which makes it differ from `text`).
    if (box && box.value !== text && box.value !== box.defaultValue) onTyped(box.value);
  }, []);
  // A selection made elsewhere (last used incident loaded, incident just created) shows here too,
  // and a fuller copy of the same incident (from the cache or Atlos), unless the person is typing.
  const selectedLabel = selected ? optionLabel(selected) : '';
  const shownLabel = useRef(selectedLabel);
  useEffect(() => {
    if (!selected || shownLabel.current === selectedLabel) return; // the text started from it
    shownLabel.current = selectedLabel;
    // While the person types, nothing chosen elsewhere (e.g. storage answering late) replaces the
    // text; their own choices (list, paste) stop filtering before they reach here.
    if (filtering) return;
    setText(selectedLabel);
    setFiltering(false);
  }, [selectedLabel]);
  const search = useIncidentSearch(query, props.source, props.debounceMs);

  const items: Item[] = useMemo(() => {
    const options = lookup?.found ?? (query.trim() ? search.options : props.initial);
    const list: Item[] = options.map((option) => ({ kind: 'incident', option }));
    if (onCreate && query.trim()) list.push({ kind: 'create' });
    return list;
  }, [lookup, query, search.options, props.initial, onCreate]);

  const choose = (item: Item | undefined) => {
    if (!item) return;
    setOpen(false);
    setActive(-1);
    setLookup(null);
    if (item.kind === 'create') {
      onCreate?.(query.trim());
      return;
    }
    setText(optionLabel(item.option));
    setFiltering(false);
    onSelect(item.option);
  };

  const onTyped = (value: string) => {
    setText(value);
    setFiltering(true);
    setLookup(null);
    setOpen(true);
    setActive(-1);
  };
  const onInput = (event: TargetedEvent<HTMLInputElement>) => onTyped(event.currentTarget.value);

  const onPaste = (event: TargetedClipboardEvent<HTMLInputElement>) => {
    const pasted = event.clipboardData?.getData('text/plain') ?? '';
    if (!parseIncidentReference(pasted)) return; // ordinary text: let it be typed and searched
    event.preventDefault();
    const input = pasted.trim();
    setText(input);
    setFiltering(true);
    setLookup({ state: 'resolving', input });
    props.resolveReference(input).then(
      (found) => {
        if (found.length === 1) choose({ kind: 'incident', option: found[0]! });
        else if (found.length > 1) {
          setLookup({ state: 'resolving', input, found });
          setOpen(true);
        } else setLookup({ state: 'missing', input });
      },
      () => setLookup({ state: 'missing', input }),
    );
  };

  const move = (to: number) => {
    setOpen(true);
    if (items.length === 0) return setActive(-1);
    setActive(Math.max(0, Math.min(items.length - 1, to)));
  };

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) {
          setOpen(true);
          if (event.altKey) return;
          return setActive(items.length > 0 ? 0 : -1);
        }
        return move(active + 1);
      case 'ArrowUp':
        event.preventDefault();
        return move(open ? active - 1 : items.length - 1);
      case 'Home':
      case 'End':
        if (!open || items.length === 0) return; // caret movement in the text box
        event.preventDefault();
        return move(event.key === 'Home' ? 0 : items.length - 1);
      case 'Enter':
        if (!open) return;
        event.preventDefault();
        return choose(items[active >= 0 ? active : 0]);
      case 'Escape':
        event.preventDefault();
        if (open) {
          setOpen(false);
          setActive(-1);
        } else {
          setText('');
          setFiltering(true);
          setLookup(null);
        }
        return;
      case 'Tab':
        setOpen(false);
        return;
    }
  };

  const activeId = open && active >= 0 ? `${id}-opt-${active}` : undefined;
  let hint = '';
  if (lookup?.state === 'resolving' && !lookup.found) hint = i18n.t('popup_pickerResolving', [lookup.input]);
  else if (lookup?.state === 'missing') hint = i18n.t('popup_pickerReferenceMissing', [lookup.input]);
  else if (search.error) hint = i18n.t('popup_pickerSearchFailed', [search.error]);
  else if (search.searching) hint = i18n.t('popup_pickerSearching');
  else if (open && query.trim() && search.options.length === 0) hint = i18n.t('popup_pickerNoMatch');
  else if (open && !query.trim() && props.initial.length === 0) hint = i18n.t('popup_pickerEmpty');

  return (
    <div class="picker">
      <label class="field-label" for={`${id}-input`} id={`${id}-label`}>{i18n.t('popup_incidentLabel')}</label>
      <input
        ref={input}
        id={`${id}-input`}
        class="picker-input"
        type="text"
        role="combobox"
        autoComplete="off"
        spellcheck={false}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-describedby={`${id}-hint`}
        placeholder={i18n.t('popup_incidentPlaceholder')}
        value={text}
        onInput={onInput}
        onPaste={onPaste}
        onKeyDown={onKeyDown}
        onFocus={(e) => e.currentTarget.select()}
        onClick={() => setOpen(true)}
        onBlur={() => setOpen(false)}
      />
      <ul id={listId} role="listbox" aria-labelledby={`${id}-label`} class="picker-list" hidden={!open || items.length === 0}
        onMouseDown={(e) => e.preventDefault() /* clicks on the list (its scrollbar too) keep focus in the box */}>
        {items.map((item, index) => {
          const optionId = `${id}-opt-${index}`;
          const common = {
            id: optionId,
            role: 'option',
            'aria-selected': index === active,
            class: index === active ? 'picker-option is-active' : 'picker-option',
            // Keep focus in the text box while clicking (the pattern's "DOM focus stays on the combobox").
            onMouseDown: (e: MouseEvent) => e.preventDefault(),
            onClick: () => choose(item),
          } as const;
          if (item.kind === 'create') {
            return <li key="create" {...common}><span class="picker-create">{i18n.t('popup_pickerCreate')}</span></li>;
          }
          const { option } = item;
          return (
            <li key={incidentKey(option)} {...common}>
              <span class="picker-row">
                <span class="picker-slug" dir="ltr">{displaySlug(option)}</span>
                {option.status && <span class="badge">{option.status}</span>}
                {isPinned(option) && <span class="picker-pin">{i18n.t('popup_pinnedMark')}</span>}
                {showProject && option.projectName && <span class="picker-project">{option.projectName}</span>}
              </span>
              <span class="picker-desc" title={option.description} dir="auto">{option.description}</span>
            </li>
          );
        })}
      </ul>
      <p id={`${id}-hint`} class="hint" aria-live="polite">{hint}</p>
    </div>
  );
}
