import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as Echarts from 'echarts';
import type sharpModule from 'sharp';
import { loadSharp } from '../../platform/documents/sharp.ts';
import type { UserActor } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Cell } from '../../platform/documents/write-csv.ts';
import type { Sheet } from '../../platform/documents/write-xlsx.ts';
import type { Rating } from '../../domain/vocabulary.ts';
import { ratings } from '../imports/read.ts';
import { type SatisfactionCounts, satisfactionRate } from '../statistics/read.ts';
import type { CampaignStatistics } from '../statistics/schema.ts';
import { computeBreakdown, computeCampaignStatistics } from '../statistics/service.ts';
import type { SummaryLanguage } from '../summaries/read.ts';
import { PDF_FONTS } from './render-pdf.ts';

/**
 * The charts of the statistical summary, drawn on the server: Apache ECharts renders an SVG
 * (server-side rendering, no browser), sharp (librsvg) turns it into a PNG. Text is set in Noto
 * Sans CJK where the machine has it, else in Noto Sans SC from the npm registry (the PDFs' font),
 * which fontconfig is told of below, so Chinese labels are glyphs after `npm ci` alone.
 */
export const CHART_NAMES = ['units', 'topics', 'satisfaction'] as const;
export type ChartName = (typeof CHART_NAMES)[number];

/** More bars than this and the units chart shows regions; more regions or topics and the rest are "others". */
export const MAX_BARS = 15;

/**
 * Points fontconfig, which librsvg asks for fonts, at the machine's configuration plus the npm font
 * package's directory, unless the environment names a configuration of its own. fontconfig reads
 * the variable when it first looks a font up, which is after this module is loaded.
 */
function findNpmFonts(): void {
  if (process.env.FONTCONFIG_FILE) return;
  const dir = path.dirname(PDF_FONTS.sans.file);
  const file = path.join(os.tmpdir(), `openday-fonts-${process.getuid?.() ?? 0}.conf`);
  const conf = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${dir.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</dir>
</fontconfig>
`;
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== conf) {
    // Written whole, then renamed: another process starting meanwhile reads the old file or the new one.
    fs.writeFileSync(`${file}.${process.pid}`, conf);
    fs.renameSync(`${file}.${process.pid}`, file);
  }
  process.env.FONTCONFIG_FILE = file;
}
export const CHART_FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', sans-serif";

type EChartsOption = Echarts.EChartsOption;

interface ChartEngine {
  echarts: typeof Echarts;
  sharp: typeof sharpModule;
}

let engine: Promise<ChartEngine> | undefined;

/**
 * ECharts and sharp, loaded when the first chart is drawn: together they are about 100 MiB of the
 * server's memory, which a server that draws no chart does not carry.
 */
function chartEngine(): Promise<ChartEngine> {
  engine ??= (async () => {
    findNpmFonts();
    const [echarts, sharp] = await Promise.all([import('echarts'), loadSharp()]);
    // ECharts measures text to lay out labels; on the server it has no canvas. A CJK character is
    // one em wide, other characters about half — close enough for Noto Sans CJK.
    echarts.setPlatformAPI({
      measureText(text: string, font?: string) {
        const size = Number(/(\d+(?:\.\d+)?)px/.exec(font ?? '')?.[1] ?? 12);
        let width = 0;
        for (const char of text) width += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/.test(char) ? size : size * 0.56;
        return { width };
      },
    });
    return { echarts, sharp };
  })();
  return engine;
}

export interface ChartSize {
  width: number;
  height: number;
}

/** An ECharts option drawn to SVG on the server. */
export async function renderChartSvg(option: EChartsOption, { width, height }: ChartSize): Promise<string> {
  const { echarts } = await chartEngine();
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: CHART_FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** An SVG as a PNG, at `scale` pixels per SVG unit (2: sharp on a high-density screen or in print). */
export async function svgToPng(svg: string, scale = 2): Promise<Buffer> {
  const { sharp } = await chartEngine();
  return sharp(Buffer.from(svg, 'utf8'), { density: 72 * scale })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

export interface BarItem {
  name: string;
  peopleReceived: number;
  consultations: number;
}

/** The first `max - 1` items as they are ordered, and the rest added up as one item named `others`. */
export function topWithOthers<T extends BarItem>(items: readonly T[], max: number, others: string): BarItem[] {
  if (items.length <= max) return [...items];
  const rest = items.slice(max - 1);
  return [
    ...items.slice(0, max - 1),
    {
      name: others,
      peopleReceived: rest.reduce((s, i) => s + i.peopleReceived, 0),
      consultations: rest.reduce((s, i) => s + i.consultations, 0),
    },
  ];
}

const text = (language: SummaryLanguage, zh: string, en: string) => (language === 'zh-CN' ? zh : en);

/** A horizontal bar chart, the first item on top; one series per figure. */
function barOption(
  title: string,
  subtitle: string,
  items: readonly BarItem[],
  series: readonly { key: 'peopleReceived' | 'consultations'; name: string; color: string }[],
): EChartsOption {
  const shown = [...items].reverse();
  return {
    title: { text: title, subtext: subtitle, left: 'center', textStyle: { fontSize: 18 } },
    legend: { top: 76, data: series.map((s) => s.name) },
    grid: { left: 16, right: 56, top: 112, bottom: 16, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: shown.map((i) => i.name), axisLabel: { fontSize: 12 } },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: shown.map((i) => i[s.key]),
      itemStyle: { color: s.color },
      label: { show: true, position: 'right', fontSize: 11 },
      barMaxWidth: 22,
    })),
  };
}

const barHeight = (bars: number, series: number) => Math.max(340, 150 + bars * (series * 16 + 14));

export interface ChartData {
  statistics: CampaignStatistics;
  /** Units, or regions when there are more units than MAX_BARS. */
  places: { by: 'unit' | 'region'; items: BarItem[] };
  topics: BarItem[];
}

/** The figures the charts draw, for the units the reader may see. */
export async function collectChartData({
  db,
  actor,
  campaignId,
  language,
  names = CHART_NAMES,
  statistics: computed,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  language: SummaryLanguage;
  /** The charts the data is for: the breakdowns the others need are not queried. */
  names?: readonly ChartName[];
  /** The campaign's statistics for this reader, when the caller has them already. */
  statistics?: CampaignStatistics;
}): Promise<ChartData> {
  const statistics = computed ?? (await computeCampaignStatistics({ db, actor, campaignId }));
  const others = text(language, '其他', 'Others');
  let places: ChartData['places'] = { by: 'unit', items: [] };
  if (!names.includes('units')) {
    // Not drawn.
  } else if (statistics.rows.length <= MAX_BARS) {
    places = {
      by: 'unit',
      items: statistics.rows
        .map((r) => ({
          name: language === 'zh-CN' ? r.unitName : (r.unitNameEn ?? r.unitName),
          peopleReceived: r.peopleReceived,
          consultations: r.consultations,
        }))
        .sort((a, b) => b.peopleReceived - a.peopleReceived || b.consultations - a.consultations),
    };
  } else {
    const regions = await computeBreakdown({ db, actor, campaignId, by: 'region' });
    const items = regions.items
      .map((r) => ({
        name: (language === 'zh-CN' ? r.name : (r.nameEn ?? r.name)) ?? text(language, '未知地区', 'Unknown region'),
        peopleReceived: r.peopleReceived,
        consultations: r.consultations,
      }))
      .sort((a, b) => b.peopleReceived - a.peopleReceived || b.consultations - a.consultations);
    places = { by: 'region', items: topWithOthers(items, MAX_BARS, others) };
  }
  const topics = names.includes('topics')
    ? (await computeBreakdown({ db, actor, campaignId, by: 'topic' })).items.map((t) => ({
        name: t.key ?? text(language, '未填写事项', 'No topic'),
        peopleReceived: t.peopleReceived,
        consultations: t.consultations,
      }))
    : [];
  return { statistics, places, topics: topWithOthers(topics, MAX_BARS, others) };
}

const LEVEL_COLORS: Record<Rating, string> = {
  very_satisfied: '#1a7f37',
  satisfied: '#4caf50',
  basically_satisfied: '#a3c644',
  dissatisfied: '#f0a020',
  very_dissatisfied: '#d1342f',
};

/** The ECharts option of one chart. */
export function chartOption(
  name: ChartName,
  data: ChartData,
  language: SummaryLanguage,
): { option: EChartsOption; size: ChartSize } {
  const people = text(language, '接待群众（人次）', 'People received');
  const questions = text(language, '咨询（件）', 'Consultations');
  const { totals } = data.statistics;
  if (name === 'units') {
    const byRegion = data.places.by === 'region';
    const items = data.places.items;
    return {
      option: barOption(
        text(
          language,
          byRegion ? '各地区接待群众与咨询' : '各单位接待群众与咨询',
          byRegion ? 'People received and consultations by region' : 'People received and consultations by unit',
        ),
        text(
          language,
          `合计：接待群众${totals.peopleReceived}人次，咨询${totals.consultations}件`,
          `Total: ${totals.peopleReceived} people received, ${totals.consultations} consultations`,
        ),
        items,
        [
          { key: 'peopleReceived', name: people, color: '#2f5597' },
          { key: 'consultations', name: questions, color: '#f4a43a' },
        ],
      ),
      size: { width: 960, height: barHeight(items.length, 2) },
    };
  }
  if (name === 'topics') {
    return {
      option: barOption(
        text(language, '咨询事项分布', 'Consultations by topic'),
        text(language, `合计：咨询${totals.consultations}件`, `Total: ${totals.consultations} consultations`),
        data.topics,
        [{ key: 'consultations', name: questions, color: '#2f5597' }],
      ),
      size: { width: 960, height: barHeight(data.topics.length, 1) },
    };
  }
  const levels = data.statistics.satisfactionLevels;
  const counts = totals.satisfaction as SatisfactionCounts;
  const { rate, rated } = satisfactionRate(counts, levels);
  const lang = language === 'zh-CN' ? 'zh-CN' : 'en-US';
  const subtitle =
    rated === 0
      ? text(language, '尚无评价', 'No ratings yet')
      : text(
          language,
          `参评${rated}人次，满意率${((rate ?? 0) * 100).toFixed(1)}%`,
          `${rated} rated, satisfaction rate ${((rate ?? 0) * 100).toFixed(1)}%`,
        );
  return {
    option: {
      title: { text: text(language, '满意度评价', 'Satisfaction'), subtext: subtitle, left: 'center' },
      legend: { bottom: 8 },
      series: [
        {
          type: 'pie',
          radius: ['30%', '58%'],
          center: ['50%', '52%'],
          data: (Object.keys(LEVEL_COLORS) as Rating[]).map((level) => ({
            name: ratings.label(level, lang),
            value: counts[level],
            itemStyle: { color: LEVEL_COLORS[level] },
          })),
          label: { formatter: text(language, '{b}\n{c}人次（{d}%）', '{b}\n{c} ({d}%)'), fontSize: 13 },
        },
      ],
    },
    size: { width: 960, height: 560 },
  };
}

/** One chart of the statistical summary as a PNG. */
export async function renderChartPng(name: ChartName, data: ChartData, language: SummaryLanguage): Promise<Buffer> {
  const { option, size } = chartOption(name, data, language);
  return svgToPng(await renderChartSvg(option, size));
}

export interface RenderedChart {
  name: ChartName;
  title: string;
  png: Buffer;
  /** Size in SVG units (the PNG is twice as many pixels). */
  size: ChartSize;
}

/** Every chart of the statistical summary of a campaign, for the units the reader may see. */
export async function renderStatisticsCharts(options: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  language: SummaryLanguage;
  names?: readonly ChartName[];
  statistics?: CampaignStatistics;
}): Promise<RenderedChart[]> {
  const data = await collectChartData(options);
  const charts: RenderedChart[] = [];
  for (const name of options.names ?? CHART_NAMES) {
    const { option, size } = chartOption(name, data, options.language);
    const title = (option.title as { text: string }).text;
    charts.push({ name, title, png: await svgToPng(await renderChartSvg(option, size)), size });
  }
  return charts;
}

/** A picture over a sheet's cells, as the XLSX writer places it (row 0 is the header). */
export interface ChartImage {
  png: Buffer;
  row: number;
  column: number;
  /** Shown size in pixels. */
  width: number;
  height: number;
  description: string;
}

/** Pixels of a spreadsheet row at the default height (15 pt). */
const ROW_PIXELS = 20;

/**
 * The "图表 Charts" sheet of the statistical summary's workbook: each chart's title in a row of
 * its own, the chart under it, at its drawn size, one after the other down the sheet.
 */
export function chartSheet(
  charts: readonly RenderedChart[],
  language: SummaryLanguage,
): Sheet & { images: ChartImage[] } {
  const rows: Cell[][] = [];
  const images: ChartImage[] = [];
  let row = 1;
  for (const chart of charts) {
    rows[row - 1] = [chart.title];
    images.push({
      png: chart.png,
      row: row + 1,
      column: 0,
      width: chart.size.width,
      height: chart.size.height,
      description: chart.title,
    });
    row += 1 + Math.ceil(chart.size.height / ROW_PIXELS) + 1;
  }
  return {
    name: '图表 Charts',
    columns: [{ width: 40 }],
    header: [text(language, '统计汇总表图表', 'Charts of the statistical summary')],
    rows: Array.from({ length: rows.length }, (_, i) => rows[i] ?? []),
    images,
  };
}
