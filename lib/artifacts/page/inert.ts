/**
 * Makes a copy of a page's DOM inert (Firefox's HTML archive, page/snapshot.ts): opening the file
 * must not run anything, fetch anything from the live site, or navigate anywhere by itself. The
 * CSP meta that snapshot.ts puts first is the backstop; this removes what a CSP does not stop
 * (or stops only in some browsers): scripts and handlers, frames and `srcdoc`, plugins, meta
 * refresh, SVG animation (which can set `href` to `javascript:`), the live `<base>`, and
 * script URLs in any attribute, recognised the way a browser's URL parser reads them.
 * Also what the investigator or the page holds for them: hidden input values, editable regions.
 */

const REMOVED = [
  'script',
  'noscript',
  'template[shadowrootmode]',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'portal',
  'fencedframe',
  'base',
  'meta[http-equiv]',
  // SVG animation elements (any namespace prefix in HTML is lowercased by the parser).
  'animate',
  'set',
  'animateMotion',
  'animateTransform',
  'animateColor',
  'discard',
].join(', ');

const SCRIPT_SCHEMES = /^(javascript|vbscript|livescript):/;

/**
 * A URL as the URL parser sees it, for the scheme check: entities decoded (for values that did
 * not come through the HTML parser), ASCII whitespace and control characters removed (the
 * parser drops tabs and newlines anywhere and trims C0 controls and spaces at the ends, so
 * `java\tscript:` is `javascript:`), lowercased.
 */
export function normaliseUrlForCheck(value: string): string {
  const decoded = value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(
      /&(tab|newline|colon);/gi,
      (_, name: string) => ({ tab: '\t', newline: '\n', colon: ':' })[name.toLowerCase()] ?? '',
    );
  // eslint-disable-next-line no-control-regex
  return decoded.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
}

export function isScriptUrl(value: string): boolean {
  return SCRIPT_SCHEMES.test(normaliseUrlForCheck(value));
}

/** Attributes whose value is a URL the browser resolves (made absolute, since the live `<base>` goes). */
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'poster', 'cite', 'background', 'xlink:href'];

export function makeInert(root: Element, baseUri: string): void {
  for (const element of Array.from(root.querySelectorAll(REMOVED))) element.remove();
  // `querySelectorAll` is case-insensitive for HTML but not for SVG elements in some engines.
  for (const element of Array.from(root.querySelectorAll('*'))) {
    if (/^(animate|set|animatemotion|animatetransform|animatecolor|discard)$/i.test(element.localName))
      element.remove();
  }
  for (const element of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on') || name === 'srcdoc' || name === 'ping' || isScriptUrl(attribute.value)) {
        element.removeAttribute(attribute.name);
      } else if (
        URL_ATTRIBUTES.includes(name) &&
        !attribute.value.startsWith('#') &&
        !attribute.value.startsWith('data:')
      ) {
        try {
          element.setAttribute(attribute.name, new URL(attribute.value.trim(), baseUri).href);
        } catch {
          element.removeAttribute(attribute.name);
        }
      }
    }
  }
  // Preload, prefetch, DNS prefetch, manifest…: a CSP does not cover all of them.
  for (const link of Array.from(root.querySelectorAll('link'))) {
    if (!/(^|\s)stylesheet(\s|$)/i.test(link.getAttribute('rel') ?? '')) link.remove();
  }
  for (const input of Array.from(root.querySelectorAll('input[type="password" i], input[type="hidden" i]'))) {
    input.removeAttribute('value');
  }
  // The outermost editable regions (the copy has no `isContentEditable`: attributes decide).
  const editable = Array.from(root.querySelectorAll('[contenteditable]')).filter(
    (element) => element.getAttribute('contenteditable')?.toLowerCase() !== 'false',
  );
  for (const region of editable)
    if (!editable.some((other) => other !== region && other.contains(region))) region.replaceChildren();
}

export const SNAPSHOT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; form-action 'none'";
