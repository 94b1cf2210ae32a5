/**
 * Runs in the page (Firefox has no `pageCapture`): a single-file HTML snapshot of the live DOM.
 * - inert (page/inert.ts): it starts with a CSP that lets nothing load but inline styles and
 *   `data:` images and fonts, and scripts, handlers, frames, plugins, meta refresh, SVG
 *   animation, the live `<base>` and script URLs are removed; other URLs are made absolute;
 * - readable stylesheets (same-origin or CORS-clean) are inlined as `<style>`; others stay linked
 *   (the CSP keeps them from loading);
 * - images are inlined as data URLs while the total stays under `maxInlineBytes`;
 * - what the investigator typed is not kept: the copy is serialised from attributes, which hold
 *   the page's served values; password and hidden inputs lose their values and editable regions
 *   are emptied;
 * - a comment records source and time.
 */
import { makeInert, SNAPSHOT_CSP } from './inert';
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

export async function snapshotDocument(
  doc: Document,
  options: SnapshotOptions,
  fetchImpl: typeof fetch = fetch,
): Promise<string> {
  const root = doc.documentElement.cloneNode(true) as HTMLElement;

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

  // After inlining: styles and images are matched to the live ones by position, and removing
  // (say) an <object> with a fallback <img> first would shift them.
  makeInert(root, doc.baseURI);
  let head = root.querySelector('head');
  if (!head) {
    head = doc.createElement('head');
    root.prepend(head);
  }
  // First in the file: nothing before it may load anything.
  const charset = doc.createElement('meta');
  charset.setAttribute('charset', 'utf-8');
  const csp = doc.createElement('meta');
  csp.setAttribute('http-equiv', 'Content-Security-Policy');
  csp.setAttribute('content', SNAPSHOT_CSP);
  for (const existing of Array.from(head.querySelectorAll('meta[charset]'))) existing.remove();
  head.prepend(csp, charset);
  const doctype = doc.doctype ? `<!DOCTYPE ${doc.doctype.name}>` : '<!DOCTYPE html>';
  const note = `<!-- Saved by Atlos Capture from ${doc.URL.replace(/--/g, '%2D%2D')} at ${options.capturedAt} -->`;
  return `${doctype}\n${note}\n${root.outerHTML}`;
}
