/**
 * Import cycles among the extension's own modules, type-only imports included. ESLint's
 * `import-x/no-cycle` skips `import type`, but a type cycle still ties two modules into one unit
 * (the kind docs/ARCHITECTURE.md asks to break with a small third module). Part of `npm run lint`.
 * Usage: node scripts/check-import-cycles.ts [folder…]   (default: lib components entrypoints)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"]((?:\.{1,2}|@)\/[^'"]+)['"]/gm;
const EXTENSIONS = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];
const ROOT = resolve(import.meta.dirname, '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | undefined {
  // `@/…` is the project root (WXT's alias, tsconfig `paths`).
  const base = specifier.startsWith('@/') ? join(ROOT, specifier.slice(2)) : resolve(dirname(from), specifier);
  return EXTENSIONS.map((ext) => base + ext).find((path) => existsSync(path) && statSync(path).isFile());
}

/** Strongly connected components with more than one module (Tarjan). */
export function findCycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

export function importGraph(folders: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of folders.flatMap(sourceFiles)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(IMPORT)].map((m) => resolveImport(file, m[1]!)).filter((t) => t !== undefined);
    graph.set(resolve(file), targets);
  }
  return graph;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const folders = process.argv.slice(2).length ? process.argv.slice(2) : ['lib', 'components', 'entrypoints'];
  const cycles = findCycles(importGraph(folders));
  for (const cycle of cycles)
    console.error(`import cycle (scripts/check-import-cycles.ts): ${cycle.map((f) => relative('.', f)).join(' ↔ ')}`);
  if (cycles.length) process.exit(1);
  console.log(`No import cycles in ${folders.join(', ')}.`);
}
