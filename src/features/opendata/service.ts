import type { Db } from '../../platform/db/database.ts';
import { renderCsv } from '../../platform/documents/write-csv.ts';
import { getCampaignBySlug } from '../campaigns/service.ts';
import type { Channel, Medium } from '../../domain/vocabulary.ts';
import { queryFigures, type FigureRow } from './repository.ts';
import {
  CHANNEL_NAMES,
  DATASET_NAMES,
  DATASETS,
  datasetColumns,
  MEDIUM_NAMES,
  NO_MEDIUM,
  SUPPRESSION_RULE,
  type DatasetName,
  type Dictionary,
  type OpenDataset,
  type OpenRow,
} from './schema.ts';
import { suppressSmallCells, tableRelations } from './suppression.ts';

/** Where a campaign's open data lives: stable public URLs under the server's public address. */
export function openDataUrl(baseUrl: string, slug: string, file: string): string {
  return `${baseUrl}/open-data/campaigns/${encodeURIComponent(slug)}/${file}`;
}

function campaignSummary(campaign: Awaited<ReturnType<typeof getCampaignBySlug>>): OpenDataset['campaign'] {
  return { slug: campaign.slug, title: campaign.title, titleEn: campaign.titleEn, openDay: campaign.openDay };
}

/**
 * Withholds the small cells of a table of figures (rows in order, the total last): primary
 * suppression under the threshold, then secondary suppression over the sums the table shows.
 * Only the dataset's suppressible figures take part; the others (meetings held, reports
 * published: they describe no one) are published as they are.
 */
export function suppressFigures(
  dataset: DatasetName,
  rows: readonly FigureRow[],
): { values: Record<string, number | null>[]; suppressed: boolean[] } {
  const definition = DATASETS[dataset];
  const names = definition.measures.filter((m) => m.suppressible).map((m) => m.name);
  const index = (name: string) => {
    const i = names.indexOf(name);
    if (i < 0) throw new Error(`${dataset}: the sum's member ${name} is not a suppressible figure`);
    return i;
  };
  const result = suppressSmallCells(
    rows.map((row) => names.map((name) => row.figures[name] ?? 0)),
    rows.map((row) => (definition.people === null ? 0 : (row.figures[definition.people] ?? 0))),
    tableRelations(rows.length, {
      // Every figure adds up down the groups to the total (people across topics overlap; treating
      // them as a sum too only withholds more).
      additive: names.map((_, c) => c),
      rowSums: definition.rowSums.map((sum) => ({ total: index(sum.total), parts: sum.parts.map(index) })),
    }),
  );
  return {
    values: rows.map((row, r) =>
      Object.fromEntries(
        definition.measures.map((m) => [
          m.name,
          m.suppressible ? result.values[r]![index(m.name)]! : row.figures[m.name]!,
        ]),
      ),
    ),
    suppressed: result.suppressed.map((row) => row.some(Boolean)),
  };
}

/** The name of a key the row holds by code (a channel, a medium), in Chinese or English. */
function keyName(row: FigureRow, column: string): string | null | undefined {
  const language = column.endsWith('_zh') ? 'zh' : 'en';
  if (column.startsWith('channel_name_')) return CHANNEL_NAMES[row.keys.channel as Channel][language];
  if (column.startsWith('medium_name_'))
    return (row.keys.medium === null ? NO_MEDIUM : MEDIUM_NAMES[row.keys.medium as Medium])[language];
  return undefined;
}

function toOpenRows(dataset: DatasetName, rows: readonly FigureRow[]): OpenRow[] {
  const { values, suppressed } = suppressFigures(dataset, rows);
  return rows.map((row, r) => {
    const keys: OpenRow = {};
    for (const column of DATASETS[dataset].keys) {
      if (row.is_total) keys[column.name] = null;
      else keys[column.name] = keyName(row, column.name) ?? row.keys[column.name] ?? null;
    }
    return { row_type: row.is_total ? 'total' : 'group', ...keys, ...values[r]!, suppressed: suppressed[r]! };
  });
}

/** How long a computed table is served again: public, unauthenticated, and counted over a whole campaign. */
export const OPEN_DATA_TTL_MS = 60_000;
interface Computed {
  at: number;
  value: Promise<{ generatedAt: string; rows: FigureRow[] }>;
}
const computed = new WeakMap<Db, Map<string, Computed>>();

/** The figures of a table, computed at most once a minute per campaign (a burst of readers costs one query). */
function figuresOf(db: Db, dataset: DatasetName, campaignId: string): Computed['value'] {
  let cache = computed.get(db);
  if (!cache) computed.set(db, (cache = new Map()));
  const key = `${campaignId}/${dataset}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < OPEN_DATA_TTL_MS) return hit.value;
  const generatedAt = new Date().toISOString();
  const value = queryFigures(db, dataset, campaignId).then((rows) => ({ generatedAt, rows }));
  cache.set(key, { at: Date.now(), value });
  value.catch(() => cache.delete(key));
  return value;
}

/** One table of a campaign's open data: aggregated, anonymized, small cells withheld. */
export async function getOpenDataset({
  db,
  baseUrl,
  slug,
  dataset,
}: {
  db: Db;
  baseUrl: string;
  slug: string;
  dataset: DatasetName;
}): Promise<OpenDataset> {
  const campaign = await getCampaignBySlug(db, slug);
  const { generatedAt, rows } = await figuresOf(db, dataset, campaign.id);
  return {
    dataset,
    campaign: campaignSummary(campaign),
    generatedAt,
    dictionary: openDataUrl(baseUrl, campaign.slug, 'dictionary.json'),
    rows: toOpenRows(dataset, rows),
  };
}

/** The table as CSV: the dictionary's column names as header, one line per row, the total last. */
export function renderDatasetCsv(data: OpenDataset): string {
  const columns = datasetColumns(data.dataset).map((c) => c.name);
  return renderCsv(
    columns,
    data.rows.map((row) => columns.map((name) => row[name] ?? null)),
  );
}

const NOTES = {
  zh:
    '本数据由政务公开日活动的咨询登记、各单位活动方案中的会议及会上意见建议、宣传中的媒体报道和网络发布汇总而成，' +
    '只含统计数字，不含任何姓名、电话、问题或意见建议原文、媒体名称、标题、链接等个人信息或自由文本。' +
    '一次来访咨询多个问题计为一人、多个问题。会议次数、参会人数、报道篇数、发布条数和阅读量不涉及具体个人，照常公布；' +
    `意见建议及其处理结果与咨询数字一样适用小于${SUPPRESSION_RULE.threshold}人规则。按记录的现状统计，最多延迟一分钟。`,
  en:
    "Counted from the open day's visit records, the meetings of the units' plans with the opinions raised there, and the media " +
    "reports and online posts of the units' publicity: figures only, never a name, a phone number, the text of a question or an " +
    'opinion, an outlet, a title, a link or any other free text. One visit with several questions is one person and several ' +
    'questions. Meetings, participants, reports, posts and reads describe no one and are always shown; the opinions and what ' +
    'became of them are withheld under the same rule as the consultations. Counted from the records as they stand, at most a minute ago.',
};

/** What every column of every table of a campaign's open data means, and the suppression rule. */
export async function getDictionary({
  db,
  baseUrl,
  slug,
}: {
  db: Db;
  baseUrl: string;
  slug: string;
}): Promise<Dictionary> {
  const campaign = await getCampaignBySlug(db, slug);
  return {
    campaign: campaignSummary(campaign),
    suppression: { threshold: SUPPRESSION_RULE.threshold, rule_zh: SUPPRESSION_RULE.zh, rule_en: SUPPRESSION_RULE.en },
    notes_zh: NOTES.zh,
    notes_en: NOTES.en,
    datasets: DATASET_NAMES.map((name) => ({
      name,
      title_zh: DATASETS[name].titleZh,
      title_en: DATASETS[name].titleEn,
      csv: openDataUrl(baseUrl, campaign.slug, `${name}.csv`),
      json: openDataUrl(baseUrl, campaign.slug, `${name}.json`),
      columns: datasetColumns(name).map((c) => ({
        name: c.name,
        type: c.type,
        meaning_zh: c.zh,
        meaning_en: c.en,
        unit_zh: c.unitZh,
        unit_en: c.unitEn,
        suppressible: c.suppressible,
      })),
    })),
  };
}

/** The dictionary as CSV: one line per column of each table. */
export function renderDictionaryCsv(dictionary: Dictionary): string {
  const header = ['dataset', 'column', 'type', 'meaning_zh', 'meaning_en', 'unit_zh', 'unit_en', 'suppressed_when'];
  const rule = `少于${dictionary.suppression.threshold}人 / fewer than ${dictionary.suppression.threshold} people`;
  return renderCsv(
    header,
    dictionary.datasets.flatMap((d) =>
      d.columns.map((c) => [
        d.name,
        c.name,
        c.type,
        c.meaning_zh,
        c.meaning_en,
        c.unit_zh,
        c.unit_en,
        c.suppressible ? rule : '',
      ]),
    ),
  );
}
