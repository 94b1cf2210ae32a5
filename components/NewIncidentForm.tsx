/**
 * Creating an incident from the picker: description and sensitivity, with Atlos' own validation
 * messages shown next to the fields they concern (`attr_description`, `attr_sensitive`).
 */
import { i18n } from '#i18n';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { ConnectionSummary } from '../lib/connections/protocol';
import type { CreateIncidentResult, NewIncidentInput } from '../lib/incidents/create';
import { SENSITIVITY_VALUES, toggleSensitivity } from '../lib/incidents/sensitivity';
import type { IncidentOption } from '../lib/incidents/types';

export interface NewIncidentFormProps {
  initialDescription: string;
  connections: Pick<ConnectionSummary, 'id' | 'baseUrl' | 'project'>[];
  onSubmit(input: NewIncidentInput): Promise<CreateIncidentResult>;
  onCreated(incident: IncidentOption): void;
  onCancel(): void;
}

export function NewIncidentForm({
  initialDescription,
  connections,
  onSubmit,
  onCreated,
  onCancel,
}: NewIncidentFormProps) {
  const id = useId();
  const [description, setDescription] = useState(initialDescription);
  const [sensitive, setSensitive] = useState<string[]>([]);
  const [connectionId, setConnectionId] = useState(connections[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const descriptionBox = useRef<HTMLTextAreaElement>(null);
  useEffect(() => descriptionBox.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    const result = await onSubmit({ connectionId, description: description.trim(), sensitive });
    setBusy(false);
    if (result.ok) return onCreated(result.incident);
    setErrors(result.fieldErrors);
    // Field errors are shown beside their fields; anything else goes in the form-level message.
    const placed = ['attr_description', 'attr_sensitive'].some((k) => result.fieldErrors[k]);
    setMessage(placed ? null : result.message);
  };

  const fieldError = (key: string) =>
    errors[key] ? (
      <p id={`${id}-${key}`} class="inline-error">
        {errors[key]}
      </p>
    ) : null;

  return (
    <form class="new-incident" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} class="section-title">
        {i18n.t('popup_newIncidentTitle')}
      </h2>
      {connections.length > 1 && (
        <>
          <label class="field-label" for={`${id}-project`}>
            {i18n.t('popup_newIncidentProject')}
          </label>
          <select id={`${id}-project`} value={connectionId} onChange={(e) => setConnectionId(e.currentTarget.value)}>
            {connections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.project ? `${c.project.name} (${c.project.code})` : c.baseUrl}
              </option>
            ))}
          </select>
        </>
      )}
      <label class="field-label" for={`${id}-description`}>
        {i18n.t('popup_newIncidentDescription')}
      </label>
      <textarea
        ref={descriptionBox}
        id={`${id}-description`}
        rows={3}
        dir="auto"
        value={description}
        aria-invalid={errors.attr_description ? true : undefined}
        aria-describedby={errors.attr_description ? `${id}-attr_description` : undefined}
        onInput={(e) => setDescription(e.currentTarget.value)}
      />
      {fieldError('attr_description')}
      <fieldset class="sensitivity" aria-describedby={errors.attr_sensitive ? `${id}-attr_sensitive` : undefined}>
        <legend class="field-label">{i18n.t('popup_newIncidentSensitivity')}</legend>
        {SENSITIVITY_VALUES.map((value) => (
          <label key={value} class="check">
            <input
              type="checkbox"
              checked={sensitive.includes(value)}
              onChange={() => setSensitive(toggleSensitivity(sensitive, value))}
            />
            <span>{value}</span>
          </label>
        ))}
      </fieldset>
      {fieldError('attr_sensitive')}
      {message && (
        <p class="inline-error" role="alert">
          {message}
        </p>
      )}
      <div class="row">
        <button type="submit" class="button" disabled={busy}>
          {i18n.t('popup_newIncidentCreate')}
        </button>
        <button type="button" class="button secondary" onClick={onCancel}>
          {i18n.t('popup_cancel')}
        </button>
      </div>
    </form>
  );
}
