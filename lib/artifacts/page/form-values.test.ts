import { describe, expect, it } from 'vitest';
import { clearFormValues } from './form-values';

describe('clearFormValues', () => {
  it('empties passwords and resets typed text to the served value, then restores exactly', () => {
    document.body.innerHTML = `
      <input id="name" value="served"><input id="q" type="search"><input id="pw" type="password" value="servedpw">
      <input id="hidden" type="hidden" value="csrf"><input id="box" type="checkbox" checked>
      <textarea id="notes">served notes</textarea>`;
    const el = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
    el<HTMLInputElement>('name').value = 'typed name';
    el<HTMLInputElement>('q').value = 'typed query';
    el<HTMLInputElement>('pw').value = 'typed password';
    el<HTMLTextAreaElement>('notes').value = 'typed notes';

    const cleared = clearFormValues(document);

    expect(cleared.cleared).toBe(4);
    expect(el<HTMLInputElement>('name').value).toBe('served');
    expect(el<HTMLInputElement>('q').value).toBe('');
    expect(el<HTMLInputElement>('pw').value).toBe('');
    expect(el<HTMLInputElement>('pw').getAttribute('value')).toBeNull();
    expect(el<HTMLTextAreaElement>('notes').value).toBe('served notes');
    expect(el<HTMLInputElement>('hidden').value).toBe('csrf');
    expect(el<HTMLInputElement>('box').checked).toBe(true);

    cleared.restore();

    expect(el<HTMLInputElement>('name').value).toBe('typed name');
    expect(el<HTMLInputElement>('q').value).toBe('typed query');
    expect(el<HTMLInputElement>('pw').value).toBe('typed password');
    expect(el<HTMLInputElement>('pw').getAttribute('value')).toBe('servedpw');
    expect(el<HTMLTextAreaElement>('notes').value).toBe('typed notes');
  });

  it('leaves untouched fields alone', () => {
    document.body.innerHTML = '<input id="a" value="x"><textarea id="b">y</textarea>';
    expect(clearFormValues(document).cleared).toBe(0);
  });
});
