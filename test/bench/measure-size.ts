/**
 * Bundle sizes from the production build (`.output-bench/chrome-mv3`) and the store zips that
 * `wxt zip` wrote next to it. A page's JavaScript is every script its HTML loads or preloads plus
 * their static imports, transitively; gzip is `node:zlib` level 9 per file, summed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { scriptsOfPage } from '../support/page-scripts.ts';
import { notAvailable, round, type Figure } from './figures.ts';

const KB = 1024;

function sizes(files: string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

function pageFigures(name: string, files: string[] | null, gzipBudget: number | null): Figure[] {
  const label = `${name} JS`;
  if (!files) {
    return [
      notAvailable(`size.${name}.raw`, `${label} (raw)`, 'kB', '—', `${name} not built`),
      notAvailable(
        `size.${name}.gzip`,
        `${label} (gzip)`,
        'kB',
        gzipBudget ? `< ${gzipBudget} kB` : '—',
        `${name} not built`,
      ),
    ];
  }
  const { raw, gzip } = sizes(files);
  return [
    {
      id: `size.${name}.raw`,
      label: `${label} (raw)`,
      unit: 'kB',
      value: round(raw / KB),
      target: '—',
      pass: null,
      note: `${files.length} files`,
    },
    {
      id: `size.${name}.gzip`,
      label: `${label} (gzip -9)`,
      unit: 'kB',
      value: round(gzip / KB),
      target: gzipBudget ? `< ${gzipBudget} kB` : '—',
      pass: gzipBudget ? gzip < gzipBudget * KB : null,
    },
  ];
}

export function measureSizes(outDir: string): Figure[] {
  const chrome = join(outDir, 'chrome-mv3');
  const page = (html: string) => (existsSync(join(chrome, html)) ? scriptsOfPage(join(chrome, html)) : null);
  const background = existsSync(join(chrome, 'background.js')) ? [join(chrome, 'background.js')] : null;
  const figures = [
    ...pageFigures('popup', page('popup.html'), 25),
    ...pageFigures('options', page('options.html'), null),
    ...pageFigures('background', background, null),
  ];
  if (existsSync(join(chrome, 'bench-baseline.html'))) {
    figures.push(
      notAvailable('size.leak', 'bench-baseline in production build', 'kB', 'absent', 'present: test page leaked'),
    );
  }
  const zips = existsSync(outDir) ? readdirSync(outDir).filter((f) => f.endsWith('.zip')) : [];
  const zipFigure = (kind: string, match: (f: string) => boolean, budget: number | null): Figure => {
    const file = zips.find(match);
    const id = `size.zip.${kind}`;
    const label = `${kind} store zip`;
    if (!file) return notAvailable(id, label, 'kB', budget ? `< ${budget} kB` : '—', 'zip not produced');
    const bytes = statSync(join(outDir, file)).size;
    return {
      id,
      label,
      unit: 'kB',
      value: round(bytes / KB),
      target: budget ? `< ${budget} kB` : '—',
      pass: budget ? bytes < budget * KB : null,
      note: file,
    };
  };
  figures.push(
    zipFigure('chrome', (f) => f.endsWith('-chrome.zip'), 200),
    zipFigure('firefox', (f) => f.endsWith('-firefox.zip'), null),
    zipFigure('sources', (f) => f.endsWith('-sources.zip'), null),
  );
  return figures;
}
