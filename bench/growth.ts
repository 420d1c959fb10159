/**
 * How the figures grow from one bench run to a larger one: `node bench/growth.ts SMALL.json
 * LARGE.json [--svg FILE]` prints a Markdown table (figure, both values, how many times longer it
 * took on the larger data set, and the data set's growth beside it) and, with --svg, draws those
 * factors as a bar chart (Apache ECharts, server-side SVG) for docs/deployment.md. For a rate
 * (answers per second) the factor is that of the time per answer: the smaller rate over the larger.
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Figure } from './run.ts';

interface Result {
  scale: string;
  commit: string;
  date: string;
  figures: Figure[];
}

/** The figures compared, in the order shown, with what each measures (times: less is better). */
export const GROWTH_FIGURES: readonly { name: string; label: string }[] = [
  { name: 'province.load', label: 'data set loaded (rows, indexes, ANALYZE)' },
  { name: 'province.rebuild_figures', label: 'live figures rebuilt from the records' },
  { name: 'dashboard.baseline_group_by', label: 'plain GROUP BY per reach, per answer' },
  { name: 'dashboard.throughput', label: 'dashboard, 50 viewers of 50 reaches, per answer' },
  { name: 'dashboard.p95', label: 'dashboard p95' },
  { name: 'dashboard.campaign_view', label: "dashboard's shared campaign view" },
  { name: 'dashboard.reach_answer', label: "one reach's answer, slowest kind" },
  { name: 'dashboard.freshness', label: 'a new record on the dashboard' },
  { name: 'statistics.campaign', label: 'statistics of the campaign (JSON)' },
  { name: 'statistics.summary_xlsx', label: 'statistical summary (XLSX)' },
  { name: 'summary.html', label: "a unit's summary (HTML)" },
  { name: 'summary.pdf', label: "a unit's summary (PDF)" },
];

export interface GrowthRow {
  name: string;
  label: string;
  small: Figure;
  large: Figure;
  /** How many times longer on the larger data set: large / small for times, small / large for rates. */
  factor: number;
}

export function growthRows(small: Result, large: Result): GrowthRow[] {
  const find = (result: Result, name: string) => result.figures.find((f) => f.name === name && f.value >= 0);
  return GROWTH_FIGURES.flatMap(({ name, label }) => {
    const a = find(small, name);
    const b = find(large, name);
    if (!a || !b || a.value <= 0 || b.value <= 0) return [];
    const rate = a.unit.endsWith('/s');
    return [{ name, label, small: a, large: b, factor: rate ? a.value / b.value : b.value / a.value }];
  });
}

/** The consultations of a run's data set, from its load figure's note. */
function consultations(result: Result): number | null {
  const note = result.figures.find((f) => f.name === 'province.load')?.note ?? '';
  const match = /units, ([\d,]+) consultations/.exec(note);
  return match ? Number(match[1]!.replace(/,/g, '')) : null;
}

export function growthTable(small: Result, large: Result): string {
  const rows = growthRows(small, large);
  const size = (r: Result) => {
    const n = consultations(r);
    return n === null ? r.scale : `${r.scale}, ${(n / 1e6).toLocaleString('en-US')} M`;
  };
  const show = (f: Figure) => `${f.value.toLocaleString('en-US')} ${f.unit}`;
  const a = consultations(small);
  const b = consultations(large);
  return [
    `| figure | ${size(small)} | ${size(large)} | × time |`,
    '| --- | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.label} (\`${r.name}\`) | ${show(r.small)} | ${show(r.large)} | ${r.factor.toFixed(2)} |`),
    ...(a && b
      ? [
          `| **the data set** (consultations) | ${a.toLocaleString('en-US')} | ${b.toLocaleString('en-US')} | ${(b / a).toFixed(2)} |`,
        ]
      : []),
  ].join('\n');
}

/** The growth factors as horizontal bars on a log axis, the data set's own growth marked. */
export async function growthSvg(small: Result, large: Result): Promise<string> {
  const echarts = await import('echarts');
  const rows = growthRows(small, large).reverse();
  const a = consultations(small);
  const b = consultations(large);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 900, height: 80 + rows.length * 34 });
  chart.setOption({
    animation: false,
    title: {
      text: `From ${small.scale} to ${large.scale}: how many times longer each took`,
      left: 'center',
      textStyle: { fontSize: 15 },
    },
    grid: { left: 330, right: 70, top: 50, bottom: 30 },
    xAxis: { type: 'log', logBase: 10, min: 0.1, max: 100, name: '×', axisLabel: { formatter: '{value}×' } },
    yAxis: { type: 'category', data: rows.map((r) => r.label) },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => Number(r.factor.toFixed(2))),
        label: { show: true, position: 'right', formatter: '{c}×' },
        itemStyle: { color: '#3b6ea5' },
        ...(a && b
          ? {
              markLine: {
                symbol: 'none',
                data: [{ xAxis: b / a, label: { formatter: `data set ×${b / a}` } }],
                lineStyle: { color: '#b5443b', type: 'dashed' },
              },
            }
          : {}),
      },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [smallFile, largeFile] = process.argv.slice(2);
  if (!smallFile || !largeFile) {
    console.error('usage: node bench/growth.ts SMALL.json LARGE.json [--svg FILE]');
    process.exit(2);
  }
  const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Result;
  const small = read(smallFile);
  const large = read(largeFile);
  console.log(growthTable(small, large));
  const svgAt = process.argv.indexOf('--svg');
  if (svgAt > 0 && process.argv[svgAt + 1]) {
    fs.writeFileSync(process.argv[svgAt + 1]!, await growthSvg(small, large));
    console.log(`\nwritten to ${process.argv[svgAt + 1]}`);
  }
}
