/** The capture choices of the popup: what to send along with the page, and an optional comment. */
import { i18n } from '#i18n';
import { useId } from 'preact/hooks';

export interface CaptureChoices {
  archive: boolean;
  viewportScreenshot: boolean;
  fullPageScreenshot: boolean;
}

export interface CaptureOptionsProps {
  choices: CaptureChoices;
  onChoicesChange(choices: CaptureChoices): void;
  comment: string;
  onCommentChange(comment: string): void;
  /** Screenshots are impossible (URL-only capture): their boxes are shown disabled. */
  urlOnly?: boolean;
}

export function CaptureOptions({
  choices,
  onChoicesChange,
  comment,
  onCommentChange,
  urlOnly = false,
}: CaptureOptionsProps) {
  const id = useId();
  const box = (key: keyof CaptureChoices, label: string, disabled = false) => (
    <label class="check">
      <input
        type="checkbox"
        name={key}
        checked={choices[key] && !disabled}
        disabled={disabled}
        onChange={(e) => onChoicesChange({ ...choices, [key]: e.currentTarget.checked })}
      />
      <span>{label}</span>
    </label>
  );
  return (
    <fieldset class="options">
      <legend class="visually-hidden">{i18n.t('popup_optionsLegend')}</legend>
      {box('archive', i18n.t('popup_archiveLabel'))}
      {box('viewportScreenshot', i18n.t('popup_viewportLabel'), urlOnly)}
      {box('fullPageScreenshot', i18n.t('popup_fullPageLabel'), urlOnly)}
      <label class="field-label" for={`${id}-comment`}>
        {i18n.t('popup_commentLabel')}
      </label>
      <textarea
        id={`${id}-comment`}
        name="comment"
        class="comment"
        rows={2}
        dir="auto"
        maxLength={2500}
        value={comment}
        placeholder={i18n.t('popup_commentPlaceholder')}
        onInput={(e) => onCommentChange(e.currentTarget.value)}
      />
    </fieldset>
  );
}
