import type { UserActor } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import { getCampaign } from '../campaigns/service.ts';
import type { Cell } from '../../platform/documents/write-csv.ts';
import type { Sheet } from '../../platform/documents/write-xlsx.ts';
import type { Rating } from '../../domain/vocabulary.ts';
import { getUnitRow } from '../units/service.ts';
import { chinaToday, satisfactionRate } from '../statistics/read.ts';
import { computeCampaignStatistics } from '../statistics/service.ts';
import type { CampaignStatistics, Figures } from '../statistics/schema.ts';
import { formatDate, type SummaryLanguage } from '../summaries/read.ts';
import { listUnitRegionGroups, type RegionGroupRow } from './repository.ts';

/** The figures of one row of the 统计汇总表. Null: not recorded by any unit counted in the row. */
export interface StatisticalFigures {
  desks: number;
  staff: number | null;
  peopleReceived: number;
  consultations: number;
  answeredOnSpot: number;
  /** 现场办理: services completed at the desk. */
  handledOnSpot: number;
  /** 领导接待: visits received by leaders on duty. */
  leaderReceptions: number;
  /** 登记后答复: registered for a later reply by the unit itself. */
  followUp: number;
  transferred: number;
  suggestions: number;
  complaints: number;
  repliedOnTime: number;
  rated: number;
  /** Percent with one decimal (99.2), over the campaign's satisfied levels; null when nobody rated. */
  satisfactionRate: number | null;
  materialsPrinted: number | null;
  materialsDistributed: number;
  banners: number;
  panels: number;
  /** 媒体报道: reports by outside outlets. */
  mediaReports: number;
  /** 网络发布 of the unit's own on its government website, and on its WeChat account. */
  websitePosts: number;
  wechatPosts: number;
  /** Views and reads recorded on reports and posts. */
  mediaReach: number;
  /** Meetings (of every kind) and symposiums among them. */
  meetings: number;
  symposiums: number;
  /** People taking part in the meetings; null: no meeting counted them. */
  meetingParticipants: number | null;
  /** Opinions raised at the meetings, answered on the spot, transferred, adopted (采纳). */
  opinions: number;
  opinionsAnswered: number;
  opinionsTransferred: number;
  opinionsAdopted: number;
}

/** The figures compared with the earlier campaign. */
export const COMPARED_FIGURES = ['peopleReceived', 'consultations', 'answeredOnSpot', 'satisfactionRate'] as const;
export type ComparedFigure = (typeof COMPARED_FIGURES)[number];

/**
 * One figure against the earlier campaign: its value then, the change (for the satisfaction rate
 * in percentage points) and the change in percent of the earlier value. Null where it cannot be
 * said: the earlier value was not recorded, or was zero (no percentage of nothing).
 */
export interface FigureChange {
  previous: number | null;
  change: number | null;
  changePercent: number | null;
}
export type Comparison = Record<ComparedFigure, FigureChange>;

export interface StatisticalRow {
  kind: 'unit' | 'subtotal' | 'total';
  /** The unit's id on a unit row, the region's on a subtotal, null on the total. */
  id: string | null;
  label: string;
  region: string;
  figures: StatisticalFigures;
  /**
   * Against the earlier campaign, when the summary has one (the same unit matched by id; a
   * subtotal against that campaign's units of the same city; the total against its total).
   * Null: there is no earlier campaign, or the unit did not take part in it.
   */
  comparison: Comparison | null;
}

/** The earlier campaign's figures, as computed for the same reader. */
export interface PreviousFigures {
  statistics: CampaignStatistics;
  groups: readonly RegionGroupRow[];
}

export const STATISTICAL_COLUMNS: readonly { key: keyof StatisticalFigures; zh: string; en: string }[] = [
  { key: 'desks', zh: '服务台（个）', en: 'Desks' },
  { key: 'staff', zh: '工作人员（人）', en: 'Staff' },
  { key: 'peopleReceived', zh: '接待群众（人次）', en: 'People received' },
  { key: 'leaderReceptions', zh: '领导接待（人次）', en: 'Leader receptions' },
  { key: 'consultations', zh: '咨询（件）', en: 'Consultations' },
  { key: 'answeredOnSpot', zh: '当场答复（件）', en: 'Answered on the spot' },
  { key: 'handledOnSpot', zh: '现场办理（件）', en: 'Handled on the spot' },
  { key: 'followUp', zh: '登记后答复（件）', en: 'Registered for a later reply' },
  { key: 'transferred', zh: '转办（件）', en: 'Transferred' },
  { key: 'suggestions', zh: '意见建议（条）', en: 'Suggestions' },
  { key: 'complaints', zh: '投诉（件）', en: 'Complaints' },
  { key: 'repliedOnTime', zh: '按期答复（件）', en: 'Replied on time' },
  { key: 'rated', zh: '参评（人次）', en: 'Rated' },
  { key: 'satisfactionRate', zh: '满意率（%）', en: 'Satisfaction rate (%)' },
  { key: 'materialsPrinted', zh: '印制资料（份）', en: 'Materials printed' },
  { key: 'materialsDistributed', zh: '发放资料（份）', en: 'Materials distributed' },
  { key: 'banners', zh: '横幅（条）', en: 'Banners' },
  { key: 'panels', zh: '展板（块）', en: 'Panels' },
  { key: 'mediaReports', zh: '媒体报道（篇）', en: 'Media reports' },
  { key: 'websitePosts', zh: '网站发布（条）', en: 'Website posts' },
  { key: 'wechatPosts', zh: '微信发布（条）', en: 'WeChat posts' },
  { key: 'mediaReach', zh: '阅读量（次）', en: 'Views and reads' },
  { key: 'meetings', zh: '召开会议（次）', en: 'Meetings' },
  { key: 'symposiums', zh: '其中座谈会（次）', en: 'Symposiums' },
  { key: 'meetingParticipants', zh: '参会人员（人次）', en: 'Meeting participants' },
  { key: 'opinions', zh: '会上意见建议（条）', en: 'Opinions at meetings' },
  { key: 'opinionsAnswered', zh: '其中当场答复（条）', en: 'Opinions answered on the spot' },
  { key: 'opinionsTransferred', zh: '其中转办（条）', en: 'Opinions transferred' },
  { key: 'opinionsAdopted', zh: '其中采纳（条）', en: 'Opinions adopted' },
];

const percent = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);
const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** The change of each compared figure from the earlier row of figures to this one. */
export function compareFigures(current: StatisticalFigures, previous: StatisticalFigures): Comparison {
  return Object.fromEntries(
    COMPARED_FIGURES.map((key) => {
      const now = current[key];
      const then = previous[key];
      if (now === null || then === null) return [key, { previous: then, change: null, changePercent: null }];
      const changePercent = then === 0 ? null : oneDecimal(((now - then) / then) * 100);
      return [key, { previous: then, change: oneDecimal(now - then), changePercent }];
    }),
  ) as Comparison;
}

type Counted = Omit<StatisticalFigures, 'satisfactionRate'> & { satisfaction: Figures['satisfaction'] };

function pick(f: Figures): Counted {
  return {
    desks: f.desks,
    staff: f.staff,
    peopleReceived: f.peopleReceived,
    consultations: f.consultations,
    answeredOnSpot: f.answeredOnSpot,
    handledOnSpot: f.handledOnSpot,
    leaderReceptions: f.leaderReceptions,
    followUp: f.followUp,
    transferred: f.transferred,
    suggestions: f.suggestions,
    complaints: f.complaints,
    repliedOnTime: f.repliedOnTime,
    rated: f.rated,
    materialsPrinted: f.materialsPrinted,
    materialsDistributed: f.materialsDistributed,
    banners: f.banners,
    panels: f.panels,
    mediaReports: f.mediaReports,
    websitePosts: f.media.gov_website.posts,
    wechatPosts: f.media.wechat.posts,
    mediaReach: f.mediaReach,
    meetings: f.meetings,
    symposiums: f.symposiums,
    meetingParticipants: f.meetingParticipants,
    opinions: f.opinions,
    opinionsAnswered: f.opinionsAnswered,
    opinionsTransferred: f.opinionsTransferred,
    opinionsAdopted: f.opinionsAdopted,
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
  previous?: PreviousFigures,
): StatisticalRow[] {
  const zh = language === 'zh-CN';
  const groupOf = new Map(groups.map((g) => [g.unit_id, g]));
  const levels = statistics.satisfactionLevels;
  // The earlier campaign's figures by unit and by city, counted with that campaign's formula.
  const earlier = previous && {
    levels: previous.statistics.satisfactionLevels,
    byUnit: new Map(previous.statistics.rows.map((r) => [r.unitId, pick(r)])),
    groupOf: new Map(previous.groups.map((g) => [g.unit_id, g.group_id])),
  };
  const earlierRows = earlier && Map.groupBy(previous.statistics.rows, (r) => earlier.groupOf.get(r.unitId) ?? null);
  const earlierGroup = (groupId: string) => {
    if (!earlier) return null;
    const rows = (earlierRows?.get(groupId) ?? []).map(pick);
    return rows.length ? finish(add(rows), earlier.levels) : null;
  };
  const against = (figures: StatisticalFigures, then: StatisticalFigures | null | undefined) =>
    then ? compareFigures(figures, then) : null;
  const byGroup = new Map<string, { group: RegionGroupRow; rows: CampaignStatistics['rows'] }>();
  for (const row of statistics.rows) {
    const group = groupOf.get(row.unitId);
    if (!group) continue;
    const entry = byGroup.get(group.group_id) ?? { group, rows: [] };
    entry.rows.push(row);
    byGroup.set(group.group_id, entry);
  }
  const out: StatisticalRow[] = [];
  const ordered = [...byGroup.values()].sort((a, b) => a.group.group_code.localeCompare(b.group.group_code));
  for (const { group, rows } of ordered) {
    const region = zh ? group.group_name : (group.group_name_en ?? group.group_name);
    const counted = rows.map((r) => pick(r));
    rows.forEach((r, i) => {
      const figures = finish(counted[i]!, levels);
      const then = earlier?.byUnit.get(r.unitId);
      out.push({
        kind: 'unit',
        id: r.unitId,
        label: zh ? r.unitName : (r.unitNameEn ?? r.unitName),
        region,
        figures,
        comparison: against(figures, then && earlier && finish(then, earlier.levels)),
      });
    });
    const subtotal = finish(add(counted), levels);
    out.push({
      kind: 'subtotal',
      id: group.group_id,
      label: zh ? `${region}小计` : `Subtotal ${region}`,
      region,
      figures: subtotal,
      comparison: against(subtotal, earlierGroup(group.group_id)),
    });
  }
  const total = finish(pick(statistics.totals), levels);
  out.push({
    kind: 'total',
    id: null,
    label: zh ? '合计' : 'Total',
    region: '',
    figures: total,
    comparison: against(total, earlier && finish(pick(previous.statistics.totals), earlier.levels)),
  });
  return out;
}

/** The columns of the change against the earlier campaign: for each figure, then, change, change in percent. */
export const COMPARISON_COLUMNS: readonly {
  key: ComparedFigure;
  part: keyof FigureChange;
  zh: string;
  en: string;
}[] = (
  [
    { key: 'peopleReceived', zh: '接待群众', unit: '人次', en: 'people received' },
    { key: 'consultations', zh: '咨询', unit: '件', en: 'consultations' },
    { key: 'answeredOnSpot', zh: '当场答复', unit: '件', en: 'answered on the spot' },
    { key: 'satisfactionRate', zh: '满意率', unit: '%', en: 'satisfaction rate' },
  ] as const
).flatMap(({ key, zh, unit, en }) => {
  const rate = key === 'satisfactionRate';
  return [
    { key, part: 'previous' as const, zh: `上届${zh}（${unit}）`, en: `Previous: ${en}${rate ? ' (%)' : ''}` },
    {
      key,
      part: 'change' as const,
      zh: `${zh}增减（${rate ? '百分点' : unit}）`,
      en: `Change: ${en}${rate ? ' (points)' : ''}`,
    },
    { key, part: 'changePercent' as const, zh: `${zh}增减（%）`, en: `Change (%): ${en}` },
  ];
});

export function statisticalHeader(language: SummaryLanguage): string[] {
  const zh = language === 'zh-CN';
  return [zh ? '单位' : 'Unit', zh ? '地区' : 'Region', ...STATISTICAL_COLUMNS.map((c) => (zh ? c.zh : c.en))];
}

export function statisticalCells(row: StatisticalRow): Cell[] {
  return [row.label, row.region, ...STATISTICAL_COLUMNS.map((c) => row.figures[c.key])];
}

/** The headers of the columns added when there is an earlier campaign. */
export function comparisonHeader(language: SummaryLanguage): string[] {
  return COMPARISON_COLUMNS.map((c) => (language === 'zh-CN' ? c.zh : c.en));
}

/** A row's cells under the comparison columns: empty where the row has no comparison. */
export function comparisonCells(row: StatisticalRow): Cell[] {
  return COMPARISON_COLUMNS.map((c) => row.comparison?.[c.key][c.part] ?? null);
}

/**
 * One unit's figures in one village or community of its region (ADR 30): its hotlines and
 * mailboxes there, the questions that came through them, the publicity items put up there.
 */
export interface VillageRow {
  kind: 'village' | 'total';
  /** The unit's id, null on the total. */
  unitId: string | null;
  /** The village's region id, null on the total. */
  regionId: string | null;
  unit: string;
  village: string;
  hotlines: number;
  mailboxes: number;
  consultations: number;
  publicityItems: number;
  publicityQuantity: number;
}

export const VILLAGE_COLUMNS: readonly {
  key: keyof Pick<VillageRow, 'hotlines' | 'mailboxes' | 'consultations' | 'publicityItems' | 'publicityQuantity'>;
  zh: string;
  en: string;
}[] = [
  { key: 'hotlines', zh: '热线（条）', en: 'Hotlines' },
  { key: 'mailboxes', zh: '意见箱（个）', en: 'Mailboxes' },
  { key: 'consultations', zh: '经热线、意见箱咨询（件）', en: 'Questions through them' },
  { key: 'publicityItems', zh: '宣传品（项）', en: 'Publicity items put up' },
  { key: 'publicityQuantity', zh: '宣传品数量（件）', en: 'Publicity pieces (banners, posters …)' },
];

/**
 * The per-village table: for each unit (in the order of the statistics) the villages and
 * communities where it has a hotline or a mailbox, took questions through one or put up
 * publicity, and the total of them last.
 */
export function buildVillageRows(statistics: CampaignStatistics, language: SummaryLanguage): VillageRow[] {
  const zh = language === 'zh-CN';
  const rows: VillageRow[] = statistics.rows.flatMap((unit) =>
    unit.villages
      .filter((v) => v.regionId !== null)
      .map((v) => ({
        kind: 'village' as const,
        unitId: unit.unitId,
        regionId: v.regionId,
        unit: zh ? unit.unitName : (unit.unitNameEn ?? unit.unitName),
        village: (zh ? v.name : (v.nameEn ?? v.name)) ?? '',
        hotlines: v.hotlines,
        mailboxes: v.mailboxes,
        consultations: v.consultations,
        publicityItems: v.publicityItems,
        publicityQuantity: v.publicityQuantity,
      })),
  );
  const add = (key: (typeof VILLAGE_COLUMNS)[number]['key']) => rows.reduce((n, r) => n + r[key], 0);
  const total: VillageRow = {
    kind: 'total',
    unitId: null,
    regionId: null,
    unit: zh ? '合计' : 'Total',
    village: zh ? `${new Set(rows.map((r) => r.regionId)).size}个村（社区）` : villagesLabel(rows),
    hotlines: add('hotlines'),
    mailboxes: add('mailboxes'),
    consultations: add('consultations'),
    publicityItems: add('publicityItems'),
    publicityQuantity: add('publicityQuantity'),
  };
  return [...rows, total];
}

function villagesLabel(rows: readonly VillageRow[]): string {
  const n = new Set(rows.map((r) => r.regionId)).size;
  return `${n} ${n === 1 ? 'village or community' : 'villages and communities'}`;
}

/** A campaign as the statistical summary names it. */
export interface SummaryCampaign {
  id: string;
  slug: string;
  title: string;
  openDay: string;
}

/** The 统计汇总表 of a campaign for one reader, with the change against the earlier campaign. */
export interface StatisticalSummary {
  campaign: SummaryCampaign;
  /** The earlier campaign compared with (the campaign's previousCampaignId), or null. */
  previousCampaign: SummaryCampaign | null;
  language: SummaryLanguage;
  generatedAt: string;
  /** The coordinating office that issues the table, in the summary's language. */
  issuer: string;
  rows: StatisticalRow[];
  /** Per unit and village (the workbook's sheet 按村（社区）统计), the total last. */
  villages: VillageRow[];
}

const named = (
  c: { id: string; slug: string; title: string; titleEn: string | null; openDay: string },
  zh: boolean,
) => ({
  id: c.id,
  slug: c.slug,
  title: zh ? c.title : (c.titleEn ?? c.title),
  openDay: c.openDay,
});

/**
 * The statistical summary of a campaign: the figures of the units the reader may see, by city,
 * and — when the campaign names an earlier campaign — each row against the same unit (city,
 * total) then, the earlier figures computed for the same reader.
 */
export async function generateStatisticalSummary({
  db,
  actor,
  campaignId,
  language,
  statistics: computed,
}: {
  db: Database;
  actor: UserActor;
  campaignId: string;
  language: SummaryLanguage;
  /** The campaign's statistics for this reader, when the caller has them already (the charts use them too). */
  statistics?: CampaignStatistics;
}): Promise<StatisticalSummary> {
  const campaign = await getCampaign(db, campaignId);
  const statistics = computed ?? (await computeCampaignStatistics({ db, actor, campaignId }));
  const earlierCampaign = campaign.previousCampaignId ? await getCampaign(db, campaign.previousCampaignId) : null;
  const earlier = earlierCampaign
    ? await computeCampaignStatistics({ db, actor, campaignId: earlierCampaign.id })
    : undefined;
  const groups = await listUnitRegionGroups(db, [
    ...new Set([...statistics.rows, ...(earlier?.rows ?? [])].map((r) => r.unitId)),
  ]);
  const zh = language === 'zh-CN';
  const office = await getUnitRow(db, campaign.organizerUnitId);
  return {
    issuer: zh ? office.name : (office.name_en ?? office.name),
    campaign: named(campaign, zh),
    previousCampaign: earlierCampaign && named(earlierCampaign, zh),
    language,
    generatedAt: statistics.generatedAt,
    rows: buildStatisticalRows(statistics, groups, language, earlier && { statistics: earlier, groups }),
    villages: buildVillageRows(statistics, language),
  };
}

/** The table as rows of cells: the header first. */
export function statisticalTable(summary: StatisticalSummary): Cell[][] {
  if (summary.previousCampaign === null)
    return [statisticalHeader(summary.language), ...summary.rows.map((r) => statisticalCells(r))];
  return [
    [...statisticalHeader(summary.language), ...comparisonHeader(summary.language)],
    ...summary.rows.map((r) => [...statisticalCells(r), ...comparisonCells(r)]),
  ];
}

/** The table as the sheet of a workbook. */
export function statisticalSheet(summary: StatisticalSummary): Sheet {
  const compared = summary.previousCampaign !== null;
  const zh = summary.language === 'zh-CN';
  const [header, ...rows] = statisticalTable(summary);
  // Wide enough for the longest word of its header, so that a header wraps between words.
  const fit = (text: string, least: number) =>
    Math.max(least, ...text.split(/\s+/).map((word) => [...word].length * (zh ? 0 : 1) + 2));
  const on = formatDate(chinaToday(new Date(summary.generatedAt)), summary.language);
  const units = summary.rows.filter((r) => r.kind === 'unit').length;
  return {
    name: zh ? '统计汇总表' : 'Statistical summary',
    title: [
      zh ? `${summary.campaign.title}统计汇总表` : `Statistical summary: ${summary.campaign.title}`,
      zh
        ? `填报单位：${summary.issuer}\u3000\u3000填报日期：${on}\u3000\u3000参加单位：${units}个\u3000\u3000计量单位见各栏`
        : `Issued by ${summary.issuer}, ${on}; ${units} ${units === 1 ? 'unit' : 'units'}; the unit of each figure is in its column's heading`,
    ],
    print: true,
    bold: (index) => summary.rows[index]?.kind !== 'unit',
    columns: [
      { width: 30 },
      { width: zh ? 10 : 14 },
      ...STATISTICAL_COLUMNS.map((c) => ({ width: fit(zh ? c.zh : c.en, zh ? 10 : 11) })),
      ...(compared ? COMPARISON_COLUMNS.map((c) => ({ width: fit(zh ? c.zh : c.en, zh ? 12 : 12) })) : []),
    ],
    header: header as string[],
    rows,
  };
}

/** The per-village figures as a sheet of the workbook: 按村（社区）统计 / By village. */
export function villageSheet(summary: StatisticalSummary): Sheet {
  const zh = summary.language === 'zh-CN';
  const on = formatDate(chinaToday(new Date(summary.generatedAt)), summary.language);
  return {
    name: zh ? '按村（社区）统计' : 'By village',
    title: [
      zh ? `${summary.campaign.title}按村（社区）统计表` : `Figures by village or community: ${summary.campaign.title}`,
      zh
        ? `填报单位：${summary.issuer}\u3000\u3000填报日期：${on}\u3000\u3000各单位设在村（社区）的热线、意见箱及收到的咨询，张贴的宣传品`
        : `Issued by ${summary.issuer}, ${on}; each unit's hotlines and mailboxes in a village or community, the questions that came through them, and the publicity put up there`,
    ],
    print: true,
    bold: (index) => summary.villages[index]?.kind === 'total',
    columns: [
      { width: 30 },
      { width: zh ? 16 : 24 },
      ...VILLAGE_COLUMNS.map((c) => ({ width: zh ? 12 : Math.max(12, ...c.en.split(/\s+/).map((w) => w.length + 2)) })),
    ],
    header: [
      zh ? '单位' : 'Unit',
      zh ? '村（社区）' : 'Village or community',
      ...VILLAGE_COLUMNS.map((c) => (zh ? c.zh : c.en)),
    ],
    rows: summary.villages.map((row) => [row.unit, row.village, ...VILLAGE_COLUMNS.map((c) => row[c.key])]),
  };
}
