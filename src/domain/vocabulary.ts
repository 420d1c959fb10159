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
