/**
 * The README's table of figures, rendered from a bench result (bench/results/<scale>.json, as
 * written by `npm run bench`): `node bench/readme-figures.ts [province|quick|FILE]` prints
 * Markdown — a line naming the run and its machine, then one row per figure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  goal: string;
  met: boolean | null;
  note?: string;
}

export interface BenchResult {
  scale: string;
  /** A description (older results) or the machine's facts. */
  machine:
    | string
    | {
        description: string;
        cores: number;
        cpu: string | null;
        memoryGiB: number;
        node: string;
        postgres: string | null;
      };
  date: string;
  seconds: number;
  figures: Figure[];
}

/** 12345.6 → "12,345.6": thousands grouped, as the README writes them. */
function number(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 4 });
}

/** A Markdown cell: pipes escaped, line breaks removed. */
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll(/\s*\n\s*/g, ' ');

export function renderFigures(result: BenchResult): string {
  const machine =
    typeof result.machine === 'string'
      ? result.machine
      : [
          `${result.machine.cores} × ${result.machine.cpu ?? 'CPU'}`,
          `${result.machine.memoryGiB} GiB`,
          `Node ${result.machine.node.replace(/^v/, '')}`,
          ...(result.machine.postgres ? [`PostgreSQL ${result.machine.postgres}`] : []),
        ].join(', ');
  const lines = [
    `Latest \`npm run bench -- --scale ${result.scale}\` (${result.date.slice(0, 10)}, ${Math.round(result.seconds)} s in all) on ${machine}. Every baseline was measured in the same run; ratios are what the goals are about.`,
    '',
    '| figure | value | baseline (same run) | ratio | goal | met |',
    '| --- | ---: | ---: | ---: | --- | :---: |',
  ];
  for (const f of result.figures) {
    const value = f.value === -1 ? 'not measured' : `${number(f.value)} ${f.unit}`;
    const baseline = f.baseline === null ? '—' : `${number(f.baseline)} ${f.unit}`;
    const ratio = f.ratio === null ? '—' : number(f.ratio);
    const met = f.met === null ? '—' : f.met ? '✓' : '✗';
    lines.push(`| \`${f.name}\` | ${value} | ${baseline} | ${ratio} | ${cell(f.goal)} | ${met} |`);
  }
  const notes = result.figures.filter((f) => f.note);
  if (notes.length) {
    lines.push('', '<details><summary>How each figure was measured</summary>', '');
    for (const f of notes) lines.push(`- \`${f.name}\`: ${cell(f.note!)}`);
    lines.push('', '</details>');
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const which = process.argv[2] ?? 'province';
  const file = fs.existsSync(which)
    ? which
    : path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', `${which}.json`);
  process.stdout.write(renderFigures(JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResult));
}
