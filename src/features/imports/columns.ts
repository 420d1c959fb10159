import {
  CHANNELS,
  MEDIA,
  OUTCOMES,
  RATINGS,
  type Channel,
  type Medium,
  type Outcome,
  type Rating,
} from '../../domain/vocabulary.ts';
import { MATERIAL_KINDS, type MaterialKind } from '../materials/schema.ts';
import { PUBLICITY_KINDS, type PublicityKind } from '../publicity/schema.ts';

/**
 * The columns of the printed forms and of their spreadsheets, in Chinese and English, and the
 * words people write for the fixed lists (渠道, 处理方式, 评价 …). Imports read them, templates and
 * exports write them, so a file exported can be imported again.
 */
export const IMPORT_KINDS = ['consultations', 'publicity', 'materials'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const LANGUAGES = ['zh-CN', 'en-US'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A list of codes with the labels the forms print and the other words accepted for each. */
export class Vocabulary<T extends string> {
  readonly codes: readonly T[];
  readonly #labels: Record<T, { zh: string; en: string }>;
  readonly #lookup = new Map<string, T>();

  constructor(codes: readonly T[], labels: Record<T, { zh: string; en: string; also?: string[] }>) {
    this.codes = codes;
    this.#labels = labels;
    for (const code of codes) {
      const { zh, en, also = [] } = labels[code];
      for (const word of [code, zh, en, ...also]) {
        this.#lookup.set(word, code);
        this.#lookup.set(normalizeWord(word), code);
      }
    }
  }

  /** The code a cell names (code, Chinese or English label, or an accepted synonym), if any. */
  parse(text: string): T | undefined {
    return this.#lookup.get(text) ?? this.#lookup.get(normalizeWord(text));
  }

  label(code: T, language: Language): string {
    return language === 'zh-CN' ? this.#labels[code].zh : this.#labels[code].en;
  }

  /** The labels a cell may hold, for messages and the template's drop-down lists. */
  labels(language: Language): string[] {
    return this.codes.map((code) => this.label(code, language));
  }
}

/** Case, width and spacing do not matter: "On site", "on_site" and "ON SITE" are one word. */
function normalizeWord(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

export const channels = new Vocabulary<Channel>(CHANNELS, {
  on_site: { zh: '现场', en: 'On site', also: ['现场咨询', '来访'] },
  hotline: { zh: '热线', en: 'Hotline', also: ['电话', '12345'] },
  mailbox: { zh: '信箱', en: 'Mailbox', also: ['来信', '信件'] },
  online: { zh: '网上', en: 'Online', also: ['网络', '网站', '在线'] },
  symposium: { zh: '座谈会', en: 'Symposium', also: ['座谈'] },
});

export const outcomes = new Vocabulary<Outcome>(OUTCOMES, {
  answered_on_spot: { zh: '当场答复', en: 'Answered on the spot', also: ['现场答复', '当场解答'] },
  handled_on_spot: { zh: '现场办理', en: 'Handled on the spot', also: ['当场办理', '现场办结', '当场办结'] },
  transferred: { zh: '转办', en: 'Transferred', also: ['转交'] },
  follow_up: { zh: '登记后答复', en: 'Follow-up', also: ['登记', '后续答复'] },
  suggestion: { zh: '意见建议', en: 'Suggestion', also: ['建议', '意见'] },
  complaint: { zh: '投诉', en: 'Complaint' },
});

export const ratings = new Vocabulary<Rating>(RATINGS, {
  very_satisfied: { zh: '非常满意', en: 'Very satisfied' },
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied', also: ['较满意', '比较满意'] },
  dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
  very_dissatisfied: { zh: '非常不满意', en: 'Very dissatisfied' },
});

export const publicityKinds = new Vocabulary<PublicityKind>(PUBLICITY_KINDS, {
  banner: { zh: '横幅', en: 'Banner' },
  panel: { zh: '展板', en: 'Panel' },
  led_slogan: { zh: 'LED标语', en: 'LED slogan', also: ['LED', 'LED屏', '电子屏'] },
  poster: { zh: '标语', en: 'Poster', also: ['海报'] },
  newspaper_window: { zh: '报栏', en: 'Newspaper window', also: ['宣传栏'] },
  online_post: { zh: '网络发布', en: 'Online post', also: ['网站/微信', '网站', '微信', '微博', '网络'] },
  media_report: { zh: '媒体报道', en: 'Media report', also: ['报道', '新闻报道', '媒体'] },
});

export const media = new Vocabulary<Medium>(MEDIA, {
  newspaper: { zh: '报纸', en: 'Newspaper', also: ['报刊', '日报'] },
  tv: { zh: '电视', en: 'TV', also: ['电视台', 'Television'] },
  radio: { zh: '广播', en: 'Radio', also: ['电台'] },
  news_site: { zh: '新闻网站', en: 'News site', also: ['新闻网', '网站新闻'] },
  wechat: { zh: '微信公众号', en: 'WeChat account', also: ['微信', '公众号', 'WeChat'] },
  weibo: { zh: '微博', en: 'Weibo' },
  gov_website: { zh: '政府网站', en: 'Government website', also: ['门户网站', '官网', '网站'] },
  short_video: { zh: '短视频', en: 'Short video', also: ['抖音', '快手', '视频号'] },
});

export const materialKinds = new Vocabulary<MaterialKind>(MATERIAL_KINDS, {
  leaflet: { zh: '宣传单', en: 'Leaflet', also: ['传单', '折页'] },
  brochure: { zh: '宣传册', en: 'Brochure', also: ['画册'] },
  service_guide: { zh: '办事指南', en: 'Service guide', also: ['服务指南'] },
  handbook: { zh: '手册', en: 'Handbook', also: ['明白纸'] },
  other: { zh: '其他', en: 'Other', also: ['其它'] },
});

export const YES = { zh: '是', en: 'yes' } as const;
export const NO = { zh: '否', en: 'no' } as const;
const YES_WORDS = new Set(['是', '同意', '有', 'yes', 'y', 'true', '1', '√', '✓', '✔']);
const NO_WORDS = new Set(['否', '不同意', '无', 'no', 'n', 'false', '0', '×', '✗']);

/** 是/否, yes/no, true/false, 1/0, ✓/×; undefined when the cell says neither. */
export function parseYesNo(text: string): boolean | undefined {
  if (text === YES.zh) return true;
  if (text === NO.zh) return false;
  const word = normalizeWord(text);
  if (YES_WORDS.has(word)) return true;
  if (NO_WORDS.has(word)) return false;
  return undefined;
}

export function yesNo(value: boolean, language: Language): string {
  return (value ? YES : NO)[language === 'zh-CN' ? 'zh' : 'en'];
}

/** A column of a form: its key, its headers, and what it takes. */
export interface Column {
  key: string;
  zh: string;
  en: string;
  /** Other headers people write for it. */
  also?: readonly string[];
  required?: boolean;
  /** Cells are text even when they look like numbers or dates (phones, dates, times). */
  text?: boolean;
  /** Width in characters in a spreadsheet. */
  width?: number;
  /** The fixed list a cell names, for the template's drop-down list and the instructions. */
  vocabulary?: Vocabulary<string>;
  /** What to write, for the template's instructions. */
  hint: { zh: string; en: string };
}

export function header(column: Column, language: Language): string {
  return language === 'zh-CN' ? column.zh : column.en;
}

const SERIAL: Column = {
  key: 'no',
  zh: '序号',
  en: 'No.',
  also: ['no', 'number', '#', '序列号'],
  width: 6,
  hint: { zh: '表上的序号，不导入', en: 'The line number on the form; not imported' },
};

/** The visit record form (来访登记表), column by column. */
export const CONSULTATION_COLUMNS: readonly Column[] = [
  SERIAL,
  {
    key: 'date',
    zh: '日期',
    en: 'Date',
    also: ['来访日期', '咨询日期'],
    required: true,
    text: true,
    width: 12,
    hint: { zh: '2026-05-15（必填）', en: '2026-05-15 (required)' },
  },
  {
    key: 'time',
    zh: '时间',
    en: 'Time',
    also: ['来访时间', '咨询时间'],
    text: true,
    width: 8,
    hint: { zh: '09:30，可空', en: '09:30, may be empty' },
  },
  {
    key: 'desk',
    zh: '咨询台',
    en: 'Desk',
    also: ['服务台', '咨询台名称'],
    width: 16,
    hint: { zh: '方案中咨询台的名称，可空', en: "The desk's name in the plan, may be empty" },
  },
  {
    key: 'channel',
    zh: '渠道',
    en: 'Channel',
    also: ['来访方式', '咨询渠道'],
    width: 10,
    vocabulary: channels,
    hint: { zh: '空则为现场', en: 'On site when empty' },
  },
  {
    key: 'channelPoint',
    zh: '热线或意见箱',
    en: 'Hotline or mailbox',
    also: ['热线或信箱', '来电热线', '意见箱', 'channel point'],
    text: true,
    width: 18,
    hint: {
      zh: '热线来电、来信时，填本单位登记的热线或意见箱的名称或号码（渠道空则随之为热线或信箱），可空',
      en: "For a call or a letter: the name or number of one of the unit's hotlines or mailboxes (an empty channel takes its kind); may be empty",
    },
  },
  {
    key: 'topic',
    zh: '咨询事项',
    en: 'Topic',
    also: ['事项', '类别'],
    width: 14,
    hint: { zh: '如：供暖、社保，可空', en: 'e.g. heating, social insurance; may be empty' },
  },
  {
    key: 'question',
    zh: '问题',
    en: 'Question',
    also: ['咨询问题', '咨询内容', '问题描述'],
    width: 40,
    hint: {
      zh: '群众咨询的问题；只领取资料的来访可空',
      en: 'What was asked; empty for a visitor who only took leaflets',
    },
  },
  {
    key: 'answer',
    zh: '答复',
    en: 'Answer',
    also: ['答复内容', '答复意见', '解答'],
    width: 40,
    hint: { zh: '答复内容，可空', en: 'The answer given, may be empty' },
  },
  {
    key: 'outcome',
    zh: '处理方式',
    en: 'Outcome',
    also: ['办理方式', '处理结果'],
    width: 12,
    vocabulary: outcomes,
    hint: { zh: '有问题时填写', en: 'When there is a question' },
  },
  {
    key: 'handledMatter',
    zh: '办理事项',
    en: 'Handled',
    also: ['现场办理事项', '办理内容', 'handled matter'],
    width: 20,
    hint: {
      zh: '处理方式为现场办理时必填：办了什么',
      en: 'Required when handled on the spot: the service completed',
    },
  },
  {
    key: 'receivedBy',
    zh: '接待人',
    en: 'Received by',
    also: ['接待领导', '接待人员', 'receiver'],
    width: 10,
    hint: { zh: '方案中值班人员的姓名，可空', en: 'The name of a staff member on duty in the plan, may be empty' },
  },
  {
    key: 'partner',
    zh: '合作单位',
    en: 'Partner',
    also: ['联合设台单位', '解答单位', 'partner organisation'],
    width: 16,
    hint: {
      zh: '联合设台时由合作单位解答的，填该单位名称（须为该咨询台的合作单位），可空',
      en: 'The partner organisation at the desk whose staff answered, may be empty',
    },
  },
  {
    key: 'rating',
    zh: '评价',
    en: 'Rating',
    also: ['满意度', '群众评价'],
    width: 12,
    vocabulary: ratings,
    hint: { zh: '可空', en: 'May be empty' },
  },
  {
    key: 'visitorName',
    zh: '姓名',
    en: 'Visitor name',
    also: ['来访人', '来访人姓名', '群众姓名', 'name'],
    width: 10,
    hint: { zh: '须经本人同意方可填写', en: 'Only with the visitor’s consent' },
  },
  {
    key: 'visitorPhone',
    zh: '电话',
    en: 'Phone',
    also: ['联系电话', '手机', '手机号', 'visitor phone', 'phone number'],
    text: true,
    width: 14,
    hint: { zh: '须经本人同意方可填写', en: 'Only with the visitor’s consent' },
  },
  {
    key: 'contactConsent',
    zh: '同意保留联系方式',
    en: 'Consent',
    also: ['同意', '本人同意', 'contact consent'],
    width: 10,
    hint: { zh: '是/否；填写姓名或电话时须为“是”', en: 'yes/no; must be yes when a name or phone is given' },
  },
  {
    key: 'visit',
    zh: '来访编号',
    en: 'Visit',
    also: ['来访序号', 'visit id', 'visit no'],
    width: 10,
    hint: {
      zh: '同一人多个问题填同一编号（算一人次），可空',
      en: 'The same value for several questions of one visitor (one person received); may be empty',
    },
  },
];

/** The publicity record (宣传情况登记表). */
export const PUBLICITY_COLUMNS: readonly Column[] = [
  SERIAL,
  {
    key: 'kind',
    zh: '类型',
    en: 'Kind',
    also: ['宣传形式', '形式', '类别'],
    required: true,
    width: 12,
    vocabulary: publicityKinds,
    hint: {
      zh: '横幅、展板、LED标语、标语、报栏、网络发布、媒体报道',
      en: 'Banner, panel, LED slogan, poster, newspaper window, online post, media report',
    },
  },
  {
    key: 'quantity',
    zh: '数量',
    en: 'Quantity',
    also: ['条数', '块数', '个数'],
    width: 8,
    hint: { zh: '空则为1', en: '1 when empty' },
  },
  {
    key: 'text',
    zh: '内容',
    en: 'Text',
    also: ['宣传内容', '标语内容', '标题'],
    width: 40,
    hint: { zh: 'LED标语、媒体报道（标题）必填', en: 'Required for an LED slogan and a media report (its title)' },
  },
  {
    key: 'url',
    zh: '网址',
    en: 'URL',
    also: ['链接', '网页地址'],
    width: 30,
    hint: { zh: '网站/微信必填，http(s)://…', en: 'Required for an online post, http(s)://…' },
  },
  {
    key: 'location',
    zh: '地点',
    en: 'Location',
    also: ['位置', '悬挂地点'],
    width: 20,
    hint: { zh: '可空', en: 'May be empty' },
  },
  {
    key: 'shownFrom',
    zh: '开始日期',
    en: 'Shown from',
    also: ['展示日期', '发布日期', '日期'],
    text: true,
    width: 12,
    hint: { zh: '2026-05-10，可空', en: '2026-05-10, may be empty' },
  },
  {
    key: 'outlet',
    zh: '媒体名称',
    en: 'Outlet',
    also: ['媒体', '发布平台', '账号名称'],
    width: 16,
    hint: { zh: '媒体报道必填', en: 'Required for a media report' },
  },
  {
    key: 'medium',
    zh: '媒体类型',
    en: 'Medium',
    also: ['平台', '平台类型'],
    width: 12,
    vocabulary: media,
    hint: {
      zh: '报纸、电视、广播、新闻网站、微信公众号、微博、政府网站、短视频；媒体报道必填',
      en: 'Newspaper, TV, radio, news site, WeChat account, Weibo, government website, short video; required for a media report',
    },
  },
  {
    key: 'reach',
    zh: '阅读量',
    en: 'Reach',
    also: ['浏览量', '阅读数', '点击量', 'views', 'reads'],
    width: 10,
    hint: { zh: '次，可空', en: 'Views or reads, may be empty' },
  },
];

/** The materials record (宣传资料登记表). */
export const MATERIAL_COLUMNS: readonly Column[] = [
  SERIAL,
  {
    key: 'title',
    zh: '名称',
    en: 'Title',
    also: ['资料名称', '标题'],
    required: true,
    width: 30,
    hint: { zh: '必填', en: 'Required' },
  },
  {
    key: 'kind',
    zh: '类别',
    en: 'Kind',
    also: ['资料类型', '类型'],
    required: true,
    width: 12,
    vocabulary: materialKinds,
    hint: { zh: '宣传单、宣传册、办事指南、手册、其他', en: 'Leaflet, brochure, service guide, handbook, other' },
  },
  {
    key: 'printRun',
    zh: '印数',
    en: 'Print run',
    also: ['印制数量', '印刷数量', '印制份数'],
    width: 10,
    hint: { zh: '份，可空', en: 'Copies, may be empty' },
  },
  {
    key: 'distributed',
    zh: '发放数量',
    en: 'Copies distributed',
    also: ['发放份数', '已发放', 'distributed'],
    width: 10,
    hint: { zh: '份，可空', en: 'Copies, may be empty' },
  },
];

/**
 * Columns an export writes that an import does not take (the record's id, its unit, when it was
 * entered): an exported file imports again with them ignored.
 */
export const EXPORT_ONLY_HEADERS: Record<ImportKind, readonly { key: string; zh: string; en: string }[]> = {
  consultations: [
    { key: 'id', zh: '记录编号', en: 'Record id' },
    { key: 'unit', zh: '单位', en: 'Unit' },
    { key: 'site', zh: '活动地点', en: 'Site' },
    { key: 'recordedAt', zh: '录入时间', en: 'Recorded at' },
  ],
  publicity: [
    { key: 'id', zh: '记录编号', en: 'Record id' },
    { key: 'unit', zh: '单位', en: 'Unit' },
  ],
  materials: [
    { key: 'id', zh: '记录编号', en: 'Record id' },
    { key: 'unit', zh: '单位', en: 'Unit' },
  ],
};

export const COLUMNS: Record<ImportKind, readonly Column[]> = {
  consultations: CONSULTATION_COLUMNS,
  publicity: PUBLICITY_COLUMNS,
  materials: MATERIAL_COLUMNS,
};

/** No header of the form is longer; the note pattern below backtracks, so longer text is not matched. */
const MAX_HEADER_TEXT = 200;

/** A header as people write it, reduced for matching: "Visitor name *" and "visitor_name" match. */
export function normalizeHeader(text: string): string {
  if (text.length > MAX_HEADER_TEXT) return normalizeWord(text);
  return normalizeWord(text.replace(/[*＊:：]/g, '').replace(/[（(].*[)）]$/, ''));
}
