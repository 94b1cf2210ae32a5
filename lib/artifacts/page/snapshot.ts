/**
 * Runs in the page (Firefox has no `pageCapture`): a single-file HTML snapshot of the live DOM.
 * - scripts, `on…` handlers, `javascript:` URLs and `<noscript>` are removed, so the file is inert;
 * - readable stylesheets (same-origin or CORS-clean) are inlined as `<style>`; others stay linked;
 * - images are inlined as data URLs while the total stays under `maxInlineBytes`;
 * - what the investigator typed is not kept: the copy is serialised from attributes, which hold
 *   the page's served values, and password fields' `value` attributes are removed as well;
 * - a `<base>` keeps the remaining relative URLs working, and a comment records source and time.
 */
import { readBodyLimited } from './media';

export interface SnapshotOptions {
  maxInlineBytes: number;
  maxImageBytes: number;
  capturedAt: string;
}

function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

function readableCss(sheet: CSSStyleSheet): string | null {
  try {
    return Array.from(sheet.cssRules, (rule) => rule.cssText).join('\n');
  } catch {
    return null; // cross-origin without CORS: rules are not readable
  }
}

function makeInert(root: Element): void {
  for (const element of Array.from(root.querySelectorAll('script, noscript, template[shadowrootmode]'))) element.remove();
  for (const element of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) element.removeAttribute(attribute.name);
      else if (/^\s*javascript:/i.test(attribute.value) && ['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name)) {
        element.setAttribute(attribute.name, '#');
      }
    }
  }
  for (const input of Array.from(root.querySelectorAll('input[type="password" i]'))) input.removeAttribute('value');
}

export async function snapshotDocument(doc: Document, options: SnapshotOptions, fetchImpl: typeof fetch = fetch): Promise<string> {
  const root = doc.documentElement.cloneNode(true) as HTMLElement;
  makeInert(root);

  // Stylesheets: replace each readable <link rel=stylesheet> / <style> in order with its rules.
  const liveSheets = Array.from(doc.querySelectorAll('link[rel~="stylesheet" i], style'));
  const copySheets = Array.from(root.querySelectorAll('link[rel~="stylesheet" i], style'));
  liveSheets.forEach((live, index) => {
    const sheet = (live as HTMLLinkElement | HTMLStyleElement).sheet as CSSStyleSheet | null;
    const css = sheet ? readableCss(sheet) : null;
    const copy = copySheets[index];
    if (css === null || !copy) return;
    const style = doc.createElement('style');
    style.textContent = css;
    copy.replaceWith(style);
  });

  // Images: fetch what the page shows (from cache) and inline within the byte budget.
  let budget = options.maxInlineBytes;
  const liveImages = Array.from(doc.querySelectorAll('img'));
  const copyImages = Array.from(root.querySelectorAll('img'));
  for (const [index, live] of liveImages.entries()) {
    const copy = copyImages[index];
    const src = live.currentSrc || live.src;
    if (!copy || !src || budget <= 0) continue;
    try {
      const response = await fetchImpl(src, { credentials: 'include', cache: 'force-cache' });
      if (!response.ok) continue;
      const body = await readBodyLimited(response, Math.min(options.maxImageBytes, budget));
      if (body === 'too_large') continue;
      budget -= body.byteLength;
      const type = response.headers.get('content-type') ?? 'application/octet-stream';
      copy.setAttribute('src', await blobToDataUrl(new Blob([body as BlobPart], { type })));
      copy.removeAttribute('srcset');
      copy.removeAttribute('loading');
    } catch {
      // Left as a URL: the snapshot still works online.
    }
  }

  const head = root.querySelector('head');
  if (head) {
    head.querySelector('base')?.remove();
    const base = doc.createElement('base');
    base.href = doc.baseURI;
    head.prepend(base);
  }
  const doctype = doc.doctype ? `<!DOCTYPE ${doc.doctype.name}>` : '<!DOCTYPE html>';
  const note = `<!-- Saved by Atlos Capture from ${doc.URL.replace(/--/g, '%2D%2D')} at ${options.capturedAt} -->`;
  return `${doctype}\n${note}\n${root.outerHTML}`;
}
