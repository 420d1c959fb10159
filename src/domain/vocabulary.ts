/**
 * The vocabulary several features share: how a question reached a unit, how it was handled, how
 * the visitor rated it, and the states of a case. Features import it from here, not from each other.
 */
import { StringEnum } from '../platform/http/schemas.ts';

export const CHANNELS = ['on_site', 'hotline', 'mailbox', 'online', 'symposium'] as const;
/** handled_on_spot: 现场办理, a service completed at the desk (what was handled is `handledMatter`). */
export const OUTCOMES = [
  'answered_on_spot',
  'handled_on_spot',
  'transferred',
  'follow_up',
  'suggestion',
  'complaint',
] as const;
/** The five levels of a rating, best first. */
export const RATINGS = [
  'very_satisfied',
  'satisfied',
  'basically_satisfied',
  'dissatisfied',
  'very_dissatisfied',
] as const;

export type Channel = (typeof CHANNELS)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type Rating = (typeof RATINGS)[number];

export const ChannelSchema = StringEnum(CHANNELS, { description: 'How the question reached the unit' });
export const OutcomeSchema = StringEnum(OUTCOMES, { description: 'How it was handled' });
export const RatingSchema = StringEnum(RATINGS, { description: "The visitor's rating, five levels" });

export const CASE_STATUSES = ['open', 'transferred', 'replied', 'closed', 'reopened'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** Statuses in which the responsible unit still owes a reply. */
export const PENDING_STATUSES: readonly CaseStatus[] = ['open', 'transferred', 'reopened'];

export const CaseStatusSchema = StringEnum(CASE_STATUSES, {
  description: 'open → transferred → replied → closed; reopened after a poor rating (差评)',
});

/** The steps of a case's chain, as its events record them. */
export const CASE_EVENT_KINDS = [
  'opened',
  'transferred',
  'extended',
  'replied',
  'closed',
  'rated',
  'reopened',
  'published',
  'due_recomputed',
  'return_visit',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

/**
 * The medium of a media report (媒体报道) or an online post (网络发布): newspaper 报纸, tv 电视,
 * radio 广播, news_site 新闻网站, wechat 微信公众号, weibo 微博, gov_website 政府网站, short_video 短视频.
 */
export const MEDIA = [
  'newspaper',
  'tv',
  'radio',
  'news_site',
  'wechat',
  'weibo',
  'gov_website',
  'short_video',
] as const;
export type Medium = (typeof MEDIA)[number];
/** The media an online post of the unit's own can be on: not print or broadcast. */
export const ONLINE_MEDIA: readonly Medium[] = ['news_site', 'wechat', 'weibo', 'gov_website', 'short_video'];

export const MediumSchema = StringEnum(MEDIA, {
  description:
    'newspaper 报纸, tv 电视, radio 广播, news_site 新闻网站, wechat 微信公众号, weibo 微博, gov_website 政府网站, short_video 短视频',
});

/**
 * Meetings of a unit's day: 筹备会 preparation, 部署会 deployment, 座谈会 symposium, 听证会 hearing,
 * 启动仪式 launch ceremony.
 */
export const MEETING_KINDS = ['preparation', 'deployment', 'symposium', 'hearing', 'launch_ceremony'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
/** The meetings held before the day to prepare it; the others are held with the public. */
export const PREPARATORY_MEETINGS: readonly MeetingKind[] = ['preparation', 'deployment'];

/**
 * Who takes part in a meeting or raises an opinion there: deputies to the people's congress (人大代表),
 * CPPCC members (政协委员), media (媒体), residents or villagers (群众代表), enterprises (企业代表), staff (工作人员).
 */
export const PARTICIPANT_CATEGORIES = [
  'deputies',
  'cppcc_members',
  'media',
  'residents',
  'enterprises',
  'staff',
] as const;
export type ParticipantCategory = (typeof PARTICIPANT_CATEGORIES)[number];

/**
 * What became of an opinion raised at a meeting: answered on the spot (当场答复), transferred
 * (转办, as a case), adopted (采纳), under study (研究办理), noted (记录在案).
 */
export const OPINION_OUTCOMES = ['answered_on_spot', 'transferred', 'adopted', 'under_study', 'noted'] as const;
export type OpinionOutcome = (typeof OPINION_OUTCOMES)[number];
