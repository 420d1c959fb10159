import type { Cell } from '../exports/write-csv.ts';
import type { Rating } from '../consultations/schema.ts';
import { satisfactionRate } from '../statistics/figures.ts';
import type { CampaignStatistics, Figures } from '../statistics/schema.ts';
import type { SummaryLanguage } from '../summaries/document.ts';
import type { RegionGroupRow } from './repository.ts';

/** The figures of one row of the 统计汇总表. Null: not recorded by any unit counted in the row. */
export interface StatisticalFigures {
  desks: number;
  staff: number | null;
  peopleReceived: number;
  consultations: number;
  answeredOnSpot: number;
  transferred: number;
  repliedOnTime: number;
  rated: number;
  /** Percent with one decimal (99.2), over the campaign's satisfied levels; null when nobody rated. */
  satisfactionRate: number | null;
  materialsPrinted: number | null;
  materialsDistributed: number;
  banners: number;
  panels: number;
}

export interface StatisticalRow {
  kind: 'unit' | 'subtotal' | 'total';
  label: string;
  region: string;
  figures: StatisticalFigures;
}

export const STATISTICAL_COLUMNS: readonly { key: keyof StatisticalFigures; zh: string; en: string }[] = [
  { key: 'desks', zh: '服务台（个）', en: 'Desks' },
  { key: 'staff', zh: '工作人员（人）', en: 'Staff' },
  { key: 'peopleReceived', zh: '接待群众（人次）', en: 'People received' },
  { key: 'consultations', zh: '咨询（件）', en: 'Consultations' },
  { key: 'answeredOnSpot', zh: '当场答复（件）', en: 'Answered on the spot' },
  { key: 'transferred', zh: '转办（件）', en: 'Transferred' },
  { key: 'repliedOnTime', zh: '按期答复（件）', en: 'Replied on time' },
  { key: 'rated', zh: '参评（人次）', en: 'Rated' },
  { key: 'satisfactionRate', zh: '满意率（%）', en: 'Satisfaction rate (%)' },
  { key: 'materialsPrinted', zh: '印制资料（份）', en: 'Materials printed' },
  { key: 'materialsDistributed', zh: '发放资料（份）', en: 'Materials distributed' },
  { key: 'banners', zh: '横幅（条）', en: 'Banners' },
  { key: 'panels', zh: '展板（块）', en: 'Panels' },
];

const percent = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);

type Counted = Omit<StatisticalFigures, 'satisfactionRate'> & { satisfaction: Figures['satisfaction'] };

function pick(f: Figures): Counted {
  return {
    desks: f.desks,
    staff: f.staff,
    peopleReceived: f.peopleReceived,
    consultations: f.consultations,
    answeredOnSpot: f.answeredOnSpot,
    transferred: f.transferred,
    repliedOnTime: f.repliedOnTime,
    rated: f.rated,
    materialsPrinted: f.materialsPrinted,
    materialsDistributed: f.materialsDistributed,
    banners: f.banners,
    panels: f.panels,
    satisfaction: f.satisfaction,
  };
}

/** Adds rows up as the statistics do: a figure no unit recorded stays null. */
function add(rows: readonly Counted[]): Counted {
  const total: Record<string, unknown> = {};
  const levels = Object.keys(rows[0]?.satisfaction ?? {}) as Rating[];
  for (const row of rows) {
    for (const [key, value] of Object.entries(row)) {
      if (key === 'satisfaction') continue;
      if (value === null) total[key] ??= null;
      else total[key] = ((total[key] as number | null | undefined) ?? 0) + (value as number);
    }
  }
  total.satisfaction = Object.fromEntries(levels.map((l) => [l, rows.reduce((s, r) => s + r.satisfaction[l], 0)]));
  return total as unknown as Counted;
}

function finish({ satisfaction, ...counts }: Counted, levels: readonly Rating[]): StatisticalFigures {
  return { ...counts, satisfactionRate: percent(satisfactionRate(satisfaction, levels).rate) };
}

/**
 * The 统计汇总表: one row per unit, grouped by region (city) in code order with a subtotal
 * after each group, and the total of the campaign last.
 */
export function buildStatisticalRows(
  statistics: CampaignStatistics,
  groups: readonly RegionGroupRow[],
  language: SummaryLanguage,
): StatisticalRow[] {
  const zh = language === 'zh-CN';
  const groupOf = new Map(groups.map((g) => [g.unit_id, g]));
  const byGroup = new Map<string, { group: RegionGroupRow; rows: CampaignStatistics['rows'] }>();
  for (const row of statistics.rows) {
    const group = groupOf.get(row.unitId);
    if (!group) continue;
    const entry = byGroup.get(group.group_id) ?? { group, rows: [] };
    entry.rows.push(row);
    byGroup.set(group.group_id, entry);
  }
  const levels = statistics.satisfactionLevels;
  const out: StatisticalRow[] = [];
  const ordered = [...byGroup.values()].sort((a, b) => a.group.group_code.localeCompare(b.group.group_code));
  for (const { group, rows } of ordered) {
    const region = zh ? group.group_name : (group.group_name_en ?? group.group_name);
    const counted = rows.map((r) => pick(r));
    rows.forEach((r, i) =>
      out.push({
        kind: 'unit',
        label: zh ? r.unitName : (r.unitNameEn ?? r.unitName),
        region,
        figures: finish(counted[i]!, levels),
      }),
    );
    out.push({
      kind: 'subtotal',
      label: zh ? `${region}小计` : `Subtotal ${region}`,
      region,
      figures: finish(add(counted), levels),
    });
  }
  out.push({
    kind: 'total',
    label: zh ? '合计' : 'Total',
    region: '',
    figures: finish(pick(statistics.totals), levels),
  });
  return out;
}

export function statisticalHeader(language: SummaryLanguage): string[] {
  const zh = language === 'zh-CN';
  return [zh ? '单位' : 'Unit', zh ? '地区' : 'Region', ...STATISTICAL_COLUMNS.map((c) => (zh ? c.zh : c.en))];
}

export function statisticalCells(row: StatisticalRow): Cell[] {
  return [row.label, row.region, ...STATISTICAL_COLUMNS.map((c) => row.figures[c.key])];
}
