import { maskName, maskPhone } from '../../platform/masking.ts';
import { caseReference } from '../cases/read.ts';
import type { CaseStatus, Channel, Outcome, Rating } from '../../domain/vocabulary.ts';
import {
  channels,
  CONSULTATION_COLUMNS,
  EXPORT_ONLY_HEADERS,
  type Language,
  outcomes,
  ratings,
  yesNo,
} from '../imports/read.ts';
import type { StatisticsRow } from '../statistics/schema.ts';
import type { CaseExportRow, ConsultationExportRow } from './repository.ts';
import type { Cell } from '../../platform/documents/write-csv.ts';

/** How a row is written: in which language, and whether this row's personal fields may be shown. */
export interface CellContext {
  language: Language;
  personal: boolean;
}

export interface ExportColumn<R> {
  key: string;
  zh: string;
  en: string;
  width?: number;
  text?: boolean;
  /** Visitor name or phone: masked unless the reader is the unit's own admin. */
  personal?: boolean;
  value: (row: R, context: CellContext) => Cell;
}

const heading = (key: string): { zh: string; en: string; width: number } => {
  const form = CONSULTATION_COLUMNS.find((c) => c.key === key);
  const header = form ?? EXPORT_ONLY_HEADERS.consultations.find((c) => c.key === key)!;
  return { zh: header.zh, en: header.en, width: form?.width ?? 20 };
};

/**
 * The consultation columns carry the import form's headers, so an exported file (with the
 * personal fields shown) imports again as it is.
 */
export const CONSULTATION_EXPORT_COLUMNS: readonly ExportColumn<ConsultationExportRow>[] = [
  { key: 'id', ...heading('id'), width: 38, value: (r) => r.id },
  { key: 'unit', ...heading('unit'), width: 24, value: (r) => r.unit_name },
  { key: 'date', ...heading('date'), text: true, value: (r) => r.day },
  { key: 'time', ...heading('time'), text: true, value: (r) => r.time },
  { key: 'site', ...heading('site'), value: (r) => r.site_name },
  { key: 'desk', ...heading('desk'), value: (r) => r.desk_name },
  { key: 'channel', ...heading('channel'), value: (r, c) => channels.label(r.channel as Channel, c.language) },
  { key: 'topic', ...heading('topic'), value: (r) => r.topic },
  { key: 'question', ...heading('question'), value: (r) => r.question },
  { key: 'answer', ...heading('answer'), value: (r) => r.answer },
  {
    key: 'outcome',
    ...heading('outcome'),
    value: (r, c) => (r.outcome ? outcomes.label(r.outcome as Outcome, c.language) : null),
  },
  { key: 'handledMatter', ...heading('handledMatter'), value: (r) => r.handled_matter },
  { key: 'receivedBy', ...heading('receivedBy'), value: (r) => r.received_by_name },
  { key: 'partner', ...heading('partner'), value: (r) => r.partner_name },
  {
    key: 'rating',
    ...heading('rating'),
    value: (r, c) => (r.rating ? ratings.label(r.rating as Rating, c.language) : null),
  },
  {
    key: 'visitorName',
    ...heading('visitorName'),
    personal: true,
    value: (r, c) => (c.personal ? r.visitor_name : maskName(r.visitor_name)),
  },
  {
    key: 'visitorPhone',
    ...heading('visitorPhone'),
    text: true,
    personal: true,
    value: (r, c) => (c.personal ? r.visitor_phone : maskPhone(r.visitor_phone)),
  },
  { key: 'contactConsent', ...heading('contactConsent'), value: (r, c) => yesNo(r.contact_consent, c.language) },
  { key: 'visit', ...heading('visit'), width: 38, value: (r) => r.visit_id },
  { key: 'recordedAt', ...heading('recordedAt'), value: (r) => r.recorded_at },
];

/** Every column but the record's id and entry time. */
export const DEFAULT_CONSULTATION_COLUMNS = CONSULTATION_EXPORT_COLUMNS.map((c) => c.key).filter(
  (key) => key !== 'id' && key !== 'recordedAt',
);

const CASE_STATUS_LABELS: Record<CaseStatus, { zh: string; en: string }> = {
  open: { zh: '办理中', en: 'Open' },
  transferred: { zh: '已转办', en: 'Transferred' },
  replied: { zh: '已答复', en: 'Replied' },
  closed: { zh: '已办结', en: 'Closed' },
  reopened: { zh: '重新办理', en: 'Reopened' },
};

const pick = (language: Language, text: { zh: string; en: string }) => (language === 'zh-CN' ? text.zh : text.en);

export const CASE_EXPORT_COLUMNS: readonly ExportColumn<CaseExportRow>[] = [
  // The case's reference, never the citizen's tracking code (which would unlock their personal data).
  { key: 'reference', zh: '办件编号', en: 'Case reference', width: 14, value: (r) => caseReference(r.id) },
  { key: 'unit', zh: '承办单位', en: 'Unit answering', width: 24, value: (r) => r.unit_name },
  {
    key: 'status',
    zh: '状态',
    en: 'Status',
    value: (r, c) => pick(c.language, CASE_STATUS_LABELS[r.status as CaseStatus] ?? { zh: r.status, en: r.status }),
  },
  { key: 'date', zh: '登记日期', en: 'Asked on', text: true, value: (r) => r.day },
  { key: 'topic', zh: '咨询事项', en: 'Topic', value: (r) => r.topic },
  { key: 'question', zh: '问题', en: 'Question', width: 40, value: (r) => r.question },
  { key: 'dueOn', zh: '办理期限', en: 'Due on', text: true, value: (r) => r.due_on },
  { key: 'repliedAt', zh: '答复时间', en: 'Replied at', value: (r) => r.replied_at },
  {
    key: 'onTime',
    zh: '按期答复',
    en: 'Replied on time',
    value: (r, c) => (r.on_time === null ? null : yesNo(r.on_time, c.language)),
  },
  { key: 'reply', zh: '答复内容', en: 'Reply', width: 40, value: (r) => r.reply },
  {
    key: 'rating',
    zh: '评价',
    en: 'Rating',
    value: (r, c) => (r.rating ? ratings.label(r.rating as Rating, c.language) : null),
  },
  { key: 'closedAt', zh: '办结时间', en: 'Closed at', value: (r) => r.closed_at },
  {
    key: 'visitorName',
    zh: '姓名',
    en: 'Visitor name',
    personal: true,
    value: (r, c) => (c.personal ? r.visitor_name : maskName(r.visitor_name)),
  },
  {
    key: 'visitorPhone',
    zh: '电话',
    en: 'Phone',
    text: true,
    personal: true,
    value: (r, c) => (c.personal ? r.visitor_phone : maskPhone(r.visitor_phone)),
  },
];

/** A rate (0.992) as a percentage with one decimal (99.2); empty when there is nothing to divide. */
const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

type Figures = Omit<StatisticsRow, 'unitId' | 'unitName' | 'unitNameEn' | 'regionId' | 'partners'> & {
  unitLabel: string;
};

const figure = (key: keyof Figures & string, zh: string, en: string): ExportColumn<Figures> => ({
  key,
  zh,
  en,
  width: Math.max(10, zh.length * 2 + 2),
  value: (r) => r[key] as Cell,
});

/** The statistical summary (统计汇总表): one row per unit, then the totals. */
export const STATISTICS_EXPORT_COLUMNS: readonly ExportColumn<Figures>[] = [
  { key: 'unit', zh: '单位', en: 'Unit', width: 28, value: (r) => r.unitLabel },
  figure('peopleReceived', '接待人次', 'People received'),
  figure('consultations', '咨询问题数', 'Questions'),
  figure('answeredOnSpot', '当场答复', 'Answered on the spot'),
  figure('transferred', '转办', 'Transferred'),
  figure('followUp', '登记后答复', 'Follow-up'),
  figure('suggestions', '意见建议', 'Suggestions'),
  figure('complaints', '投诉', 'Complaints'),
  {
    key: 'answeredOnSpotRate',
    zh: '当场答复率(%)',
    en: 'Answered on the spot (%)',
    width: 14,
    value: (r) => percent(r.answeredOnSpotRate),
  },
  figure('rated', '评价数', 'Rated'),
  ...(['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'] as const).map(
    (level): ExportColumn<Figures> => ({
      key: level,
      zh: ratings.label(level, 'zh-CN'),
      en: ratings.label(level, 'en-US'),
      width: 12,
      value: (r) => r.satisfaction[level],
    }),
  ),
  {
    key: 'satisfactionRate',
    zh: '满意率(%)',
    en: 'Satisfaction (%)',
    width: 12,
    value: (r) => percent(r.satisfactionRate),
  },
  figure('desks', '咨询台', 'Desks'),
  figure('staff', '参与人数', 'Staff'),
  figure('banners', '横幅', 'Banners'),
  figure('panels', '展板', 'Panels'),
  figure('ledSlogans', 'LED标语', 'LED slogans'),
  figure('posters', '标语', 'Posters'),
  figure('newspaperWindows', '报栏', 'Newspaper windows'),
  figure('onlinePosts', '网站/微信', 'Online posts'),
  figure('materialsPrinted', '资料印制(份)', 'Materials printed'),
  figure('materialsDistributed', '资料发放(份)', 'Materials distributed'),
];
