/**
 * The `Incident` combobox (ARIA 1.2 combobox with a listbox popup,
 * https://www.w3.org/WAI/ARIA/apg/patterns/combobox/examples/combobox-autocomplete-list/).
 * Pinned and recent incidents show before anything is typed; typing matches locally at once and
 * searches Atlos (see useIncidentSearch); pasting a slug, `CODE-SLUG` or an incident URL picks
 * that incident directly. The combobox's keys and state are useCombobox's.
 */
import { i18n } from '#i18n';
import { useEffect, useId, useMemo, useState } from 'preact/hooks';
import type { TargetedClipboardEvent } from 'preact';
import { parseIncidentReference } from '../lib/atlos/slug';
import { displaySlug, incidentKey, type IncidentOption } from '../lib/incidents/types';
import { useCombobox } from './useCombobox';
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
  const combo = useCombobox(selected ? optionLabel(selected) : '');
  const { query, open, active } = combo;
  const [lookup, setLookup] = useState<{
    state: 'resolving' | 'missing';
    input: string;
    found?: IncidentOption[];
  } | null>(null);
  useEffect(() => {
    if (props.autoFocus) combo.inputRef.current?.focus();
  }, []);
  const search = useIncidentSearch(query, props.source, props.debounceMs);

  const items: Item[] = useMemo(() => {
    const options = lookup?.found ?? (query.trim() ? search.options : props.initial);
    const list: Item[] = options.map((option) => ({ kind: 'incident', option }));
    if (onCreate && query.trim()) list.push({ kind: 'create' });
    return list;
  }, [lookup, query, search.options, props.initial, onCreate]);

  const choose = (item: Item | undefined) => {
    if (!item) return;
    setLookup(null);
    if (item.kind === 'create') {
      combo.chosen();
      onCreate?.(query.trim());
      return;
    }
    combo.chosen(optionLabel(item.option));
    onSelect(item.option);
  };

  const onPaste = (event: TargetedClipboardEvent<HTMLInputElement>) => {
    const pasted = event.clipboardData?.getData('text/plain') ?? '';
    if (!parseIncidentReference(pasted)) return; // ordinary text: let it be typed and searched
    event.preventDefault();
    const input = pasted.trim();
    combo.type(input, false);
    setLookup({ state: 'resolving', input });
    props.resolveReference(input).then(
      (found) => {
        if (found.length === 1) choose({ kind: 'incident', option: found[0]! });
        else if (found.length > 1) {
          setLookup({ state: 'resolving', input, found });
          combo.setOpen(true);
        } else setLookup({ state: 'missing', input });
      },
      () => setLookup({ state: 'missing', input }),
    );
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
      <label class="field-label" for={`${id}-input`} id={`${id}-label`}>
        {i18n.t('popup_incidentLabel')}
      </label>
      <input
        ref={combo.inputRef}
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
        value={combo.text}
        onInput={(e) => {
          combo.type(e.currentTarget.value);
          setLookup(null);
        }}
        onPaste={onPaste}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && !open) setLookup(null); // the box is cleared: so is the lookup
          combo.onKeyDown(e, items.length, (index) => choose(items[index]));
        }}
        onFocus={(e) => e.currentTarget.select()}
        onClick={() => combo.setOpen(true)}
        onBlur={() => combo.setOpen(false)}
      />
      <ul
        id={listId}
        role="listbox"
        aria-labelledby={`${id}-label`}
        class="picker-list"
        hidden={!open || items.length === 0}
        onMouseDown={(e) => e.preventDefault() /* clicks on the list (its scrollbar too) keep focus in the box */}
      >
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
            return (
              <li key="create" {...common}>
                <span class="picker-create">{i18n.t('popup_pickerCreate')}</span>
              </li>
            );
          }
          const { option } = item;
          return (
            <li key={incidentKey(option)} {...common}>
              <span class="picker-row">
                <span class="picker-slug" dir="ltr">
                  {displaySlug(option)}
                </span>
                {option.status && <span class="badge">{option.status}</span>}
                {isPinned(option) && <span class="picker-pin">{i18n.t('popup_pinnedMark')}</span>}
                {showProject && option.projectName && <span class="picker-project">{option.projectName}</span>}
              </span>
              <span class="picker-desc" title={option.description} dir="auto">
                {option.description}
              </span>
            </li>
          );
        })}
      </ul>
      <p id={`${id}-hint`} class="hint" aria-live="polite">
        {hint}
      </p>
    </div>
  );
}
