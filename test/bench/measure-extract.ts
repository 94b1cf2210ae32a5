/**
 * What Readability adds to a capture: the page-metadata extraction (`lib/metadata/extract.ts`, the
 * code the injected `extract-page.js` runs) timed inside a real Chromium page, with and without
 * Readability, on a long news page (~6,000 elements, ~600 kB of text) and on a page at the element
 * bound past which Readability is not run (BOUNDS.articleMaxElements). The module is bundled with
 * esbuild (what Vite builds with) into one script added to the page; runs alternate so drift hits
 * both alike. Times in the page with performance.now().
 */
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { BOUNDS } from '../../lib/metadata/bounds.ts';
import { median, round, type Figure } from './figures.ts';
import type { Scenario } from './scenario.ts';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const GLOBAL = '__atlosBenchExtract';

export const EXTRACT_ROWS = [
  { id: 'extract.long.meta', label: 'Page metadata, long article (no Readability)', unit: 'ms' as const, target: '—' },
  {
    id: 'extract.long.readability',
    label: 'Page metadata, long article (with Readability)',
    unit: 'ms' as const,
    target: '—',
  },
  { id: 'extract.long.ratio', label: 'Readability cost, long article', unit: 'x' as const, target: '—' },
  {
    id: 'extract.cap.readability',
    label: `Page metadata at the ${BOUNDS.articleMaxElements.toLocaleString('en')}-element bound`,
    unit: 'ms' as const,
    target: '< 2,000 ms',
  },
];

async function bundle(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import { extractPageMetadata } from './lib/metadata/extract.ts'; globalThis.${GLOBAL} = extractPageMetadata;`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    target: 'chrome120',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

const PARAGRAPH =
  'The bridge across the river was struck shortly before dawn, residents said, and satellite images taken later that ' +
  'morning show the collapsed span, the scorched approach road and the barges moored beside the eastern pier. ';

/** A news page: navigation, a long article with figures, a sidebar and a comment thread. */
function newsPage(paragraphs: number, comments: number): string {
  const nav = `<nav>${Array.from({ length: 60 }, (_, i) => `<a href="/s/${i}">Section ${i}</a>`).join('')}</nav>`;
  const body = Array.from({ length: paragraphs }, (_, i) =>
    i % 12 === 11
      ? `<figure><img src="/i/${i}.jpg" alt=""><figcaption>Photo ${i}</figcaption></figure>`
      : `<p>${PARAGRAPH.repeat(3)}<a href="/r/${i}">related</a></p>`,
  ).join('');
  const aside = `<aside>${Array.from({ length: 40 }, (_, i) => `<div class="teaser"><a href="/t/${i}"><h3>Teaser ${i}</h3></a><p>Short.</p></div>`).join('')}</aside>`;
  const thread = `<section class="comments">${Array.from({ length: comments }, (_, i) => `<div class="comment"><span class="who">Reader ${i}</span><p>Comment ${i}: I saw it too.</p><div class="actions"><button>Reply</button><button>Like</button></div></div>`).join('')}</section>`;
  return `<!DOCTYPE html><html lang="en"><head><title>Bridge destroyed | Example News</title>
    <meta property="og:site_name" content="Example News"><meta property="article:published_time" content="2026-11-12T08:15:00+02:00"></head>
    <body><header>${nav}</header><main><article><h1>Bridge destroyed</h1><p class="byline">By <a rel="author" href="/people/olena">Olena Kovalenko</a></p>${body}</article>${aside}</main>${thread}<footer>${nav}</footer></body></html>`;
}

async function timeIn(page: Page, runs: number): Promise<{ meta: number[]; readability: number[]; elements: number }> {
  return page.evaluate(
    ({ runs, name }) => {
      const extract = (globalThis as Record<string, unknown>)[name] as (d: Document, w: Window, o: object) => unknown;
      const meta: number[] = [];
      const readability: number[] = [];
      for (let i = -1; i < runs; i++) {
        const a = performance.now();
        extract(document, window, { readability: false });
        const b = performance.now();
        extract(document, window, { readability: true });
        const c = performance.now();
        if (i >= 0) {
          meta.push(b - a);
          readability.push(c - b);
        }
      }
      return { meta, readability, elements: document.getElementsByTagName('*').length };
    },
    { runs, name: GLOBAL },
  );
}

export async function measureExtract(scenario: Scenario): Promise<Figure[]> {
  const script = await bundle();
  const page = await scenario.browser.context.newPage();
  try {
    await page.setContent(newsPage(400, 400));
    await page.addScriptTag({ content: script });
    const long = await timeIn(page, scenario.runs);
    // Paragraphs and comments scaled so the page sits just under the element bound.
    await page.setContent(newsPage(1_600, 2_500));
    await page.addScriptTag({ content: script });
    const cap = await timeIn(page, Math.min(scenario.runs, 3));
    const [longMeta, longWith] = [median(long.meta), median(long.readability)];
    const capWith = median(cap.readability);
    return [
      {
        ...EXTRACT_ROWS[0]!,
        value: round(longMeta),
        pass: null,
        note: `${long.elements} elements`,
        samples: long.meta,
      },
      { ...EXTRACT_ROWS[1]!, value: round(longWith), baseline: round(longMeta), pass: null, samples: long.readability },
      { ...EXTRACT_ROWS[2]!, value: round(longWith / longMeta, 2), pass: null, note: 'with ÷ without' },
      {
        ...EXTRACT_ROWS[3]!,
        value: round(capWith),
        pass: capWith < 2_000,
        samples: cap.readability,
        note: `${cap.elements} elements${cap.elements > BOUNDS.articleMaxElements ? ' (over the bound: Readability skipped)' : ''}`,
      },
    ];
  } finally {
    await page.close();
  }
}
