/**
 * The benchmark table: printed, and written to bench-results/latest.json (every sample) and
 * bench-results/latest.md (the table plus the machine, for the README).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH } from './browser.ts';
import { round, type Figure } from './figures.ts';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  chromium: string;
  node: string;
  date: string;
  /** 1-minute load average when the run ended: other work on the machine skews every time. */
  loadAverage: number;
}

export function describeMachine(): Machine {
  const version = spawnSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8' }).stdout?.trim() || 'unknown';
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: round(totalmem() / 1024 ** 3),
    chromium: version,
    node: process.version,
    date: new Date().toISOString(),
    loadAverage: round(loadavg()[0]!),
  };
}

const show = (value: number | null | undefined, unit: string) =>
  value === null || value === undefined ? '—' : `${value} ${unit}`;

function row(f: Figure): string[] {
  const ratio = f.value !== null && f.baseline ? `${round(f.value / f.baseline, 2)}×` : '—';
  const result = f.pass === null ? (f.value === null ? 'n/a' : 'info') : f.pass ? 'pass' : 'MISS';
  return [
    f.label,
    f.value === null ? (f.note ?? 'n/a') : show(f.value, f.unit),
    show(f.baseline, f.unit),
    ratio,
    f.target,
    result,
  ];
}

const HEAD = ['Figure', 'Median', 'Baseline', 'Ratio', 'Target', 'Result'];

export function formatText(figures: Figure[]): string {
  const rows = [HEAD, ...figures.map(row)];
  const widths = HEAD.map((_, c) => Math.min(60, Math.max(...rows.map((r) => r[c]!.length))));
  const line = (r: string[]) => r.map((cell, c) => cell.slice(0, 60).padEnd(widths[c]!)).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function formatMarkdown(figures: Figure[], machine: Machine, runs: number): string {
  const escape = (s: string) => s.replaceAll('|', '\\|');
  const lines = [
    `| ${HEAD.join(' | ')} |`,
    `|${HEAD.map(() => '---').join('|')}|`,
    ...figures.map((f) => `| ${row(f).map(escape).join(' | ')} |`),
  ];
  const notes = figures.filter((f) => f.note && f.value !== null).map((f) => `- ${f.label}: ${escape(f.note!)}`);
  return [
    `Medians of ${runs} runs after one warm-up (fewer where noted), measured by \`npm run bench\` on`,
    `${machine.cpu} (${machine.cores} cores, ${machine.memoryGiB} GiB), ${machine.chromium} headless,`,
    `Node ${machine.node}, ${machine.date.slice(0, 10)} (load average ${machine.loadAverage} at the end). Local stand-in with 10,000 incidents.`,
    '',
    ...lines,
    '',
    ...notes,
    '',
  ].join('\n');
}

export function writeReport(figures: Figure[], run: { root: string; runs: number; seconds: number }): void {
  const machine = describeMachine();
  const dir = join(run.root, 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'latest.json'),
    JSON.stringify({ machine, runs: run.runs, seconds: round(run.seconds), figures }, null, 2) + '\n',
  );
  writeFileSync(join(dir, 'latest.md'), formatMarkdown(figures, machine, run.runs));
  console.log(`\n${formatText(figures)}\n`);
  for (const f of figures.filter((f) => f.note)) console.log(`  ${f.label}: ${f.note}`);
  console.log(
    `\n${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.chromium}, Node ${machine.node}, load average ${machine.loadAverage}`,
  );
  console.log(`Wrote bench-results/latest.json and latest.md in ${round(run.seconds, 0)} s.`);
}
