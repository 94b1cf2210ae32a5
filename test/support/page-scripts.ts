/**
 * The JavaScript an extension page of a build loads when it opens: the scripts and preloads its
 * HTML names, then every module they import statically, transitively. Chunks imported lazily
 * (`import(…)`: the batch UI, the new-incident form) load only when needed and are not counted.
 * Used by the bundle budget of the smoke test and by the size benchmark, so both count the same bytes.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export function scriptsOfPage(htmlFile: string): string[] {
  const root = dirname(htmlFile);
  const html = readFileSync(htmlFile, 'utf8');
  const queue = [...html.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map((m) =>
    resolve(root, '.' + m[1]!.replace(/^\./, '')),
  );
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/\b(?:import|from)\s*["']([^"']+\.js)["']/g))
      queue.push(resolve(dirname(file), m[1]!));
  }
  return [...seen];
}
