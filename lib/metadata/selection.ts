/** The selection with some text before and after it (like a W3C TextQuoteSelector). */
import type { SelectionInfo } from '../domain/collected-capture';
import { BOUNDS, bound } from './bounds';

const collapse = (text: string) => text.replace(/\s+/g, ' ');

export function extractSelection(doc: Document, win: Window): SelectionInfo | null {
  const selection = win.getSelection?.();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const text = selection.toString();
  if (!text.trim()) return null;
  const range = selection.getRangeAt(0);
  const body = doc.body ?? doc.documentElement;
  let prefix = '';
  let suffix = '';
  try {
    const before = doc.createRange();
    before.setStart(body, 0);
    before.setEnd(range.startContainer, range.startOffset);
    prefix = collapse(before.toString()).trimStart().slice(-BOUNDS.selectionContext);
    const after = doc.createRange();
    after.setStart(range.endContainer, range.endOffset);
    after.setEnd(body, body.childNodes.length);
    suffix = collapse(after.toString()).trimEnd().slice(0, BOUNDS.selectionContext);
  } catch {
    // A selection in a detached or shadow tree: keep the text alone.
  }
  return { text: bound(text, BOUNDS.selectionText)!, prefix, suffix };
}
