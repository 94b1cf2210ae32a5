/**
 * Runs IN THE PAGE (the clicked frame), injected with `scripting.executeScript({ func })`: it must be
 * self-contained (no imports, no closure) and its answer JSON-serialisable
 * (https://developer.chrome.com/docs/extensions/reference/api/scripting#type-ScriptInjection).
 *
 * Walks the selection's ranges for `a[href]` elements that the selection touches, in document order,
 * and answers their resolved `href` (the browser resolves relative URLs against the document's base)
 * with their text. The page controls everything here, so the answer is bounded: at most `maxLinks`
 * links, each text at most `maxText` characters and each URL at most `maxUrl`. Filtering (http(s)
 * only), normalising and deduplicating happen in the extension (normalise.ts), never trusted to the page.
 */
export interface RawSelectionLinks {
  pageUrl: string;
  links: Array<{ href: string; text: string }>;
  /** More links were selected than `maxLinks`. */
  truncated: boolean;
}

export function linksInSelection(maxLinks: number, maxText: number, maxUrl: number): RawSelectionLinks {
  const links: Array<{ href: string; text: string }> = [];
  const seen = new Set<Element>();
  let truncated = false;
  const selection = document.getSelection();
  const take = (anchor: Element) => {
    if (seen.has(anchor)) return;
    seen.add(anchor);
    if (links.length >= maxLinks) {
      truncated = true;
      return;
    }
    // `href` of an <a> is resolved; an SVG <a> has an SVGAnimatedString instead, resolved here.
    const raw = anchor.getAttribute('href') ?? '';
    let href: string;
    try {
      href = new URL(raw, document.baseURI).href;
    } catch {
      href = '';
    }
    const text = (anchor.textContent ?? '').replace(/\s+/g, ' ').trim();
    links.push({ href: href.slice(0, maxUrl), text: text.slice(0, maxText) });
  };
  for (let i = 0; selection && i < selection.rangeCount && !truncated; i++) {
    const range = selection.getRangeAt(i);
    if (range.collapsed) continue;
    // A selection that starts or ends inside a link still selects that link.
    const ancestor = range.commonAncestorContainer;
    const root = ancestor.nodeType === Node.ELEMENT_NODE ? (ancestor as Element) : ancestor.parentElement;
    const enclosing = root?.closest('a[href]');
    if (enclosing) {
      take(enclosing);
      continue;
    }
    if (!root) continue;
    for (const anchor of Array.from(root.querySelectorAll('a[href]'))) {
      if (truncated) break;
      if (range.intersectsNode(anchor)) take(anchor);
    }
  }
  return { pageUrl: location.href, links, truncated };
}
