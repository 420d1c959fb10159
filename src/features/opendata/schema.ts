import { Type, type Static, type TSchema } from 'typebox';
import { IsoDate, IsoDateTime, Nullable, StringEnum } from '../../platform/http/schemas.ts';
import { CHANNELS, MEDIA, type Medium } from '../../domain/vocabulary.ts';
import { SUPPRESSION_THRESHOLD } from './suppression.ts';

/**
 * The open data of a campaign: five tables of the consultations' figures (per unit, topic,
 * channel, day and village), the meetings per unit and the media coverage per unit and medium, and
 * their data dictionary. Names, meanings and units are written here once; the JSON schemas, the
 * CSV headers and the dictionary all come from these lists.
 */

/** One column of a published table, as the data dictionary describes it. */
export interface ColumnDefinition {
  name: string;
  /** integer, text, date, uuid or boolean. */
  type: 'integer' | 'text' | 'date' | 'uuid' | 'boolean';
  zh: string;
  en: string;
  unitZh: string;
  unitEn: string;
  /** True for the counts, which are withheld (null / empty) under the suppression rule. */
  suppressible: boolean;
}

const count = <N extends string>(
  name: N,
  zh: string,
  en: string,
  unitZh = '件',
  unitEn = 'questions',
): ColumnDefinition & { name: N } => ({
  name,
  type: 'integer',
  zh,
  en,
  unitZh,
  unitEn,
  suppressible: true,
});

/** A figure that describes no one (a meeting held, a report published): never withheld. */
const figure = (name: string, zh: string, en: string, unitZh: string, unitEn: string): ColumnDefinition => ({
  name,
  type: 'integer',
  zh,
  en,
  unitZh,
  unitEn,
  suppressible: false,
});

const label = (name: string, type: ColumnDefinition['type'], zh: string, en: string): ColumnDefinition => ({
  name,
  type,
  zh,
  en,
  unitZh: '',
  unitEn: '',
  suppressible: false,
});

/** The figures of the consultations' tables, in column order. */
export const MEASURES = [
  count(
    'people_received',
    '接待群众人数：不同来访的数量，一次来访咨询多个问题计为一人',
    'People received: distinct visits; one visit with several questions is one person',
    '人',
    'people',
  ),
  count('consultations', '咨询问题数：有问题内容的咨询登记条数', 'Questions asked: visit records with a question'),
  count('answered_on_spot', '当场答复的问题数', 'Questions answered on the spot'),
  count('handled_on_spot', '现场办理的事项数', 'Services handled on the spot'),
  count('transferred', '转办的问题数', 'Questions transferred to the responsible unit'),
  count('follow_up', '登记后答复的问题数', 'Questions registered for a later reply'),
  count('suggestions', '意见建议数', 'Suggestions'),
  count('complaints', '投诉数', 'Complaints'),
  count(
    'outcome_not_recorded',
    '未登记处理方式的问题数（各处理方式之和加本项等于咨询问题数）',
    'Questions without a recorded outcome (the outcomes and this add up to consultations)',
  ),
  count('rated', '作出评价的问题数（五个评价等级之和）', 'Questions rated (the five rating levels add up to this)'),
  count('very_satisfied', '评价为“非常满意”的数量', 'Rated very satisfied'),
  count('satisfied', '评价为“满意”的数量', 'Rated satisfied'),
  count('basically_satisfied', '评价为“基本满意”的数量', 'Rated basically satisfied'),
  count('dissatisfied', '评价为“不满意”的数量', 'Rated dissatisfied'),
  count('very_dissatisfied', '评价为“非常不满意”的数量', 'Rated very dissatisfied'),
] as const satisfies readonly ColumnDefinition[];

export type MeasureName = (typeof MEASURES)[number]['name'];
export const MEASURE_NAMES = MEASURES.map((m) => m.name) as MeasureName[];

const OUTCOME_PARTS: MeasureName[] = [
  'answered_on_spot',
  'handled_on_spot',
  'transferred',
  'follow_up',
  'suggestions',
  'complaints',
  'outcome_not_recorded',
];
const RATING_PARTS: MeasureName[] = [
  'very_satisfied',
  'satisfied',
  'basically_satisfied',
  'dissatisfied',
  'very_dissatisfied',
];

/** Within every row, these figures are the sum of others: the published sums suppression protects. */
export const ROW_SUMS: readonly { total: MeasureName; parts: readonly MeasureName[] }[] = [
  { total: 'consultations', parts: OUTCOME_PARTS },
  { total: 'rated', parts: RATING_PARTS },
];

const ROW_TYPE = label(
  'row_type',
  'text',
  '行类型：group 为分组行，total 为全活动合计行（最后一行）',
  'Row type: group for a group, total for the whole campaign (the last row)',
);
const SUPPRESSED = label(
  'suppressed',
  'boolean',
  `本行是否有数字因小于${SUPPRESSION_THRESHOLD}人规则被隐去（被隐去的数字在 JSON 中为 null，在 CSV 中为空）`,
  `Whether a figure of this row is withheld under the fewer-than-${SUPPRESSION_THRESHOLD} rule (withheld figures are null in JSON and empty in CSV)`,
);

/**
 * The figures of the meetings per unit (ADR 22): how many, how many were symposiums, who took
 * part, and the opinions raised with what became of each. The opinions describe what people said
 * and what was done about it, so they are withheld under the rule as the consultations are (the
 * opinions of a row standing for the people of the row); the meetings themselves describe no one.
 * Never an opinion's text, a chair's or participant's name.
 */
export const MEETING_MEASURES = [
  figure('meetings', '召开会议次数（各类会议）', 'Meetings held, of every kind', '次', 'meetings'),
  figure('symposiums', '其中座谈会次数', 'Of those, symposiums', '次', 'meetings'),
  figure(
    'participants',
    '参会人数（各会议登记的参会人数之和；没有会议登记参会人数时为空）',
    'People taking part (the sum of the counts the meetings recorded; empty when no meeting recorded one)',
    '人次',
    'attendances',
  ),
  count(
    'opinions',
    '会上提出的意见建议数（五种处理结果之和）',
    'Opinions raised at the meetings (the five outcomes add up to this)',
    '条',
    'opinions',
  ),
  count('opinions_answered_on_spot', '其中当场答复的', 'Of those, answered on the spot', '条', 'opinions'),
  count('opinions_transferred', '其中转办的', 'Of those, transferred to the responsible unit', '条', 'opinions'),
  count('opinions_adopted', '其中采纳的', 'Of those, adopted', '条', 'opinions'),
  count('opinions_under_study', '其中研究办理中的', 'Of those, under study', '条', 'opinions'),
  count('opinions_noted', '其中记录在案的', 'Of those, noted', '条', 'opinions'),
] as const satisfies readonly ColumnDefinition[];

/**
 * The media coverage per unit and medium (ADR 23): outside outlets' reports and the unit's own
 * online posts, and the views or reads where the platform counts them. Published reports and posts
 * are public and describe no one: nothing is withheld. Never an outlet's name, a title or a link.
 */
export const MEDIA_MEASURES = [
  figure('reports', '媒体报道篇数（外部媒体）', 'Media reports by outside outlets', '篇', 'reports'),
  figure(
    'posts',
    '网络发布条数（本单位自有平台）',
    "Online posts on the unit's own accounts and websites",
    '条',
    'posts',
  ),
  figure(
    'reads',
    '阅读量（只计登记了阅读量的报道和发布）',
    'Views and reads (only of the reports and posts whose count was recorded)',
    '次',
    'views',
  ),
  figure(
    'reads_recorded',
    '登记了阅读量的报道和发布数',
    'Reports and posts whose views or reads were recorded',
    '篇（条）',
    'items',
  ),
] as const satisfies readonly ColumnDefinition[];

export const DATASET_NAMES = [
  'figures-by-unit',
  'figures-by-topic',
  'figures-by-channel',
  'figures-by-day',
  'figures-by-village',
  'meetings-by-unit',
  'media-by-unit',
] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

export interface DatasetDefinition {
  name: DatasetName;
  titleZh: string;
  titleEn: string;
  /** The columns that name the group, between row_type and the figures. */
  keys: ColumnDefinition[];
  /** The figures, in column order. */
  measures: readonly ColumnDefinition[];
  /** Within every row, these figures are the sum of others (all of them withheld under the rule). */
  rowSums: readonly { total: string; parts: readonly string[] }[];
  /** The figure that counts the people a row describes, for the small-group rule; null: it describes no one. */
  people: string | null;
}

/** The columns that name a participating unit. */
const UNIT_KEYS: ColumnDefinition[] = [
  label(
    'unit_id',
    'uuid',
    '参与单位标识（稳定，不随名称改变）',
    'Participating unit identifier (stable across renames)',
  ),
  label('unit_name', 'text', '参与单位名称', 'Participating unit name (Chinese)'),
  label('unit_name_en', 'text', '参与单位英文名称（可能为空）', 'Participating unit name in English (may be empty)'),
  label('region_code', 'text', '所在行政区划代码', 'Administrative division code of the unit'),
  label('region_name', 'text', '所在行政区划名称', 'Administrative division name of the unit'),
];

/** The consultations' tables: their figures, sums and people. */
const CONSULTATION_FIGURES = { measures: MEASURES, rowSums: ROW_SUMS, people: 'people_received' } as const;

export const DATASETS: Record<DatasetName, DatasetDefinition> = {
  'figures-by-unit': {
    name: 'figures-by-unit',
    titleZh: '各参与单位的接待与咨询数字',
    titleEn: 'Figures per participating unit',
    keys: UNIT_KEYS,
    ...CONSULTATION_FIGURES,
  },
  'figures-by-topic': {
    name: 'figures-by-topic',
    titleZh: '各咨询主题的接待与咨询数字',
    titleEn: 'Figures per topic',
    keys: [
      label(
        'topic',
        'text',
        '咨询主题：活动方案中咨询台公布的主题或活动主题；其他或未注明时为空',
        "Topic: one published in the campaign's desks or topics; empty for other or unspecified",
      ),
      label(
        'topic_kind',
        'text',
        '主题类别：listed 为公布的主题，other 为其他主题（合并为一行），unspecified 为未注明主题',
        'Topic kind: listed for a published topic, other for any other topic (one row), unspecified when none was given',
      ),
    ],
    ...CONSULTATION_FIGURES,
  },
  'figures-by-channel': {
    name: 'figures-by-channel',
    titleZh: '各咨询渠道的接待与咨询数字',
    titleEn: 'Figures per channel',
    keys: [
      label('channel', 'text', `渠道代码：${CHANNELS.join('、')}`, `Channel code: ${CHANNELS.join(', ')}`),
      label('channel_name_zh', 'text', '渠道名称', 'Channel name in Chinese'),
      label('channel_name_en', 'text', '渠道英文名称', 'Channel name in English'),
    ],
    ...CONSULTATION_FIGURES,
  },
  'figures-by-day': {
    name: 'figures-by-day',
    titleZh: '每日的接待与咨询数字（北京时间）',
    titleEn: 'Figures per day (China Standard Time)',
    keys: [
      label(
        'day',
        'date',
        '日期（YYYY-MM-DD，北京时间；活动期内每天一行，活动期外有记录的日子另列）',
        'Date (YYYY-MM-DD, China Standard Time): every day of the campaign, and any other day with records',
      ),
    ],
    ...CONSULTATION_FIGURES,
  },
  'figures-by-village': {
    name: 'figures-by-village',
    titleZh: '各村（社区）热线和意见箱收到的咨询数字',
    titleEn: 'Figures per village or community: questions through the hotlines and mailboxes there',
    keys: [
      label(
        'region_code',
        'text',
        '村（社区）行政区划代码',
        'Administrative division code of the village or community',
      ),
      label('region_name', 'text', '村（社区）名称', 'Village or community name (Chinese)'),
      label(
        'region_name_en',
        'text',
        '村（社区）英文名称（可能为空）',
        'Village or community name in English (may be empty)',
      ),
    ],
    ...CONSULTATION_FIGURES,
  },
  'meetings-by-unit': {
    name: 'meetings-by-unit',
    titleZh: '各参与单位召开的会议及会上意见建议的处理',
    titleEn: 'Meetings per participating unit, and what became of the opinions raised there',
    keys: UNIT_KEYS,
    measures: MEETING_MEASURES,
    rowSums: [
      {
        total: 'opinions',
        parts: [
          'opinions_answered_on_spot',
          'opinions_transferred',
          'opinions_adopted',
          'opinions_under_study',
          'opinions_noted',
        ],
      },
    ],
    people: 'opinions',
  },
  'media-by-unit': {
    name: 'media-by-unit',
    titleZh: '各参与单位的媒体报道和网络发布（按媒体类型）',
    titleEn: 'Media reports and online posts per participating unit and medium',
    keys: [
      ...UNIT_KEYS,
      label(
        'medium',
        'text',
        `媒体类型代码：${MEDIA.join('、')}；网络发布未注明平台时为空（每个单位只列出有报道或发布的类型）`,
        `Medium code: ${MEDIA.join(', ')}; empty for an online post recorded without its platform (a unit has a row for each medium it has a report or post in)`,
      ),
      label('medium_name_zh', 'text', '媒体类型名称', 'Medium name in Chinese'),
      label('medium_name_en', 'text', '媒体类型英文名称', 'Medium name in English'),
    ],
    measures: MEDIA_MEASURES,
    rowSums: [],
    people: null,
  },
};

/** Every column of a dataset, in the order of its CSV header and JSON rows. */
export function datasetColumns(dataset: DatasetName): ColumnDefinition[] {
  return [ROW_TYPE, ...DATASETS[dataset].keys, ...DATASETS[dataset].measures, SUPPRESSED];
}

export const MEDIUM_NAMES: Record<Medium, { zh: string; en: string }> = {
  newspaper: { zh: '报纸', en: 'Newspaper' },
  tv: { zh: '电视', en: 'Television' },
  radio: { zh: '广播', en: 'Radio' },
  news_site: { zh: '新闻网站', en: 'News website' },
  wechat: { zh: '微信', en: 'WeChat' },
  weibo: { zh: '微博', en: 'Weibo' },
  gov_website: { zh: '政府网站', en: 'Government website' },
  short_video: { zh: '短视频', en: 'Short video' },
};
/** The name of the medium of a post recorded without one. */
export const NO_MEDIUM = { zh: '未注明', en: 'Not specified' };

export const CHANNEL_NAMES: Record<(typeof CHANNELS)[number], { zh: string; en: string }> = {
  on_site: { zh: '现场', en: 'On site' },
  hotline: { zh: '热线', en: 'Hotline' },
  mailbox: { zh: '信箱', en: 'Mailbox' },
  online: { zh: '网上', en: 'Online' },
  symposium: { zh: '座谈会', en: 'Symposium' },
};

export const SUPPRESSION_RULE = {
  threshold: SUPPRESSION_THRESHOLD,
  zh:
    `小于${SUPPRESSION_THRESHOLD}人的数字不公布：1至${SUPPRESSION_THRESHOLD - 1}的计数隐去；` +
    `一行（或合计行）涉及的群众为1至${SUPPRESSION_THRESHOLD - 1}人时，该行全部非零数字隐去；` +
    '为防止通过合计数相减推算出被隐去的数字，凡合计数公布而其组成部分只隐去一个的，再隐去一个最小的非零数字（次级隐去）。' +
    '被隐去的数字在 JSON 中为 null，在 CSV 中为空，并在 suppressed 列标为 true。0 不会识别任何人，照常公布。',
  en:
    `Figures about fewer than ${SUPPRESSION_THRESHOLD} people are withheld: counts of 1 to ${SUPPRESSION_THRESHOLD - 1} are withheld, ` +
    `and every non-zero figure of a row (or of the total) that describes 1 to ${SUPPRESSION_THRESHOLD - 1} people. ` +
    'So that no withheld figure can be worked out by subtracting from a published total, wherever a published total ' +
    'has exactly one withheld part, the smallest other non-zero figure is withheld too (secondary suppression). ' +
    'Withheld figures are null in JSON and empty in CSV, and the row is marked suppressed = true. A zero singles nobody out and is shown.',
};

// JSON answers

const schemaOf = (column: ColumnDefinition): TSchema => {
  const base = {
    integer: Type.Integer({ minimum: 0 }),
    text: Type.String(),
    date: IsoDate,
    uuid: Type.String({ format: 'uuid' }),
    boolean: Type.Boolean(),
  }[column.type];
  if (column.name === 'row_type') return StringEnum(['group', 'total'] as const);
  if (column.name === 'suppressed') return Type.Boolean({ description: column.en });
  return Nullable({ ...base, description: column.en });
};

const OpenCampaign = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  titleEn: Nullable(Type.String()),
  openDay: IsoDate,
});

/** A published table as JSON: the campaign, when it was computed, and its rows (the total last). */
export function datasetResponse(dataset: DatasetName) {
  return Type.Object({
    dataset: Type.Literal(dataset),
    campaign: OpenCampaign,
    generatedAt: IsoDateTime,
    dictionary: Type.String({ description: 'URL of the data dictionary' }),
    rows: Type.Array(Type.Object(Object.fromEntries(datasetColumns(dataset).map((c) => [c.name, schemaOf(c)])))),
  });
}

/** A row of a published table, column name → value (null where withheld or not applicable). */
export type OpenRow = Record<string, string | number | boolean | null>;

export interface OpenDataset {
  dataset: DatasetName;
  campaign: Static<typeof OpenCampaign>;
  generatedAt: string;
  dictionary: string;
  rows: OpenRow[];
}

const DictionaryColumn = Type.Object({
  name: Type.String(),
  type: StringEnum(['integer', 'text', 'date', 'uuid', 'boolean'] as const),
  meaning_zh: Type.String(),
  meaning_en: Type.String(),
  unit_zh: Type.String(),
  unit_en: Type.String(),
  suppressible: Type.Boolean({ description: 'Withheld (null / empty) under the suppression rule when small' }),
});

export const Dictionary = Type.Object({
  campaign: OpenCampaign,
  suppression: Type.Object({
    threshold: Type.Integer({ description: 'Figures about fewer than this many people are withheld' }),
    rule_zh: Type.String(),
    rule_en: Type.String(),
  }),
  notes_zh: Type.String(),
  notes_en: Type.String(),
  datasets: Type.Array(
    Type.Object({
      name: StringEnum(DATASET_NAMES),
      title_zh: Type.String(),
      title_en: Type.String(),
      csv: Type.String({ description: 'URL of the CSV (UTF-8 with BOM, CRLF, header row)' }),
      json: Type.String({ description: 'URL of the JSON' }),
      columns: Type.Array(DictionaryColumn),
    }),
  ),
});
export type Dictionary = Static<typeof Dictionary>;

export const SlugParams = Type.Object(
  { slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,62}$', description: "The campaign's slug" }) },
  { additionalProperties: false },
);
