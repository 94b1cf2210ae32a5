/**
 * Above the links of a selection: how many are checked, and `Check all` / `Uncheck all`, so a
 * long list (up to the batch cap) is not ticked one box at a time. Links already in the incident
 * stay marked in the list; `Check all` checks them too, as the person asked.
 */
import { i18n } from '#i18n';

export interface LinkCheckToolsProps {
  checked: number;
  total: number;
  onCheckAll(): void;
  onUncheckAll(): void;
}

export function LinkCheckTools({ checked, total, onCheckAll, onUncheckAll }: LinkCheckToolsProps) {
  return (
    <div class="batch-link-tools">
      <span class="hint" aria-live="polite">
        {i18n.t('batch_linksChecked', [String(checked), String(total)])}
      </span>
      <button type="button" class="link-button" disabled={checked === total} onClick={onCheckAll}>
        {i18n.t('batch_checkAll')}
      </button>
      <button type="button" class="link-button" disabled={checked === 0} onClick={onUncheckAll}>
        {i18n.t('batch_uncheckAll')}
      </button>
    </div>
  );
}
