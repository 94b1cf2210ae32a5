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

    expect(cleared.cleared).toBe(5);
    expect(el<HTMLInputElement>('name').value).toBe('served');
    expect(el<HTMLInputElement>('q').value).toBe('');
    expect(el<HTMLInputElement>('pw').value).toBe('');
    expect(el<HTMLInputElement>('pw').getAttribute('value')).toBeNull();
    expect(el<HTMLTextAreaElement>('notes').value).toBe('served notes');
    expect(el<HTMLInputElement>('hidden').value).toBe('');
    expect(el<HTMLInputElement>('hidden').hasAttribute('value')).toBe(false);
    expect(el<HTMLInputElement>('box').checked).toBe(true);

    cleared.restore();

    expect(el<HTMLInputElement>('name').value).toBe('typed name');
    expect(el<HTMLInputElement>('q').value).toBe('typed query');
    expect(el<HTMLInputElement>('pw').value).toBe('typed password');
    expect(el<HTMLInputElement>('pw').getAttribute('value')).toBe('servedpw');
    expect(el<HTMLTextAreaElement>('notes').value).toBe('typed notes');
    expect(el<HTMLInputElement>('hidden').value).toBe('csrf');
    expect(el<HTMLInputElement>('hidden').getAttribute('value')).toBe('csrf');
  });

  it('empties editable regions (outermost only) while saving and puts the very same nodes back', () => {
    document.body.innerHTML = `
      <div id="compose" contenteditable="true"><p id="typed">Dear colleague, the source is <b>X</b></p><div contenteditable>nested</div></div>
      <div id="plain" contenteditable="false">page text</div><div id="bare" contenteditable>draft</div>`;
    const typed = document.getElementById('typed');
    const cleared = clearFormValues(document);
    expect(cleared.cleared).toBe(2);
    expect(document.getElementById('compose')!.innerHTML).toBe('');
    expect(document.getElementById('bare')!.textContent).toBe('');
    expect(document.getElementById('plain')!.textContent).toBe('page text');
    expect(document.body.textContent).not.toMatch(/Dear colleague|draft/);
    cleared.restore();
    expect(document.getElementById('typed')).toBe(typed);
    expect(document.getElementById('compose')!.textContent).toBe('Dear colleague, the source is Xnested');
    expect(document.getElementById('bare')!.textContent).toBe('draft');
  });

  it('leaves untouched fields alone', () => {
    document.body.innerHTML = '<input id="a" value="x"><textarea id="b">y</textarea>';
    expect(clearFormValues(document).cleared).toBe(0);
  });
});
