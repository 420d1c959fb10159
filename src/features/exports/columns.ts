import { maskName, maskPhone } from '../../platform/masking.ts';
import { caseReference } from '../cases/read.ts';
import type {
  CaseStatus,
  Channel,
  MeetingKind,
  OpinionOutcome,
  Outcome,
  ParticipantCategory,
  Rating,
} from '../../domain/vocabulary.ts';
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
import type { CaseExportRow, ConsultationExportRow, OpinionExportRow } from './repository.ts';
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
  { key: 'channelPoint', ...heading('channelPoint'), value: (r) => r.channel_point_name },
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

const MEETING_KIND_LABELS: Record<MeetingKind, { zh: string; en: string }> = {
  preparation: { zh: '筹备会', en: 'Preparation meeting' },
  deployment: { zh: '部署会', en: 'Deployment meeting' },
  symposium: { zh: '座谈会', en: 'Symposium' },
  hearing: { zh: '听证会', en: 'Public hearing' },
  launch_ceremony: { zh: '启动仪式', en: 'Launch ceremony' },
};

const PARTICIPANT_CATEGORY_LABELS: Record<ParticipantCategory, { zh: string; en: string }> = {
  deputies: { zh: '人大代表', en: "Deputy to the people's congress" },
  cppcc_members: { zh: '政协委员', en: 'CPPCC member' },
  media: { zh: '媒体', en: 'Media' },
  residents: { zh: '群众代表', en: 'Resident or villager' },
  enterprises: { zh: '企业代表', en: 'Enterprise' },
  staff: { zh: '工作人员', en: 'Staff' },
};

const OPINION_OUTCOME_LABELS: Record<OpinionOutcome, { zh: string; en: string }> = {
  answered_on_spot: { zh: '当场答复', en: 'Answered on the spot' },
  transferred: { zh: '转办', en: 'Transferred' },
  adopted: { zh: '采纳', en: 'Adopted' },
  under_study: { zh: '研究办理', en: 'Under study' },
  noted: { zh: '记录在案', en: 'Noted' },
};

/** A label of the vocabulary in the file's language; a value it does not know as stored. */
const label = <K extends string>(labels: Record<K, { zh: string; en: string }>, value: string, language: Language) =>
  pick(language, labels[value as K] ?? { zh: value, en: value });

/** The opinions raised at meetings (意见建议), with what became of each; no open data (the text may name people). */
export const OPINION_EXPORT_COLUMNS: readonly ExportColumn<OpinionExportRow>[] = [
  { key: 'unit', zh: '单位', en: 'Unit', width: 24, value: (r) => r.unit_name },
  { key: 'date', zh: '会议日期', en: 'Held on', text: true, value: (r) => r.held_on },
  {
    key: 'kind',
    zh: '会议类型',
    en: 'Meeting kind',
    value: (r, c) => label(MEETING_KIND_LABELS, r.meeting_kind, c.language),
  },
  { key: 'meeting', zh: '会议名称', en: 'Meeting', width: 30, value: (r) => r.meeting_title },
  { key: 'location', zh: '地点', en: 'Place', width: 24, value: (r) => r.location },
  { key: 'opinion', zh: '意见建议', en: 'Opinion', width: 40, value: (r) => r.text },
  {
    key: 'raisedBy',
    zh: '提出人类别',
    en: 'Raised by',
    value: (r, c) => (r.raised_by ? label(PARTICIPANT_CATEGORY_LABELS, r.raised_by, c.language) : null),
  },
  {
    key: 'outcome',
    zh: '办理情况',
    en: 'What became of it',
    value: (r, c) => label(OPINION_OUTCOME_LABELS, r.outcome, c.language),
  },
  { key: 'response', zh: '答复或办理说明', en: 'Answer or action taken', width: 40, value: (r) => r.response },
  {
    key: 'case',
    zh: '转办办件编号',
    en: 'Case reference',
    width: 14,
    value: (r) => (r.case_id ? caseReference(r.case_id) : null),
  },
];

/** A rate (0.992) as a percentage with one decimal (99.2); empty when there is nothing to divide. */
const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

type Figures = Omit<
  StatisticsRow,
  'unitId' | 'unitName' | 'unitNameEn' | 'regionId' | 'partners' | 'channelPoints' | 'villages'
> & {
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
  figure('onlinePosts', '网络发布', 'Online posts'),
  {
    key: 'govWebsitePosts',
    zh: '其中政府网站',
    en: 'On the government website',
    width: 14,
    value: (r) => r.media.gov_website.posts,
  },
  { key: 'wechatPosts', zh: '其中微信', en: 'On WeChat', width: 12, value: (r) => r.media.wechat.posts },
  figure('mediaReports', '媒体报道', 'Media reports'),
  figure('mediaReach', '阅读量', 'Views and reads'),
  figure('materialsPrinted', '资料印制(份)', 'Materials printed'),
  figure('materialsDistributed', '资料发放(份)', 'Materials distributed'),
  figure('meetings', '召开会议', 'Meetings'),
  figure('symposiums', '座谈会', 'Symposiums'),
  figure('meetingParticipants', '参会人次', 'Meeting participants'),
  figure('opinions', '会上意见建议', 'Opinions at meetings'),
  figure('opinionsAnswered', '意见当场答复', 'Opinions answered on the spot'),
  figure('opinionsTransferred', '意见转办', 'Opinions transferred'),
  figure('opinionsAdopted', '意见采纳', 'Opinions adopted'),
];
