/**
 * Runs in the page before `pageCapture.saveAsMHTML`: the archive must not carry what the
 * investigator typed or any secret the page holds for them. Removed while saving, then put back
 * exactly:
 * - password fields: their value and their `value` attribute (emptied);
 * - text-like inputs (text, search, email, url, tel, number, date/time…) and textareas whose
 *   value differs from what the page served (`defaultValue`): reset to the served value;
 * - hidden inputs: emptied (CSRF tokens, mirrors of what an editor holds);
 * - editable regions (`contenteditable`, `designMode`): emptied — compose boxes of webmail and
 *   social sites. Their nodes are moved out and moved back, so the page's editor keeps its state.
 * Untouched: checkboxes, radios, selects, file inputs (MHTML keeps no files).
 */
const NOT_TEXT = new Set([
  'hidden',
  'checkbox',
  'radio',
  'submit',
  'button',
  'reset',
  'image',
  'file',
  'range',
  'color',
]);

interface Saved {
  restore(): void;
}

/** The outermost editable elements (an editable region's descendants are emptied with it). */
export function editableRegions(doc: Document): HTMLElement[] {
  if (doc.designMode?.toLowerCase() === 'on' && doc.body) return [doc.body];
  const editable = Array.from(doc.querySelectorAll<HTMLElement>('[contenteditable]')).filter(
    (element) => element.getAttribute('contenteditable')?.toLowerCase() !== 'false',
  );
  return editable.filter((element) => !editable.some((other) => other !== element && other.contains(element)));
}

function saveValue(element: HTMLInputElement | HTMLTextAreaElement, keepAttribute: boolean): Saved {
  const value = element.value;
  const valueAttribute = element.getAttribute('value');
  return {
    restore() {
      if (!keepAttribute && valueAttribute !== null) element.setAttribute('value', valueAttribute);
      element.value = value;
    },
  };
}

function emptyRegion(region: HTMLElement): Saved {
  const kept = region.ownerDocument.createDocumentFragment();
  while (region.firstChild) kept.append(region.firstChild);
  return {
    restore() {
      region.replaceChildren(kept);
    },
  };
}

export function clearFormValues(doc: Document): { restore(): void; cleared: number } {
  const saved: Saved[] = [];
  for (const input of Array.from(doc.querySelectorAll('input'))) {
    const type = input.type.toLowerCase();
    if (type === 'password' || type === 'hidden') {
      if (!input.value && !input.hasAttribute('value')) continue;
      saved.push(saveValue(input, false));
      input.value = '';
      input.removeAttribute('value');
    } else if (!NOT_TEXT.has(type) && input.value !== input.defaultValue) {
      saved.push(saveValue(input, true));
      input.value = input.defaultValue;
    }
  }
  for (const textarea of Array.from(doc.querySelectorAll('textarea'))) {
    if (textarea.value !== textarea.defaultValue) {
      saved.push(saveValue(textarea, true));
      textarea.value = textarea.defaultValue;
    }
  }
  for (const region of editableRegions(doc)) {
    if (region.firstChild) saved.push(emptyRegion(region));
  }
  return {
    cleared: saved.length,
    restore() {
      for (const entry of saved.splice(0).reverse()) entry.restore();
    },
  };
}
