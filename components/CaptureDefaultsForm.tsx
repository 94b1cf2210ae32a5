/**
 * Capture defaults: what is captured, the metadata namespace, the largest media upload and the
 * largest batch.
 * Each valid change is saved at once; an invalid one is explained and not saved.
 */
import { i18n } from '#i18n';
import { useEffect, useId, useState } from 'preact/hooks';
import { BATCH_SIZE_CAP_RANGE, MB, namespaceProblem, type CaptureDefaults } from '../lib/settings';

export interface CaptureDefaultsFormProps {
  load(): Promise<CaptureDefaults>;
  save(value: CaptureDefaults): Promise<void>;
}

type Flag = 'archive' | 'viewportScreenshot' | 'fullPageScreenshot' | 'pageArchive' | 'originalMedia';

const FLAGS: { key: Flag; label: () => string }[] = [
  { key: 'archive', label: () => i18n.t('options_archive') },
  { key: 'viewportScreenshot', label: () => i18n.t('options_viewportScreenshot') },
  { key: 'fullPageScreenshot', label: () => i18n.t('options_fullPageScreenshot') },
  { key: 'pageArchive', label: () => i18n.t('options_pageArchive') },
  { key: 'originalMedia', label: () => i18n.t('options_originalMedia') },
];

export function namespaceMessage(namespace: string): string | null {
  switch (namespaceProblem(namespace)) {
    case 'empty':
      return i18n.t('options_namespaceEmpty');
    case 'slash':
      return i18n.t('options_namespaceSlash');
    case 'reserved':
      return i18n.t('options_namespaceReserved', [namespace.trim()]);
    case 'too_long':
      return i18n.t('options_namespaceTooLong');
    default:
      return null;
  }
}

export function CaptureDefaultsForm({ load, save }: CaptureDefaultsFormProps) {
  const id = useId();
  const [value, setValue] = useState<CaptureDefaults | null>(null);
  const [namespace, setNamespace] = useState('');
  const [megabytes, setMegabytes] = useState('');
  const [namespaceError, setNamespaceError] = useState<string | null>(null);
  const [sizeError, setSizeError] = useState<string | null>(null);
  const [cap, setCap] = useState('');
  const [capError, setCapError] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    void load().then((loaded) => {
      setValue(loaded);
      setNamespace(loaded.metadataNamespace);
      setMegabytes(String(Math.round((loaded.maxMediaBytes / MB) * 10) / 10));
      setCap(String(loaded.batchSizeCap));
    });
  }, []);

  if (!value) return null;

  const commit = async (next: CaptureDefaults) => {
    setValue(next);
    setStatus('');
    await save(next);
    setStatus(i18n.t('options_saved'));
  };

  const commitNamespace = () => {
    const message = namespaceMessage(namespace);
    setNamespaceError(message);
    if (!message && namespace.trim() !== value.metadataNamespace)
      void commit({ ...value, metadataNamespace: namespace.trim() });
  };

  const commitSize = () => {
    const mb = Number(megabytes);
    const valid = megabytes.trim() !== '' && Number.isFinite(mb) && mb > 0;
    setSizeError(valid ? null : i18n.t('options_maxMediaInvalid'));
    const bytes = Math.round(mb * MB);
    if (valid && bytes !== value.maxMediaBytes) void commit({ ...value, maxMediaBytes: bytes });
  };

  const commitCap = () => {
    const n = Number(cap);
    const { min, max } = BATCH_SIZE_CAP_RANGE;
    const valid = Number.isInteger(n) && n >= min && n <= max;
    setCapError(valid ? null : i18n.t('options_batchCapInvalid', [String(min), String(max)]));
    if (valid && n !== value.batchSizeCap) void commit({ ...value, batchSizeCap: n });
  };

  return (
    <form
      class="card defaults"
      onSubmit={(e) => {
        e.preventDefault();
        commitNamespace();
        commitSize();
        commitCap();
      }}
      noValidate
    >
      <fieldset>
        <legend>{i18n.t('options_defaultsHeading')}</legend>
        <p class="hint">{i18n.t('options_defaultsIntro')}</p>
        {FLAGS.map(({ key, label }) => (
          <div class="check" key={key}>
            <input
              id={`${id}-${key}`}
              type="checkbox"
              checked={value[key]}
              onChange={(e) => void commit({ ...value, [key]: (e.currentTarget as HTMLInputElement).checked })}
            />
            <label for={`${id}-${key}`}>{label()}</label>
          </div>
        ))}
        <div class="field">
          <label for={`${id}-ns`}>{i18n.t('options_namespaceLabel')}</label>
          <input
            id={`${id}-ns`}
            type="text"
            dir="ltr"
            spellcheck={false}
            value={namespace}
            aria-invalid={namespaceError ? 'true' : undefined}
            aria-describedby={`${id}-ns-hint${namespaceError ? ` ${id}-ns-error` : ''}`}
            onInput={(e) => setNamespace((e.currentTarget as HTMLInputElement).value)}
            onChange={commitNamespace}
            onKeyDown={(e) => e.key === 'Enter' && commitNamespace()}
          />
          <p class="hint" id={`${id}-ns-hint`}>
            {i18n.t('options_namespaceHint')}
          </p>
          {namespaceError && (
            <p role="alert" class="alert" id={`${id}-ns-error`}>
              {namespaceError}
            </p>
          )}
        </div>
        <div class="field">
          <label for={`${id}-max`}>{i18n.t('options_maxMediaLabel')}</label>
          <input
            id={`${id}-max`}
            type="number"
            min="1"
            step="1"
            inputMode="numeric"
            value={megabytes}
            aria-invalid={sizeError ? 'true' : undefined}
            aria-describedby={sizeError ? `${id}-max-error` : undefined}
            onInput={(e) => setMegabytes((e.currentTarget as HTMLInputElement).value)}
            onChange={commitSize}
            onKeyDown={(e) => e.key === 'Enter' && commitSize()}
          />
          {sizeError && (
            <p role="alert" class="alert" id={`${id}-max-error`}>
              {sizeError}
            </p>
          )}
        </div>
        <div class="field">
          <label for={`${id}-cap`}>{i18n.t('options_batchCapLabel')}</label>
          <input
            id={`${id}-cap`}
            type="number"
            min={BATCH_SIZE_CAP_RANGE.min}
            max={BATCH_SIZE_CAP_RANGE.max}
            step="1"
            inputMode="numeric"
            value={cap}
            aria-invalid={capError ? 'true' : undefined}
            aria-describedby={capError ? `${id}-cap-error` : undefined}
            onInput={(e) => setCap((e.currentTarget as HTMLInputElement).value)}
            onChange={commitCap}
            onKeyDown={(e) => e.key === 'Enter' && commitCap()}
          />
          {capError && (
            <p role="alert" class="alert" id={`${id}-cap-error`}>
              {capError}
            </p>
          )}
        </div>
        <p role="status" class="status">
          {status}
        </p>
      </fieldset>
    </form>
  );
}
