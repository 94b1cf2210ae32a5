/**
 * Runs in the page before `pageCapture.saveAsMHTML`: the archive must not carry what the
 * investigator typed or any password. Removed while saving, then put back exactly:
 * - password fields: their value and their `value` attribute (emptied);
 * - text-like inputs (text, search, email, url, tel, number, date/time…) and textareas whose
 *   value differs from what the page served (`defaultValue`): reset to the served value.
 * Untouched: hidden inputs, checkboxes, radios, selects, file inputs (MHTML keeps no files),
 * and contenteditable regions (page content, not form state).
 */
const NOT_TEXT = new Set(['hidden', 'checkbox', 'radio', 'submit', 'button', 'reset', 'image', 'file', 'range', 'color']);

interface Saved {
  element: HTMLInputElement | HTMLTextAreaElement;
  value: string;
  valueAttribute: string | null;
}

export function clearFormValues(doc: Document): { restore(): void; cleared: number } {
  const saved: Saved[] = [];
  for (const input of Array.from(doc.querySelectorAll('input'))) {
    const type = input.type.toLowerCase();
    if (type === 'password') {
      saved.push({ element: input, value: input.value, valueAttribute: input.getAttribute('value') });
      input.value = '';
      input.removeAttribute('value');
    } else if (!NOT_TEXT.has(type) && input.value !== input.defaultValue) {
      saved.push({ element: input, value: input.value, valueAttribute: input.getAttribute('value') });
      input.value = input.defaultValue;
    }
  }
  for (const textarea of Array.from(doc.querySelectorAll('textarea'))) {
    if (textarea.value !== textarea.defaultValue) {
      saved.push({ element: textarea, value: textarea.value, valueAttribute: null });
      textarea.value = textarea.defaultValue;
    }
  }
  return {
    cleared: saved.length,
    restore() {
      for (const { element, value, valueAttribute } of saved.splice(0)) {
        if (valueAttribute !== null && element instanceof HTMLInputElement) element.setAttribute('value', valueAttribute);
        element.value = value;
      }
    },
  };
}
